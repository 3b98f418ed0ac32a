package io.stowage.s3.sse;

/** Who holds the key that wraps an object's data key. */
public enum SseAlgorithm {
    /** SSE-S3: a master key from the server's {@link MasterKeyStore}. */
    SSE_S3(1),
    /** SSE-C: the key the client sends with every request; only its MD5 is stored. */
    SSE_C(2);

    /** The value of x-amz-server-side-encryption and x-amz-server-side-encryption-customer-algorithm. */
    public static final String AES256 = "AES256";

    private final int code;

    SseAlgorithm(int code) {
        this.code = code;
    }

    int code() {
        return code;
    }

    static SseAlgorithm ofCode(int code) {
        for (SseAlgorithm algorithm : values()) {
            if (algorithm.code == code) {
                return algorithm;
            }
        }
        return null;
    }
}
