package io.stowage.bench.hot;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A plain SigV4 signer for building the benchmarks' inputs, independent of the production
 * classes under measurement (like the s3 module's TestSigner, which is not on the bench
 * classpath). Only handles what the benchmarks send: unreserved-character paths and queries.
 */
final class BenchSigner {

    static final String ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
    static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final String REGION = "us-east-1";
    static final String DATE = "20261122";
    static final String DATE_TIME = DATE + "T024500Z";
    static final String SCOPE = DATE + "/" + REGION + "/s3/aws4_request";
    static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private BenchSigner() {
    }

    static byte[] signingKey() {
        byte[] key = hmac(utf8("AWS4" + SECRET_KEY), DATE);
        key = hmac(key, REGION);
        key = hmac(key, "s3");
        return hmac(key, "aws4_request");
    }

    /**
     * The signature of a request.
     *
     * @param canonicalQuery the query sorted by name, names and values already URI-encoded
     * @param headers lower-case name to value, all of them signed
     */
    static String requestSignature(String method, String path, String canonicalQuery, Map<String, String> headers,
            String payloadHash) {
        StringBuilder canonical = new StringBuilder().append(method).append('\n').append(path).append('\n')
                .append(canonicalQuery).append('\n');
        TreeMap<String, String> sorted = new TreeMap<>(headers);
        sorted.forEach((name, value) -> canonical.append(name).append(':').append(value.trim()).append('\n'));
        canonical.append('\n').append(String.join(";", sorted.keySet())).append('\n').append(payloadHash);
        return sign("AWS4-HMAC-SHA256\n" + DATE_TIME + "\n" + SCOPE + "\n" + sha256Hex(utf8(canonical.toString())));
    }

    static String signedHeaders(Map<String, String> headers) {
        return String.join(";", new TreeMap<>(headers).keySet());
    }

    static String chunkSignature(String previous, byte[] data, int offset, int length) {
        MessageDigest digest = sha256();
        digest.update(data, offset, length);
        return sign("AWS4-HMAC-SHA256-PAYLOAD\n" + DATE_TIME + "\n" + SCOPE + "\n" + previous + "\n" + EMPTY_SHA256
                + "\n" + HexFormat.of().formatHex(digest.digest()));
    }

    static Map<String, List<String>> headerLists(Map<String, String> headers) {
        Map<String, List<String>> lists = new TreeMap<>();
        headers.forEach((name, value) -> lists.put(name, List.of(value)));
        return lists;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256Hex(byte[] data) {
        return HexFormat.of().formatHex(sha256().digest(data));
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
