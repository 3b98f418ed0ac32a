package io.stowage.bench.load;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 in the Authorization header, for the three headers every request of the
 * load generator signs: host, x-amz-content-sha256 and x-amz-date. It works on bytes, with no
 * per-request allocation: the canonical request is fed to one reused SHA-256 piece by piece, the
 * string to sign is a per-day template whose date and hash are overwritten, and one reused HMAC
 * signs it. The signing key is derived when the date changes. Not thread-safe: one per connection.
 */
final class RequestSigner {

    static final byte[] UNSIGNED_PAYLOAD = ascii("UNSIGNED-PAYLOAD");
    static final byte[] EMPTY_SHA256 = ascii("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

    private static final String SIGNED_HEADERS = "host;x-amz-content-sha256;x-amz-date";
    private static final byte[] CANONICAL_DATE = ascii("\nx-amz-date:");
    private static final byte[] CANONICAL_END = ascii("\n\n" + SIGNED_HEADERS + "\n");
    private static final byte[] ALGORITHM = ascii("AWS4-HMAC-SHA256\n");
    private static final byte[] HEX = ascii("0123456789abcdef");

    private final String accessKey;
    private final byte[] secret;
    private final String region;
    private final String service;
    /** "host:HOST\nx-amz-content-sha256:", the canonical headers up to the payload hash. */
    private final byte[] canonicalHost;
    private final MessageDigest sha256;
    private final byte[] hash = new byte[32];
    private final byte[] signature = new byte[32];
    private final byte[] day = new byte[8];
    /** "AWS4-HMAC-SHA256\nDATE\nSCOPE\nHASH": the date (at 17) and the hash (the last 64 bytes) change per request. */
    private byte[] stringToSign;
    private byte[] authorizationPrefix;
    private Mac mac;

    RequestSigner(String accessKey, String secretKey, String region, String service, String host) {
        this.accessKey = accessKey;
        this.secret = ("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8);
        this.region = region;
        this.service = service;
        this.canonicalHost = ascii("host:" + host + "\nx-amz-content-sha256:");
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Signs a request and writes the signature's 64 lower-case hex digits into {@code hexOut}.
     *
     * @param path        the URI-encoded path, as sent
     * @param query       the canonical query, as sent (empty if none)
     * @param payloadHash {@link #UNSIGNED_PAYLOAD} or the body's SHA-256 in hex
     * @param amzDate     the x-amz-date value, 16 bytes
     */
    void sign(Method method, byte[] path, byte[] query, byte[] payloadHash, byte[] amzDate, byte[] hexOut) {
        if (!Arrays.equals(amzDate, 0, 8, day, 0, 8)) {
            newDay(amzDate);
        }
        MessageDigest d = sha256;
        d.update(method.bytes);
        d.update((byte) '\n');
        d.update(path);
        d.update((byte) '\n');
        d.update(query);
        d.update((byte) '\n');
        d.update(canonicalHost);
        d.update(payloadHash);
        d.update(CANONICAL_DATE);
        d.update(amzDate);
        d.update(CANONICAL_END);
        d.update(payloadHash);
        try {
            d.digest(hash, 0, hash.length);
            System.arraycopy(amzDate, 0, stringToSign, ALGORITHM.length, 16);
            hex(hash, stringToSign, stringToSign.length - 64);
            mac.update(stringToSign);
            mac.doFinal(signature, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        hex(signature, hexOut, 0);
    }

    /** "AWS4-HMAC-SHA256 Credential=AK/SCOPE,SignedHeaders=...,Signature=", valid for the day of the last {@link #sign}. */
    byte[] authorizationPrefix() {
        return authorizationPrefix;
    }

    private void newDay(byte[] amzDate) {
        String date = new String(amzDate, 0, 8, StandardCharsets.US_ASCII);
        String scope = date + "/" + region + "/" + service + "/aws4_request";
        byte[] key = hmac(secret, date);
        key = hmac(key, region);
        key = hmac(key, service);
        key = hmac(key, "aws4_request");
        mac = mac(key);
        stringToSign = ascii("AWS4-HMAC-SHA256\n" + "0".repeat(16) + "\n" + scope + "\n" + "0".repeat(64));
        authorizationPrefix = ascii("AWS4-HMAC-SHA256 Credential=" + accessKey + "/" + scope + ",SignedHeaders="
                + SIGNED_HEADERS + ",Signature=");
        System.arraycopy(amzDate, 0, day, 0, 8);
    }

    private static void hex(byte[] in, byte[] out, int offset) {
        for (int i = 0; i < in.length; i++) {
            out[offset + 2 * i] = HEX[(in[i] >> 4) & 0xf];
            out[offset + 2 * i + 1] = HEX[in[i] & 0xf];
        }
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

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
