package io.stowage.backend.s3;

import io.stowage.backend.AccessKey;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 for {@link HttpRequest}s of the JDK's HTTP client, header form: {@link #sign}
 * answers a copy of the request with {@code x-amz-date}, {@code Authorization} and, for S3,
 * {@code x-amz-content-sha256}. Every header the request carries is signed, and {@code host}, which the
 * client derives from the URI (the port left out when it is the scheme's default, as the client sends it).
 *
 * <p>S3 and other services canonicalize the path differently: S3 encodes it once, as sent; the others
 * (RGW's and MinIO's admin APIs sign as IAM does) encode the sent path once more. Paths are signed as
 * given, without removing {@code .} or {@code ..} segments: build URIs without them.
 */
public final class SigV4Signer {

    /** The SHA-256 of no bytes, the payload hash of a request without a body. */
    public static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    /** Replaced by the signature's own values, never signed as the caller set them. */
    private static final Set<String> SIGNATURE_HEADERS = Set.of("authorization", "x-amz-date", "x-amz-content-sha256");

    private final AccessKey key;
    private final String region;
    private final String service;
    private final Clock clock;

    private SigV4Signer(AccessKey key, String region, String service, Clock clock) {
        this.key = Objects.requireNonNull(key, "key");
        this.region = Objects.requireNonNull(region, "region");
        this.service = Objects.requireNonNull(service, "service");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A signer for S3 requests: path encoded once, the payload hash sent in {@code x-amz-content-sha256}. */
    public static SigV4Signer s3(AccessKey key, String region, Clock clock) {
        return new SigV4Signer(key, region, "s3", clock);
    }

    /** A signer for another service's requests ({@code iam}, or what an admin API names): path encoded twice. */
    public static SigV4Signer service(AccessKey key, String region, String service, Clock clock) {
        if ("s3".equals(service)) {
            throw new IllegalArgumentException("sign S3 requests with SigV4Signer.s3");
        }
        return new SigV4Signer(key, region, service, clock);
    }

    /** Signs a request whose body is these bytes (empty for none). */
    public HttpRequest sign(HttpRequest request, byte[] body) {
        return sign(request, sha256Hex(body));
    }

    /**
     * Signs a request whose body has this SHA-256 (lower-case hex), or {@code UNSIGNED-PAYLOAD} for S3
     * requests whose body is not signed.
     */
    public HttpRequest sign(HttpRequest request, String payloadSha256) {
        String dateTime = DATE_TIME.format(clock.instant());
        TreeMap<String, String> headers = canonicalHeaders(request);
        headers.put("x-amz-date", dateTime);
        if (isS3()) {
            headers.put("x-amz-content-sha256", payloadSha256);
        }
        String signedHeaders = String.join(";", headers.keySet());
        String canonicalRequest = request.method() + "\n"
                + canonicalPath(request.uri()) + "\n"
                + canonicalQuery(request.uri().getRawQuery()) + "\n"
                + headers.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue() + "\n").collect(Collectors.joining())
                + "\n"
                + signedHeaders + "\n"
                + payloadSha256;
        String scope = dateTime.substring(0, 8) + "/" + region + "/" + service + "/aws4_request";
        String stringToSign = ALGORITHM + "\n" + dateTime + "\n" + scope + "\n" + sha256Hex(utf8(canonicalRequest));
        String signature = HexFormat.of().formatHex(hmac(signingKey(dateTime.substring(0, 8)), stringToSign));

        HttpRequest.Builder signed = HttpRequest.newBuilder(request, (name, value) -> !SIGNATURE_HEADERS.contains(lower(name)))
                .header("x-amz-date", dateTime)
                .header("Authorization", ALGORITHM + " Credential=" + key.id() + "/" + scope
                        + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature);
        if (isS3()) {
            signed.header("x-amz-content-sha256", payloadSha256);
        }
        return signed.build();
    }

    private boolean isS3() {
        return "s3".equals(service);
    }

    private static TreeMap<String, String> canonicalHeaders(HttpRequest request) {
        TreeMap<String, String> headers = new TreeMap<>();
        for (Map.Entry<String, List<String>> header : request.headers().map().entrySet()) {
            String name = lower(header.getKey());
            if (!SIGNATURE_HEADERS.contains(name)) {
                headers.put(name, header.getValue().stream().map(SigV4Signer::trimValue).collect(Collectors.joining(",")));
            }
        }
        headers.put("host", host(request.uri()));
        return headers;
    }

    /** The Host header the JDK client sends: the port only when it is not the scheme's default. */
    static String host(URI uri) {
        int port = uri.getPort();
        boolean defaultPort = port == -1 || ("https".equalsIgnoreCase(uri.getScheme()) ? port == 443 : port == 80);
        return defaultPort ? uri.getHost() : uri.getHost() + ":" + port;
    }

    String canonicalPath(URI uri) {
        String raw = uri.getRawPath();
        if (raw == null || raw.isEmpty()) {
            return "/";
        }
        String once = UriEncoding.encodePath(UriEncoding.decode(raw));
        return isS3() ? once : UriEncoding.encodePath(once);
    }

    static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> parameters = new ArrayList<>();
        for (String parameter : rawQuery.split("&")) {
            if (parameter.isEmpty()) {
                continue;
            }
            int equals = parameter.indexOf('=');
            String name = equals < 0 ? parameter : parameter.substring(0, equals);
            String value = equals < 0 ? "" : parameter.substring(equals + 1);
            parameters.add(new String[] {UriEncoding.encode(UriEncoding.decode(name)), UriEncoding.encode(UriEncoding.decode(value))});
        }
        parameters.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        return parameters.stream().map(p -> p[0] + "=" + p[1]).collect(Collectors.joining("&"));
    }

    private static String trimValue(String value) {
        return value.strip().replaceAll(" +", " ");
    }

    private byte[] signingKey(String date) {
        byte[] secret = utf8("AWS4" + key.secret());
        return hmac(hmac(hmac(hmac(secret, date), region), service), "aws4_request");
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(utf8(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no HmacSHA256", e);
        }
    }

    /** Lower-case hex SHA-256 of the bytes, as payload hashes are written. */
    public static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "SigV4Signer[" + service + ", " + region + ", " + key + "]";
    }
}
