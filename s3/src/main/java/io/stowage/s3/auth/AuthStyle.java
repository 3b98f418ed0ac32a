package io.stowage.s3.auth;

import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;

/** Where the signature came from, which decides the error code for malformed authentication data. */
enum AuthStyle {
    HEADER(S3ErrorCode.AuthorizationHeaderMalformed, "The authorization header is malformed; "),
    QUERY(S3ErrorCode.AuthorizationQueryParametersError, "Error parsing the X-Amz-Credential parameter; "),
    POST(S3ErrorCode.InvalidArgument, "Error parsing the X-Amz-Credential parameter; ");

    private final S3ErrorCode code;
    private final String credentialPrefix;

    AuthStyle(S3ErrorCode code, String credentialPrefix) {
        this.code = code;
        this.credentialPrefix = credentialPrefix;
    }

    /** A malformed credential (scope), worded as AWS does for this style. */
    S3Exception credentialError(String detail) {
        return new S3Exception(code, credentialPrefix + detail);
    }

    /** Any other malformed authentication data. */
    S3Exception malformed(String message) {
        return new S3Exception(code, message);
    }
}
