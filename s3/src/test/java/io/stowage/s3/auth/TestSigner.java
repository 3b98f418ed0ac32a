package io.stowage.s3.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** A deliberately plain SigV4 signer for tests, independent of the production classes. */
final class TestSigner {

    static final String ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
    static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final String DATE_TIME = "20130524T000000Z";
    static final String SCOPE = "20130524/us-east-1/s3/aws4_request";
    static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private TestSigner() {
    }

    static byte[] signingKey() {
        byte[] key = hmac(("AWS4" + SECRET_KEY).getBytes(StandardCharsets.UTF_8), "20130524");
        key = hmac(key, "us-east-1");
        key = hmac(key, "s3");
        return hmac(key, "aws4_request");
    }

    static String requestSignature(String canonicalRequest) {
        return sign("AWS4-HMAC-SHA256\n" + DATE_TIME + "\n" + SCOPE + "\n" + sha256Hex(utf8(canonicalRequest)));
    }

    static String chunkSignature(String previous, byte[] data) {
        return sign("AWS4-HMAC-SHA256-PAYLOAD\n" + DATE_TIME + "\n" + SCOPE + "\n" + previous + "\n" + EMPTY_SHA256
                + "\n" + sha256Hex(data));
    }

    static String trailerSignature(String previous, String canonicalTrailers) {
        return sign("AWS4-HMAC-SHA256-TRAILER\n" + DATE_TIME + "\n" + SCOPE + "\n" + previous + "\n"
                + sha256Hex(utf8(canonicalTrailers)));
    }

    static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String sign(String stringToSign) {
        return HexFormat.of().formatHex(hmac(signingKey(), stringToSign));
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(utf8(data));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
