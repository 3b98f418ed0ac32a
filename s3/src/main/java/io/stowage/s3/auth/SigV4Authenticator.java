package io.stowage.s3.auth;

import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Verifies AWS Signature Version 4 on S3 requests, signed either in the Authorization header or
 * in a presigned URL's query. Thread-safe.
 */
public final class SigV4Authenticator {

    static final Duration MAX_SKEW = Duration.ofMinutes(15);
    static final long MAX_EXPIRES_SECONDS = 604_800;

    private static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    private static final String CONTENT_SHA256 = "x-amz-content-sha256";

    /** A signature as presented, before it is checked. */
    private record Claim(AuthStyle style, CredentialScope credential, String dateTime, List<String> signedHeaders,
            String signature, String payloadHash, String canonicalQuery) {
    }

    private final CredentialLookup credentials;
    private final String region;
    private final Clock clock;
    private final SigningKeyCache signingKeys = new SigningKeyCache();

    public SigV4Authenticator(CredentialLookup credentials, String region, Clock clock) {
        this.credentials = credentials;
        this.region = region;
        this.clock = clock;
    }

    /**
     * Authenticates {@code request}.
     *
     * @return the signer, or an anonymous authentication (null access key id) for an unsigned request
     * @throws S3Exception the AWS error for any signature problem
     */
    public Authentication authenticate(AuthRequest request) {
        String authorization = request.header("authorization");
        QueryString query = QueryString.parse(request.rawQuery());
        boolean presigned = query.contains("X-Amz-Algorithm") || query.contains("X-Amz-Signature")
                || query.contains("X-Amz-Credential");
        if (authorization != null && presigned) {
            throw new S3Exception(S3ErrorCode.InvalidArgument,
                    "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query"
                            + " string parameter or the Authorization header should be specified");
        }
        if (authorization != null) {
            return verify(request, headerClaim(request, authorization, query));
        }
        if (presigned) {
            return verify(request, queryClaim(request, query));
        }
        if (query.contains("AWSAccessKeyId")) {
            throw AuthorizationHeader.unsupportedMechanism();
        }
        return anonymous(request.header(CONTENT_SHA256));
    }

    /**
     * Verifies the signature of a browser POST form: its base64 policy, as sent, signed with the signing key of
     * {@code credential} for the day of {@code amzDate}. When the form is accepted is the policy's expiration's business.
     *
     * @return the access key id that signed it
     * @throws S3Exception InvalidArgument for malformed fields, InvalidAccessKeyId, SignatureDoesNotMatch
     */
    public String verifyPostPolicy(String algorithm, String credentialValue, String amzDate, String policy, String signature) {
        if (!CanonicalRequest.ALGORITHM.equals(algorithm)) {
            throw AuthStyle.POST.malformed("X-Amz-Algorithm only supports \"" + CanonicalRequest.ALGORITHM + "\"");
        }
        if (credentialValue == null || amzDate == null || signature == null) {
            throw AuthStyle.POST.malformed("POST requests signed with version 4 need the x-amz-credential, x-amz-date"
                    + " and x-amz-signature fields.");
        }
        CredentialScope credential = CredentialScope.parse(credentialValue, region, AuthStyle.POST);
        if (AmzDate.parseBasic(amzDate) == null) {
            throw AuthStyle.POST.malformed("X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"");
        }
        checkCredentialDate(credential, amzDate, AuthStyle.POST);
        String secret = credentials.secretKey(credential.accessKeyId())
                .orElseThrow(() -> new S3Exception(S3ErrorCode.InvalidAccessKeyId));
        byte[] signingKey = signingKeys.signingKey(secret, credential.date(), region);
        if (!SigV4Crypto.sameSignature(SigV4Crypto.hex(SigV4Crypto.hmac(signingKey, policy)), signature)) {
            throw new S3Exception(S3ErrorCode.SignatureDoesNotMatch);
        }
        return credential.accessKeyId();
    }

    /** An unsigned request: only its body's integrity can be checked, and only signature-free body framings work. */
    private static Authentication anonymous(String contentSha256) {
        PayloadMode mode = contentSha256 == null ? PayloadMode.UNSIGNED : PayloadMode.of(contentSha256);
        return switch (mode) {
            case UNSIGNED, STREAMING_UNSIGNED_TRAILER -> new Authentication(null, mode, null, null);
            case SIGNED -> new Authentication(null, mode, contentSha256.toLowerCase(Locale.ROOT), null);
            case STREAMING_SIGNED, STREAMING_SIGNED_TRAILER -> throw new S3Exception(S3ErrorCode.AccessDenied,
                    "A signed streaming payload needs a signed request");
        };
    }

    private Claim headerClaim(AuthRequest request, String authorization, QueryString query) {
        AuthorizationHeader header = AuthorizationHeader.parse(authorization);
        CredentialScope credential = CredentialScope.parse(header.credential(), region, AuthStyle.HEADER);
        List<String> signedHeaders = CanonicalRequest.signedHeaders(header.signedHeaders(), AuthStyle.HEADER);
        Instant date = requestDate(request);
        String dateTime = AmzDate.formatBasic(date);
        checkCredentialDate(credential, dateTime, AuthStyle.HEADER);
        if (Duration.between(date, clock.instant()).abs().compareTo(MAX_SKEW) > 0) {
            throw new S3Exception(S3ErrorCode.RequestTimeTooSkewed);
        }
        String payloadHash = request.header(CONTENT_SHA256);
        if (payloadHash == null) {
            // Some signers (curl's --aws-sigv4 among them) omit the header for an empty body: take the
            // empty payload's hash, which the payload check then enforces.
            payloadHash = SigV4Crypto.EMPTY_SHA256;
        }
        return new Claim(AuthStyle.HEADER, credential, dateTime, signedHeaders, header.signature(), payloadHash,
                query.canonical(null));
    }

    private Claim queryClaim(AuthRequest request, QueryString query) {
        AuthStyle style = AuthStyle.QUERY;
        String algorithm = query.value("X-Amz-Algorithm");
        String credentialValue = query.value("X-Amz-Credential");
        String amzDate = query.value("X-Amz-Date");
        String expiresValue = query.value("X-Amz-Expires");
        String signedHeadersValue = query.value("X-Amz-SignedHeaders");
        String signature = query.value("X-Amz-Signature");
        if (algorithm == null || credentialValue == null || amzDate == null || expiresValue == null
                || signedHeadersValue == null || signature == null) {
            throw style.malformed("Query-string authentication version 4 requires the X-Amz-Algorithm,"
                    + " X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires"
                    + " parameters.");
        }
        if (!algorithm.equals(CanonicalRequest.ALGORITHM)) {
            throw style.malformed("X-Amz-Algorithm only supports \"" + CanonicalRequest.ALGORITHM + "\"");
        }
        CredentialScope credential = CredentialScope.parse(credentialValue, region, style);
        List<String> signedHeaders = CanonicalRequest.signedHeaders(signedHeadersValue, style);
        Instant date = AmzDate.parseBasic(amzDate);
        if (date == null) {
            throw style.malformed("X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"");
        }
        checkCredentialDate(credential, amzDate, style);
        long expires = expiresSeconds(expiresValue);
        Instant now = clock.instant();
        if (date.isAfter(now.plus(MAX_SKEW))) {
            throw new S3Exception(S3ErrorCode.AccessDenied, "Request is not valid yet");
        }
        if (now.isAfter(date.plusSeconds(expires))) {
            throw new S3Exception(S3ErrorCode.AccessDenied, "Request has expired");
        }
        String payloadHash = request.header(CONTENT_SHA256);
        return new Claim(style, credential, amzDate, signedHeaders, signature,
                payloadHash == null ? UNSIGNED_PAYLOAD : payloadHash, query.canonical("X-Amz-Signature"));
    }

    private Authentication verify(AuthRequest request, Claim claim) {
        PayloadMode mode = PayloadMode.of(claim.payloadHash());
        String accessKeyId = claim.credential().accessKeyId();
        String secret = credentials.secretKey(accessKeyId)
                .orElseThrow(() -> new S3Exception(S3ErrorCode.InvalidAccessKeyId));
        byte[] signingKey = signingKeys.signingKey(secret, claim.credential().date(), region);
        String scope = claim.credential().scope();
        String rawPath = request.rawPath();
        String canonicalUri = SigV4Encoding.canonicalPath(rawPath);
        // Some clients sign the path exactly as they sent it rather than strictly re-encoded.
        boolean rawPathDiffers = rawPath != null && !rawPath.isEmpty() && !rawPath.equals(canonicalUri);
        boolean matches = signatureMatches(request, claim, signingKey, scope, canonicalUri)
                || rawPathDiffers && signatureMatches(request, claim, signingKey, scope, rawPath);
        if (!matches) {
            throw new S3Exception(S3ErrorCode.SignatureDoesNotMatch);
        }
        String payloadSha256 = mode == PayloadMode.SIGNED ? claim.payloadHash().toLowerCase(Locale.ROOT) : null;
        return new Authentication(accessKeyId, mode, payloadSha256,
                new SigningContext(signingKey, claim.dateTime(), scope, claim.signature()));
    }

    private static boolean signatureMatches(AuthRequest request, Claim claim, byte[] signingKey, String scope,
            String canonicalUri) {
        String canonicalRequest = CanonicalRequest.build(request.method(), canonicalUri, claim.canonicalQuery(),
                request, claim.signedHeaders(), claim.payloadHash());
        String stringToSign = CanonicalRequest.stringToSign(claim.dateTime(), scope, canonicalRequest);
        return SigV4Crypto.sameSignature(SigV4Crypto.hex(SigV4Crypto.hmac(signingKey, stringToSign)),
                claim.signature());
    }

    /** x-amz-date, else Date. */
    private static Instant requestDate(AuthRequest request) {
        String amzDate = request.header("x-amz-date");
        Instant date = amzDate != null ? AmzDate.parseBasic(amzDate) : AmzDate.parseHttpDate(request.header("date"));
        if (date == null) {
            throw new S3Exception(S3ErrorCode.AccessDenied,
                    "AWS authentication requires a valid Date or x-amz-date header");
        }
        return date;
    }

    private static void checkCredentialDate(CredentialScope credential, String dateTime, AuthStyle style) {
        if (!dateTime.startsWith(credential.date())) {
            throw style.credentialError("Invalid credential date \"" + credential.date()
                    + "\". This date is not the same as X-Amz-Date: \"" + dateTime.substring(0, 8) + "\".");
        }
    }

    private static long expiresSeconds(String value) {
        if (value.isEmpty() || value.length() > 10 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw AuthStyle.QUERY.malformed("X-Amz-Expires should be a number");
        }
        long expires = Long.parseLong(value);
        if (expires < 1) {
            throw AuthStyle.QUERY.malformed("X-Amz-Expires must be positive");
        }
        if (expires > MAX_EXPIRES_SECONDS) {
            throw AuthStyle.QUERY.malformed(
                    "X-Amz-Expires must be less than a week (in seconds) that is; " + MAX_EXPIRES_SECONDS);
        }
        return expires;
    }
}
