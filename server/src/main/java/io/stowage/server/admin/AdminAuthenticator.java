package io.stowage.server.admin;

import io.stowage.s3.Identities;
import io.stowage.s3.access.Caller;
import io.stowage.s3.auth.AuthRequest;
import io.stowage.s3.auth.Authentication;
import io.stowage.s3.auth.PayloadMode;
import io.stowage.s3.auth.SigV4Authenticator;
import io.stowage.s3.error.S3Exception;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Authenticates admin requests: the admin bearer token, or a SigV4 signature (header style, signed
 * payload) by a key acting with all the rights of an admin user (the root key, or an unscoped key
 * of a user created with admin=true).
 */
final class AdminAuthenticator {

    private static final String BEARER = "bearer ";
    private static final String SIGV4 = "AWS4-HMAC-SHA256";

    private final byte[] tokenDigest;
    private final SigV4Authenticator sigV4;
    private final Identities identities;

    AdminAuthenticator(String token, Identities identities, String region, Clock clock) {
        this.tokenDigest = sha256(token.getBytes(StandardCharsets.UTF_8));
        this.sigV4 = new SigV4Authenticator(identities, region, clock);
        this.identities = identities;
    }

    /**
     * @throws AdminException Unauthorized for missing or wrong credentials, Forbidden for a valid
     *     signature of a key that does not administer
     */
    AdminPrincipal authenticate(AdminRequest request) {
        String authorization = request.header("authorization");
        if (authorization == null) {
            throw unauthorized("credentials are missing: send 'Authorization: Bearer <admin token>' or sign the"
                    + " request with AWS Signature Version 4");
        }
        if (authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return bearer(authorization.substring(BEARER.length()).strip());
        }
        if (authorization.startsWith(SIGV4)) {
            return signed(request);
        }
        throw unauthorized("the Authorization header is neither 'Bearer <admin token>' nor an AWS Signature Version 4");
    }

    /** Checks the body against the SHA-256 a signature covered. */
    static void verifyPayload(AdminPrincipal principal, byte[] body) {
        if (principal.payloadSha256() != null && !HexFormat.of().formatHex(sha256(body)).equals(principal.payloadSha256())) {
            throw AdminException.invalid("the body's SHA-256 is not the signed x-amz-content-sha256");
        }
    }

    private AdminPrincipal bearer(String presented) {
        // Digests have one length, so the time taken does not depend on where or how the tokens differ.
        if (!MessageDigest.isEqual(tokenDigest, sha256(presented.getBytes(StandardCharsets.UTF_8)))) {
            throw unauthorized("the admin token is wrong");
        }
        return AdminPrincipal.TOKEN;
    }

    private AdminPrincipal signed(AdminRequest request) {
        Authentication auth;
        Caller caller;
        try {
            auth = sigV4.authenticate(new AuthRequest(request.method(), request.rawPath(), request.rawQuery(),
                    request.headers()));
            caller = identities.caller(auth.accessKeyId());
        } catch (S3Exception e) {
            throw unauthorized(e.code().code() + ": " + e.getMessage());
        }
        if (auth.payloadMode() != PayloadMode.SIGNED) {
            throw unauthorized("the admin API takes signed payloads only: x-amz-content-sha256 must be the body's"
                    + " SHA-256 in hex");
        }
        if (!caller.administers()) {
            throw new AdminException(AdminErrorCode.Forbidden, caller.scoped()
                    ? "access key " + auth.accessKeyId() + " is scoped by grants: scoped keys never administer"
                    : "user " + caller.user() + " is not an admin");
        }
        return new AdminPrincipal(auth.accessKeyId(), auth.payloadSha256().toLowerCase(Locale.ROOT));
    }

    private static AdminException unauthorized(String message) {
        return new AdminException(AdminErrorCode.Unauthorized, message);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
