package io.stowage.s3.handler;

import io.netty.handler.codec.http.HttpHeaders;
import io.stowage.engine.model.ObjectVersion;
import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import io.stowage.s3.http.S3Response;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The metadata S3 stores with an object: standard content headers and x-amz-meta-* user metadata. */
public final class ObjectMetadata {

    /** The content headers S3 stores and returns, by lower-case name. */
    public static final List<String> STORED_HEADERS = List.of(
            "content-type", "content-encoding", "content-disposition", "content-language", "cache-control", "expires");

    public static final String DEFAULT_CONTENT_TYPE = "binary/octet-stream";
    private static final String USER_PREFIX = "x-amz-meta-";
    /** AWS limits user-defined metadata to 2 KB (names and values, UTF-8). */
    private static final int USER_METADATA_LIMIT = 2048;

    private ObjectMetadata() {
    }

    public static Map<String, String> storedHeaders(HttpHeaders request) {
        Map<String, String> stored = new LinkedHashMap<>();
        for (String name : STORED_HEADERS) {
            String value = request.get(name);
            if (value != null) {
                stored.put(name, value);
            }
        }
        return stored;
    }

    public static Map<String, String> userMetadata(HttpHeaders request) {
        Map<String, String> meta = new LinkedHashMap<>();
        int size = 0;
        for (Map.Entry<String, String> h : request) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (name.startsWith(USER_PREFIX) && name.length() > USER_PREFIX.length()) {
                String key = name.substring(USER_PREFIX.length());
                meta.merge(key, h.getValue(), (a, b) -> a + "," + b);
                size += key.getBytes(StandardCharsets.UTF_8).length + h.getValue().getBytes(StandardCharsets.UTF_8).length;
            }
        }
        if (size > USER_METADATA_LIMIT) {
            throw new S3Exception(S3ErrorCode.MetadataTooLarge,
                    "Your metadata headers exceed the maximum allowed metadata size of " + USER_METADATA_LIMIT + " bytes");
        }
        return meta;
    }

    /** Writes the stored headers and user metadata of a version onto a GET or HEAD response. */
    public static void write(ObjectVersion v, S3Response response) {
        response.header("content-type", v.headers().getOrDefault("content-type", DEFAULT_CONTENT_TYPE));
        for (String name : STORED_HEADERS) {
            if (!name.equals("content-type")) {
                response.header(name, v.headers().get(name));
            }
        }
        v.userMetadata().forEach((k, val) -> response.header(USER_PREFIX + k, val));
    }
}
