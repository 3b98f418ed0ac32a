package io.stowage.bench.load;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The load generator's first SigV4 signer, on strings and with any signed headers: kept as the
 * reference that {@link RequestSigner}, which works on bytes, is checked against.
 */
final class SigV4Signer {

    static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private static final HexFormat HEX = HexFormat.of();

    private final String accessKey;
    private final byte[] secret;
    private final String region;
    private final String service;
    private final MessageDigest sha256;
    private final StringBuilder canonical = new StringBuilder(512);
    private String day;
    private String scope;
    private Mac signingMac;

    SigV4Signer(String accessKey, String secretKey, String region, String service) {
        this.accessKey = accessKey;
        this.secret = ("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8);
        this.region = region;
        this.service = service;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The Authorization header value.
     *
     * @param canonicalUri   the already URI-encoded path
     * @param canonicalQuery the already encoded and sorted query ("" if none)
     * @param headerNames    lower-case names of the signed headers, sorted
     * @param headerValues   their values, already trimmed
     * @param amzDate        the x-amz-date value (yyyyMMdd'T'HHmmss'Z')
     */
    String authorization(String method, String canonicalUri, String canonicalQuery, String[] headerNames,
            String[] headerValues, String payloadHash, String amzDate) {
        String date = amzDate.substring(0, 8);
        if (!date.equals(day)) {
            deriveKey(date);
        }
        StringBuilder c = canonical;
        c.setLength(0);
        c.append(method).append('\n').append(canonicalUri).append('\n').append(canonicalQuery).append('\n');
        for (int i = 0; i < headerNames.length; i++) {
            c.append(headerNames[i]).append(':').append(headerValues[i]).append('\n');
        }
        c.append('\n');
        int signedStart = c.length();
        for (int i = 0; i < headerNames.length; i++) {
            if (i > 0) {
                c.append(';');
            }
            c.append(headerNames[i]);
        }
        String signedHeaders = c.substring(signedStart);
        c.append('\n').append(payloadHash);
        byte[] hash = sha256.digest(c.toString().getBytes(StandardCharsets.UTF_8));
        c.setLength(0);
        c.append("AWS4-HMAC-SHA256\n").append(amzDate).append('\n').append(scope).append('\n');
        HEX.formatHex(c, hash);
        byte[] signature = signingMac.doFinal(c.toString().getBytes(StandardCharsets.UTF_8));
        c.setLength(0);
        c.append("AWS4-HMAC-SHA256 Credential=").append(accessKey).append('/').append(scope)
                .append(",SignedHeaders=").append(signedHeaders).append(",Signature=");
        HEX.formatHex(c, signature);
        return c.toString();
    }

    private void deriveKey(String date) {
        byte[] key = hmac(secret, date);
        key = hmac(key, region);
        key = hmac(key, service);
        key = hmac(key, "aws4_request");
        signingMac = mac(key);
        scope = date + "/" + region + "/" + service + "/aws4_request";
        day = date;
    }

    private static byte[] hmac(byte[] key, String data) {
        return mac(key).doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    private static Mac mac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
