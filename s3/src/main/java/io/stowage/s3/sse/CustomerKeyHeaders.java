package io.stowage.s3.sse;

import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads the SSE-C key of a request from its three headers (or, for the source of a copy, from
 * their x-amz-copy-source-server-side-encryption-customer-* forms), with S3's errors for an
 * incomplete or inconsistent set.
 */
public final class CustomerKeyHeaders {

    public static final String ALGORITHM = "x-amz-server-side-encryption-customer-algorithm";
    public static final String KEY = "x-amz-server-side-encryption-customer-key";
    public static final String KEY_MD5 = "x-amz-server-side-encryption-customer-key-MD5";
    public static final String COPY_SOURCE_ALGORITHM = "x-amz-copy-source-server-side-encryption-customer-algorithm";
    public static final String COPY_SOURCE_KEY = "x-amz-copy-source-server-side-encryption-customer-key";
    public static final String COPY_SOURCE_KEY_MD5 = "x-amz-copy-source-server-side-encryption-customer-key-MD5";

    private static final String INVALID_ALGORITHM = "Requests specifying Server Side Encryption with Customer provided keys "
            + "must provide a valid encryption algorithm.";
    private static final String MISSING_KEY = "Requests specifying Server Side Encryption with Customer provided keys "
            + "must provide an appropriate secret key.";
    private static final String MISSING_KEY_MD5 = "Requests specifying Server Side Encryption with Customer provided keys "
            + "must provide the client calculated MD5 of the secret key.";
    private static final String INVALID_KEY = "The secret key was invalid for the specified algorithm.";
    private static final String KEY_MD5_MISMATCH = "The calculated MD5 hash of the key did not match the hash that was provided.";

    private CustomerKeyHeaders() {
    }

    /**
     * The request's SSE-C key.
     *
     * @param headers the request's header values by (case-insensitive) name, null when absent
     * @return empty when none of the three headers is present
     * @throws S3Exception InvalidArgument when some are present but they do not give a valid key
     */
    public static Optional<CustomerKey> of(Function<String, String> headers) {
        return parse(headers.apply(ALGORITHM), headers.apply(KEY), headers.apply(KEY_MD5));
    }

    /** The SSE-C key of a copy's source, from the x-amz-copy-source-server-side-encryption-customer-* headers. */
    public static Optional<CustomerKey> ofCopySource(Function<String, String> headers) {
        return parse(headers.apply(COPY_SOURCE_ALGORITHM), headers.apply(COPY_SOURCE_KEY), headers.apply(COPY_SOURCE_KEY_MD5));
    }

    private static Optional<CustomerKey> parse(String algorithm, String key, String keyMd5) {
        if (algorithm == null && key == null && keyMd5 == null) {
            return Optional.empty();
        }
        if (algorithm == null || !algorithm.equals(SseAlgorithm.AES256)) {
            throw invalid(INVALID_ALGORITHM);
        }
        if (key == null) {
            throw invalid(MISSING_KEY);
        }
        if (keyMd5 == null) {
            throw invalid(MISSING_KEY_MD5);
        }
        byte[] keyBytes = decode(key.trim());
        if (keyBytes == null || keyBytes.length != CustomerKey.LENGTH) {
            throw invalid(INVALID_KEY);
        }
        CustomerKey customerKey = CustomerKey.of(keyBytes);
        byte[] md5 = decode(keyMd5.trim());
        if (md5 == null || !MessageDigest.isEqual(md5, customerKey.md5())) {
            throw invalid(KEY_MD5_MISMATCH);
        }
        return Optional.of(customerKey);
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static S3Exception invalid(String message) {
        return new S3Exception(S3ErrorCode.InvalidArgument, message);
    }
}
