package io.stowage.s3.auth;

import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;

/** How the request body is protected, from the x-amz-content-sha256 value that was signed. */
public enum PayloadMode {
    /** UNSIGNED-PAYLOAD: the body is taken as is. */
    UNSIGNED,
    /** A hex SHA-256 of the whole body, checked at its end. */
    SIGNED,
    /** STREAMING-AWS4-HMAC-SHA256-PAYLOAD: aws-chunked, each chunk signed. */
    STREAMING_SIGNED,
    /** STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER: signed chunks, then signed trailers. */
    STREAMING_SIGNED_TRAILER,
    /** STREAMING-UNSIGNED-PAYLOAD-TRAILER: aws-chunked without signatures, then trailers. */
    STREAMING_UNSIGNED_TRAILER;

    /** Reads an x-amz-content-sha256 value; throws InvalidArgument or NotImplemented for ones Stowage cannot take. */
    static PayloadMode of(String contentSha256) {
        return switch (contentSha256) {
            case "UNSIGNED-PAYLOAD" -> UNSIGNED;
            case "STREAMING-AWS4-HMAC-SHA256-PAYLOAD" -> STREAMING_SIGNED;
            case "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER" -> STREAMING_SIGNED_TRAILER;
            case "STREAMING-UNSIGNED-PAYLOAD-TRAILER" -> STREAMING_UNSIGNED_TRAILER;
            case "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD", "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER" ->
                throw new S3Exception(S3ErrorCode.NotImplemented,
                        "x-amz-content-sha256 " + contentSha256 + " (SigV4a) is not implemented");
            default -> {
                if (SigV4Crypto.isHexSha256(contentSha256)) {
                    yield SIGNED;
                }
                throw new S3Exception(S3ErrorCode.InvalidArgument,
                        "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER,"
                                + " STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER"
                                + " or a valid sha256 value.");
            }
        };
    }
}
