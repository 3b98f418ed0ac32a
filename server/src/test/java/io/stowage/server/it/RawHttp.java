package io.stowage.server.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * HTTP/1.1 over a plain socket, for requests no S3 client would send (invalid names, skewed
 * clocks, missing signatures, broken bodies). Signing uses the AWS SDK's own SigV4 signer.
 */
final class RawHttp {

    record Response(int status, Map<String, String> headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private RawHttp() {
    }

    /** Signs a request with SigV4 (signed payload) at the given clock's time. */
    static Map<String, String> sign(URI endpoint, String method, String encodedPath, byte[] body, Map<String, String> extraHeaders,
            String accessKey, String secretKey, Clock clock) {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.fromValue(method))
                .uri(URI.create(endpoint + encodedPath));
        extraHeaders.forEach(request::putHeader);
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(accessKey, secretKey))
                .request(request.build())
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, StowageServerExtension.REGION)
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true)
                .putProperty(HttpSigner.SIGNING_CLOCK, clock));
        Map<String, String> headers = new LinkedHashMap<>();
        signed.request().headers().forEach((name, values) -> headers.put(name, String.join(",", values)));
        return headers;
    }

    /** A presigned URL (query-string SigV4, unsigned payload) made at the clock's time. */
    static URI presign(URI endpoint, String method, String encodedPath, Clock clock, java.time.Duration validFor) {
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(StowageServerExtension.ACCESS_KEY, StowageServerExtension.SECRET_KEY))
                .request(SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(URI.create(endpoint + encodedPath)).build())
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, StowageServerExtension.REGION)
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4HttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, validFor)
                .putProperty(HttpSigner.SIGNING_CLOCK, clock));
        return signed.request().getUri();
    }

    /** A request signed and aws-chunk encoded by the SDK's signer: its headers and the encoded body. */
    record Encoded(Map<String, String> headers, byte[] body) {
    }

    /**
     * Encodes a body the way the SDK does for streaming uploads: aws-chunked, with chunk
     * signatures when {@code signChunks}, and a checksum trailer when an algorithm is given.
     */
    static Encoded signStreaming(URI endpoint, String encodedPath, byte[] payload, boolean signChunks,
            software.amazon.awssdk.checksums.spi.ChecksumAlgorithm trailer) throws IOException {
        // The signer sends unsigned chunks only over https; the scheme is not signed, so the request still goes over http.
        URI target = URI.create((signChunks ? "http" : "https") + "://" + endpoint.getAuthority() + encodedPath);
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.PUT).uri(target)
                .putHeader("Content-Length", Integer.toString(payload.length)).build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> {
            r.identity(AwsCredentialsIdentity.create(StowageServerExtension.ACCESS_KEY, StowageServerExtension.SECRET_KEY))
                    .request(request)
                    .payload(ContentStreamProvider.fromByteArray(payload))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, StowageServerExtension.REGION)
                    .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                    .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                    .putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, true)
                    .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, signChunks);
            if (trailer != null) {
                r.putProperty(AwsV4HttpSigner.CHECKSUM_ALGORITHM, trailer);
            }
        });
        byte[] body;
        try (InputStream in = signed.payload().orElseThrow().newStream()) {
            body = in.readAllBytes();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        signed.request().headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Length")) {
                headers.put(name, String.join(",", values));
            }
        });
        return new Encoded(headers, body);
    }

    static Map<String, String> signRoot(URI endpoint, String method, String encodedPath, byte[] body, Map<String, String> extraHeaders) {
        return sign(endpoint, method, encodedPath, body, extraHeaders,
                StowageServerExtension.ACCESS_KEY, StowageServerExtension.SECRET_KEY, Clock.systemUTC());
    }

    /** Sends one request with a Content-Length body and reads the whole response. */
    static Response send(URI endpoint, String method, String encodedPath, Map<String, String> headers, byte[] body) throws IOException {
        try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
            socket.setSoTimeout(10_000);
            StringBuilder head = new StringBuilder(method + " " + encodedPath + " HTTP/1.1\r\n");
            boolean hasHost = headers.keySet().stream().anyMatch(h -> h.equalsIgnoreCase("host"));
            if (!hasHost) {
                head.append("Host: ").append(endpoint.getHost()).append(':').append(endpoint.getPort()).append("\r\n");
            }
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            head.append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            out.write(body);
            out.flush();
            return read(socket.getInputStream());
        }
    }

    /** Reads one response: status line, headers, then a Content-Length body. */
    static Response read(InputStream in) throws IOException {
        Response head = readHead(in);
        int length = Integer.parseInt(head.headers().getOrDefault("content-length", "0"));
        return new Response(head.status(), head.headers(), in.readNBytes(length));
    }

    /** Reads the status line and headers of a response that has no body (a HEAD's). */
    static Response readHead(InputStream in) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) {
            throw new IOException("connection closed before a response");
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        String line;
        while ((line = line(in)) != null && !line.isEmpty()) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        return new Response(status, headers, new byte[0]);
    }

    static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                String s = line.toString(StandardCharsets.UTF_8);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
    }

    static List<String> errorCodes(Response response) {
        String text = response.text();
        int start = text.indexOf("<Code>");
        int end = text.indexOf("</Code>");
        return start < 0 || end < 0 ? List.of() : List.of(text.substring(start + 6, end));
    }
}
