package io.stowage.server.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.server.tls.ClusterTestCertificates;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.util.Random;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Three nodes whose peer traffic is mutual TLS with certificates of one CA: it replicates, and strangers are refused. */
class ClusterTlsIT {

    @TempDir
    Path dir;

    private ClusterNodes cluster;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void nodesReplicateOverMutualTlsAndRefusePeersWithoutTheClustersCertificate() throws Exception {
        ClusterTestCertificates certificates = ClusterTestCertificates.issue(dir.resolve("ca"));
        cluster = new ClusterNodes("tls", dir, 3).withTls(certificates.files());
        cluster.startAll();
        byte[] body = new byte[200_000];
        new Random(5).nextBytes(body);
        try (S3Client first = certificates.s3(URI.create("https://127.0.0.1:" + cluster.node(0).port()),
                ChildServer.ACCESS_KEY, ChildServer.SECRET_KEY);
                S3Client third = certificates.s3(URI.create("https://127.0.0.1:" + cluster.node(2).port()),
                        ChildServer.ACCESS_KEY, ChildServer.SECRET_KEY)) {
            first.createBucket(b -> b.bucket("secure"));
            first.putObject(b -> b.bucket("secure").key("k"), RequestBody.fromBytes(body));
            assertThat(third.getObjectAsBytes(b -> b.bucket("secure").key("k")).asByteArray()).isEqualTo(body);
        }

        int raft = cluster.raftPort(0);
        // HTTP/2's client preface for gRPC; on the blob port, a GET of a blob nobody has
        byte[][] hellos = {"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(), "G0123456789abcdef0123456789abcdef".getBytes()};
        int[] ports = {raft, raft + 1};
        for (int i = 0; i < ports.length; i++) {
            int port = ports[i];
            // with the cluster's certificate the server talks (HTTP/2 settings, or the blob protocol's answer)
            assertThat(answers(certificates.client(true), port, hellos[i])).as("port %d with the certificate", port).isTrue();
            assertThat(answers(certificates.client(false), port, hellos[i])).as("port %d without a certificate", port)
                    .isFalse();
            assertThat(answersPlainTcp(port, hellos[i])).as("port %d in plain TCP", port).isFalse();
        }
    }

    /** Whether the server sends anything after the handshake when this client connects and says something. */
    private static boolean answers(SSLContext context, int port, byte[] hello) {
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setApplicationProtocols(new String[] {"h2"}); // gRPC speaks only HTTP/2; the blob port ignores it
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            socket.getOutputStream().write(hello);
            socket.getOutputStream().flush();
            return socket.getInputStream().read() >= 0;
        } catch (IOException refused) {
            return false;
        }
    }

    private static boolean answersPlainTcp(int port, byte[] hello) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(hello);
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            int first = in.read();
            // a TLS server answers a non-TLS record with a TLS alert record (0x15) or closes: no protocol answer
            return first >= 0 && first != 0x15;
        } catch (IOException refused) {
            return false;
        }
    }
}
