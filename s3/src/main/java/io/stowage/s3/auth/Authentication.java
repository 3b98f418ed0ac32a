package io.stowage.s3.auth;

/**
 * A successfully authenticated request.
 *
 * @param accessKeyId who signed it; null for an anonymous (unsigned) request
 * @param payloadMode how the body is protected
 * @param payloadSha256 the expected lower-case hex SHA-256 of the body for {@link PayloadMode#SIGNED}, else null
 * @param signing what chunk and trailer signature checks need; null for an anonymous request
 */
public record Authentication(String accessKeyId, PayloadMode payloadMode, String payloadSha256, SigningContext signing) {

    /** An unsigned request with an unsigned body: a browser form, a website read. */
    public static final Authentication UNSIGNED_ANONYMOUS = new Authentication(null, PayloadMode.UNSIGNED, null, null);
}
