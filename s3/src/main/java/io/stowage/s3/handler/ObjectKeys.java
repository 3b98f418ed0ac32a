package io.stowage.s3.handler;

import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import java.nio.charset.StandardCharsets;

/** Object key rules: 1 to 1024 bytes of UTF-8 (S3's limit); U+0000 cannot be stored or listed in XML. */
public final class ObjectKeys {

    public static final int MAX_KEY_BYTES = 1024;

    private ObjectKeys() {
    }

    public static void validate(String key) {
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw new S3Exception(S3ErrorCode.KeyTooLongError, "Your key is too long: the maximum is " + MAX_KEY_BYTES + " bytes", key);
        }
        if (key.indexOf('\0') >= 0) {
            throw new S3Exception(S3ErrorCode.InvalidArgument, "Object keys must not contain the NUL character");
        }
    }
}
