package io.stowage.s3.auth;

import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;

/**
 * The parts of an {@code Authorization: AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...}
 * header.
 */
record AuthorizationHeader(String credential, String signedHeaders, String signature) {

    static AuthorizationHeader parse(String value) {
        String trimmed = value.trim();
        if (!trimmed.startsWith(CanonicalRequest.ALGORITHM + " ")) {
            throw unsupportedMechanism();
        }
        String credential = null;
        String signedHeaders = null;
        String signature = null;
        for (String component : trimmed.substring(CanonicalRequest.ALGORITHM.length() + 1).split(",")) {
            String part = component.trim();
            int equals = part.indexOf('=');
            if (equals <= 0) {
                throw malformed("the authorization component \"" + part + "\" is malformed.");
            }
            String content = part.substring(equals + 1);
            switch (part.substring(0, equals)) {
                case "Credential" -> credential = content;
                case "SignedHeaders" -> signedHeaders = content;
                case "Signature" -> signature = content;
                default -> throw malformed("the authorization component \"" + part + "\" is malformed.");
            }
        }
        if (credential == null || signedHeaders == null || signature == null) {
            throw malformed("the authorization header requires the Credential, SignedHeaders and Signature components.");
        }
        return new AuthorizationHeader(credential, signedHeaders, signature);
    }

    /** SigV2, SigV4a or anything else that is not AWS4-HMAC-SHA256. */
    static S3Exception unsupportedMechanism() {
        return new S3Exception(S3ErrorCode.InvalidRequest,
                "The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.");
    }

    private static S3Exception malformed(String detail) {
        return AuthStyle.HEADER.credentialError(detail);
    }

    @Override
    public String toString() {
        return "AuthorizationHeader[credential=" + credential + ", signedHeaders=" + signedHeaders + "]";
    }
}
