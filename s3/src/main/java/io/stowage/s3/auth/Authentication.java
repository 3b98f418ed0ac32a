package io.stowage.s3.auth;

/**
 * A successfully authenticated request.
 *
 * @param accessKeyId who signed it
 * @param payloadMode how the body is protected
 * @param payloadSha256 the expected lower-case hex SHA-256 of the body for {@link PayloadMode#SIGNED}, else null
 * @param signing what chunk and trailer signature checks need
 */
public record Authentication(String accessKeyId, PayloadMode payloadMode, String payloadSha256, SigningContext signing) {
}
