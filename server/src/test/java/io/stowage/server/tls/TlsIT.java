package io.stowage.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.server.StowageServer;
import io.stowage.server.it.StowageServerExtension;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** `--tls auto`: both ports speak HTTPS only, TLS 1.2+ with modern suites, to clients trusting only the generated CA. */
class TlsIT {

    private static final int ECDHE_ECDSA_AES_128_GCM_SHA256 = 0xc02b;
    private static final int ECDHE_ECDSA_AES_128_CBC_SHA = 0xc009;
    private static final int ECDHE_RSA_AES_128_CBC_SHA = 0xc013;

    private static StowageServer server;
    private static Path caFile;
    private static S3Client s3;

    @BeforeAll
    static void start(@TempDir Path data) throws Exception {
        server = StowageServer.start(StowageServerExtension.config(data, new TlsConfig(TlsMode.AUTO, null, null, null, List.of("s3.example.test"))));
        caFile = server.tlsCaFile();
        s3 = TlsClients.s3(URI.create("https://127.0.0.1:" + server.address().getPort()), caFile);
    }

    @AfterAll
    static void stop() {
        if (s3 != null) {
            s3.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theGeneratedCaIsTheOneToTrust() {
        assertThat(caFile).isNotNull().hasFileName("ca.crt");
        assertThat(caFile.getParent()).hasFileName("tls");
    }

    @Test
    void awsSdkPutsAndGetsObjectsOverHttps() {
        byte[] large = new byte[6 * 1024 * 1024 + 123];
        new Random(6).nextBytes(large);
        byte[] small = "inline over TLS".getBytes(StandardCharsets.UTF_8);

        s3.createBucket(b -> b.bucket("tls-bucket"));
        s3.putObject(b -> b.bucket("tls-bucket").key("large.bin"), RequestBody.fromBytes(large));
        s3.putObject(b -> b.bucket("tls-bucket").key("small.txt"), RequestBody.fromBytes(small));

        assertThat(s3.getObjectAsBytes(b -> b.bucket("tls-bucket").key("large.bin")).asByteArray()).isEqualTo(large);
        assertThat(s3.getObjectAsBytes(b -> b.bucket("tls-bucket").key("small.txt")).asByteArray()).isEqualTo(small);
        assertThat(s3.getObjectAsBytes(b -> b.bucket("tls-bucket").key("large.bin").range("bytes=5000000-5000099"))
                .asByteArray()).isEqualTo(Arrays.copyOfRange(large, 5_000_000, 5_000_100));
    }

    @Test
    void adminApiAnswersOverHttpsForEveryNameInTheCertificate() throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(TestCertificates.trusting(caFile)).build();
        for (String host : List.of("127.0.0.1", "localhost")) {
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(
                    URI.create("https://" + host + ":" + server.adminAddress().getPort() + "/admin/v1/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).as(host).isEqualTo(200);
            assertThat(health.body()).contains("ok");
        }
    }

    @Test
    void negotiatesTls13ByDefaultAndOnlyModernSuitesWithTls12() throws Exception {
        for (InetSocketAddress port : ports()) {
            try (SSLSocket socket = TlsClients.connect(port, caFile)) {
                assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
                assertThat(ServerTls.CIPHER_SUITES).contains(socket.getSession().getCipherSuite());
            }
            SSLSocket tls12 = (SSLSocket) TestCertificates.trusting(caFile).getSocketFactory()
                    .createSocket(port.getAddress(), port.getPort());
            tls12.setEnabledProtocols(new String[] {"TLSv1.2"});
            tls12.startHandshake();
            assertThat(tls12.getSession().getCipherSuite()).isIn(ServerTls.CIPHER_SUITES).startsWith("TLS_ECDHE_ECDSA_WITH_");
            tls12.close();

            SSLSocket cbcOnly = (SSLSocket) TestCertificates.trusting(caFile).getSocketFactory()
                    .createSocket(port.getAddress(), port.getPort());
            cbcOnly.setEnabledProtocols(new String[] {"TLSv1.2"});
            cbcOnly.setEnabledCipherSuites(new String[] {"TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"});
            assertThatThrownBy(cbcOnly::startHandshake).as("CBC suites are not offered")
                    .isInstanceOf(SSLHandshakeException.class);
            cbcOnly.close();
        }
    }

    @Test
    void refusesTls11Clients() throws Exception {
        for (InetSocketAddress port : ports()) {
            assertThat(TlsClients.helloAnswer(port, TlsClients.TLS_1_2, ECDHE_ECDSA_AES_128_GCM_SHA256))
                    .as("the same hello for TLS 1.2 gets a ServerHello").isEqualTo(TlsClients.HANDSHAKE_RECORD);
            assertThat(TlsClients.helloAnswer(port, TlsClients.TLS_1_1, ECDHE_ECDSA_AES_128_CBC_SHA, ECDHE_RSA_AES_128_CBC_SHA))
                    .as("TLS 1.1 hello on " + port).isIn(TlsClients.ALERT_RECORD, -1);
        }
    }

    @Test
    void plainHttpToTheTlsPortsGetsNoHttpAnswer() throws Exception {
        for (InetSocketAddress port : ports()) {
            try (Socket socket = new Socket(port.getAddress(), port.getPort())) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write("GET /admin/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                assertThat(new String(readToEnd(socket.getInputStream()), StandardCharsets.ISO_8859_1))
                        .as("answer on " + port).doesNotContain("HTTP/1.1");
            }
        }
    }

    private static List<InetSocketAddress> ports() {
        return List.of(server.address(), server.adminAddress());
    }

    private static byte[] readToEnd(InputStream in) throws IOException {
        try {
            return in.readAllBytes();
        } catch (SocketException e) {
            return new byte[0]; // reset
        }
    }
}
