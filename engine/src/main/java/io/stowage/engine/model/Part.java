package io.stowage.engine.model;

import java.util.Map;

/**
 * One uploaded part of a multipart upload, and of the object completed from it.
 *
 * @param etag hex MD5 of the part, unquoted
 * @param checksums base64 checksums by algorithm name, as sent with the part
 * @param body the part's bytes: a Blob, or Inline for a small last part
 */
public record Part(int number, long size, String etag, long lastModifiedMillis, Map<String, String> checksums, ObjectBody body) {

    public static final int MIN_NUMBER = 1;
    public static final int MAX_NUMBER = 10_000;

    public Part {
        checksums = Map.copyOf(checksums);
        if (body instanceof ObjectBody.Multipart) {
            throw new IllegalArgumentException("a part's body is inline or a blob");
        }
    }
}
