package io.stowage.bench.load;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A small AWS Signature Version 4 header signer for the load generator (independent of the
 * server's s3 module). Not thread-safe: each worker owns one. The signing key is derived once
 * per day (when the date part of x-amz-date changes); each request then costs one canonical
 * request string, one SHA-256 of it and one HMAC of the string to sign.
 */
public final class SigV4Signer {

    public static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    public static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

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

    public SigV4Signer(String accessKey, String secretKey, String region, String service) {
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
    public String authorization(String method, String canonicalUri, String canonicalQuery, String[] headerNames,
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

    /** RFC 3986 encoding as SigV4 wants it: unreserved characters kept, '/' kept if {@code keepSlash}. */
    public static String uriEncode(String s, boolean keepSlash) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length + 8);
        for (byte value : bytes) {
            int b = value & 0xff;
            if (b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '-' || b == '_'
                    || b == '.' || b == '~' || keepSlash && b == '/') {
                out.append((char) b);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(b >>> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
