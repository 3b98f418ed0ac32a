package io.stowage.csi.node.system;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.csi.node.MountException;
import io.stowage.csi.node.S3Access;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The connection and CA-bundle checks; certificate trust itself is shown against a real HTTPS server in TlsMountIT. */
class EndpointProbeTest {

    private static S3Access access(String endpoint, boolean insecure, String caBundle) {
        return new S3Access(URI.create(endpoint), null, "AK", "SK", insecure, caBundle);
    }

    @Test
    void anEndpointThatAcceptsConnectionsPasses() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatCode(() -> EndpointProbe.check(access("http://127.0.0.1:" + server.getLocalPort(), false, null),
                    Duration.ofSeconds(2))).doesNotThrowAnyException();
        }
    }

    @Test
    void aClosedPortFailsAtOnce() throws Exception {
        int port;
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = server.getLocalPort();
        }
        assertThatThrownBy(() -> EndpointProbe.check(access("https://127.0.0.1:" + port, true, null), Duration.ofSeconds(2)))
                .isInstanceOf(MountException.class).hasMessageContaining("cannot reach the endpoint")
                .extracting(e -> ((MountException) e).reason()).isEqualTo(MountException.Reason.FAILED);
    }

    @Test
    void aCaBundleWithoutCertificatesIsInvalid() {
        assertThatThrownBy(() -> EndpointProbe.check(access("https://127.0.0.1:1", false, "not a certificate"),
                Duration.ofSeconds(2)))
                .isInstanceOf(MountException.class).hasMessageContaining("caBundle holds no usable PEM certificate")
                .extracting(e -> ((MountException) e).reason()).isEqualTo(MountException.Reason.INVALID);
    }
}
