package io.stowage.server.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.server.it.StowageServerExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Locale;
import javax.net.ssl.SSLSocket;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** Clients of the TLS tests: the AWS SDK, raw TLS sockets with one HTTP/1.1 exchange at a time, and hand-made ClientHellos. */
final class TlsClients {

    /** TLS record and handshake bytes. */
    static final int HANDSHAKE_RECORD = 0x16;
    static final int ALERT_RECORD = 0x15;
    static final int TLS_1_1 = 0x0302;
    static final int TLS_1_2 = 0x0303;

    private TlsClients() {
    }

    /** The AWS SDK over HTTPS, trusting only the CA certificates in {@code caFile}. */
    static S3Client s3(URI endpoint, Path caFile) {
        return s3(endpoint, caFile, StowageServerExtension.ACCESS_KEY, StowageServerExtension.SECRET_KEY);
    }

    static S3Client s3(URI endpoint, Path caFile, String accessKey, String secretKey) {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.of(StowageServerExtension.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .forcePathStyle(true)
                .httpClientBuilder(Apache5HttpClient.builder()
                        .socketTimeout(Duration.ofSeconds(60))
                        .tlsTrustManagersProvider(() -> {
                            try {
                                return TestCertificates.trustManagers(caFile);
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        }))
                .build();
    }

    /** A TLS connection, handshake done, with a client context of its own (so no session is resumed). */
    static SSLSocket connect(InetSocketAddress address, Path caFile) throws Exception {
        SSLSocket socket = (SSLSocket) TestCertificates.trusting(caFile).getSocketFactory()
                .createSocket(address.getAddress(), address.getPort());
        socket.setSoTimeout(10_000);
        socket.startHandshake();
        return socket;
    }

    static X509Certificate peer(SSLSocket socket) throws IOException {
        return (X509Certificate) socket.getSession().getPeerCertificates()[0];
    }

    /** Sends one request on a kept-alive connection and reads the response: status line, headers, Content-Length body. */
    static String exchange(Socket socket, String request) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            assertThat(b).as("response so far: " + head.toString(StandardCharsets.US_ASCII)).isNotNegative();
            head.write(b);
        }
        String headers = head.toString(StandardCharsets.US_ASCII);
        int length = headers.lines()
                .filter(l -> l.toLowerCase(Locale.ROOT).startsWith("content-length:"))
                .mapToInt(l -> Integer.parseInt(l.substring(l.indexOf(':') + 1).trim()))
                .findFirst().orElseThrow(() -> new AssertionError("no Content-Length in " + headers));
        return headers + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    /**
     * Sends a hand-made ClientHello for {@code version} offering only {@code cipherSuites} (JSSE
     * will not send a TLS 1.1 one), and returns the first byte of the answer: the record type, or -1
     * when the server closed without a word.
     */
    static int helloAnswer(InetSocketAddress address, int version, int... cipherSuites) throws IOException {
        try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(clientHello(version, cipherSuites));
            socket.getOutputStream().flush();
            try {
                return socket.getInputStream().read();
            } catch (SocketException e) {
                return -1; // reset
            }
        }
    }

    private static byte[] clientHello(int version, int... cipherSuites) {
        ByteBuffer extensions = ByteBuffer.allocate(64)
                .putShort((short) 0x000a).putShort((short) 4).putShort((short) 2).putShort((short) 0x0017) // groups: P-256
                .putShort((short) 0x000b).putShort((short) 2).put((byte) 1).put((byte) 0) // point formats: uncompressed
                .putShort((short) 0x000d).putShort((short) 6).putShort((short) 4) // signature algorithms:
                .putShort((short) 0x0403).putShort((short) 0x0401); // ecdsa_secp256r1_sha256, rsa_pkcs1_sha256
        extensions.flip();
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        ByteBuffer body = ByteBuffer.allocate(256)
                .putShort((short) version).put(random)
                .put((byte) 0) // no session id
                .putShort((short) (cipherSuites.length * 2));
        for (int suite : cipherSuites) {
            body.putShort((short) suite);
        }
        body.put((byte) 1).put((byte) 0) // null compression
                .putShort((short) extensions.remaining()).put(extensions);
        body.flip();
        ByteBuffer record = ByteBuffer.allocate(5 + 4 + body.remaining())
                .put((byte) HANDSHAKE_RECORD).putShort((short) 0x0301).putShort((short) (4 + body.remaining()))
                .put((byte) 1) // client_hello
                .put((byte) 0).putShort((short) body.remaining())
                .put(body);
        return record.array();
    }
}
