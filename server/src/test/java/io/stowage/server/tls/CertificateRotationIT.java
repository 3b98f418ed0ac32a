package io.stowage.server.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.server.StowageServer;
import io.stowage.server.it.StowageServerExtension;
import io.stowage.server.tls.TestCertificates.Issued;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * `--tls files` from a directory laid out as Kubernetes mounts a Secret (tls.crt and tls.key are
 * links through ..data, which an update swaps by an atomic rename): the next connection after an
 * update gets the new certificate, and connections already open carry on.
 */
class CertificateRotationIT {

    private static Issued ca;
    private static Path secret;
    private static Path caFile;
    private static StowageServer server;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        ca = TestCertificates.ca("Rotation CA");
        caFile = dir.resolve("ca.crt");
        Files.writeString(caFile, TestCertificates.pem(ca.certificate()));
        secret = Files.createDirectory(dir.resolve("secret"));
        Files.createSymbolicLink(secret.resolve("..data"), writeVersion("..v1", "server-a").getFileName());
        Files.createSymbolicLink(secret.resolve("tls.crt"), Path.of("..data/tls.crt"));
        Files.createSymbolicLink(secret.resolve("tls.key"), Path.of("..data/tls.key"));
        server = StowageServer.start(StowageServerExtension.config(dir.resolve("data"), new TlsConfig(null, secret.resolve("tls.crt"), secret.resolve("tls.key"), caFile, List.of())));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aReplacedCertificateIsServedToTheNextConnectionWhileOpenOnesCarryOn() throws Exception {
        assertThat(server.tlsCaFile()).isEqualTo(caFile);
        String request = "GET / HTTP/1.1\r\nHost: 127.0.0.1:" + server.address().getPort() + "\r\n\r\n";
        try (SSLSocket old = TlsClients.connect(server.address(), caFile)) {
            assertThat(TlsClients.peer(old).getSubjectX500Principal().getName()).isEqualTo("CN=server-a");
            assertThat(TlsClients.exchange(old, request)).startsWith("HTTP/1.1 403");

            Path link = Files.createSymbolicLink(secret.resolve("..data_tmp"), writeVersion("..v2", "server-b").getFileName());
            Files.move(link, secret.resolve("..data"), StandardCopyOption.ATOMIC_MOVE);
            // the files are looked at once a second at most, when a handshake asks for the key
            Thread.sleep(1_100);

            for (InetSocketAddress port : List.of(server.address(), server.adminAddress())) {
                try (SSLSocket fresh = TlsClients.connect(port, caFile)) {
                    assertThat(TlsClients.peer(fresh).getSubjectX500Principal().getName()).as("port " + port.getPort())
                            .isEqualTo("CN=server-b");
                }
            }

            assertThat(TlsClients.exchange(old, request)).as("the open connection").startsWith("HTTP/1.1 403");
            assertThat(TlsClients.peer(old).getSubjectX500Principal().getName()).isEqualTo("CN=server-a");
        }

        try (S3Client s3 = TlsClients.s3(URI.create("https://127.0.0.1:" + server.address().getPort()), caFile)) {
            s3.createBucket(b -> b.bucket("rotated"));
            s3.putObject(b -> b.bucket("rotated").key("k"), RequestBody.fromString("after rotation"));
            assertThat(s3.getObjectAsBytes(b -> b.bucket("rotated").key("k")).asUtf8String()).isEqualTo("after rotation");
        }
    }

    /** A Secret version directory holding a new key and certificate named {@code name}. */
    private static Path writeVersion(String version, String name) throws Exception {
        Path dir = Files.createDirectory(secret.resolve(version));
        KeyPair keys = TestCertificates.ec();
        Files.writeString(dir.resolve("tls.key"), TestCertificates.pkcs8(keys.getPrivate()));
        Files.writeString(dir.resolve("tls.crt"), TestCertificates.pem(TestCertificates.server(name, keys, ca).certificate()));
        return dir;
    }
}
