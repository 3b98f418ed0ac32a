package io.stowage.csi.node.system;

import io.stowage.csi.node.MountException;
import io.stowage.csi.node.S3Access;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * Checks, before a mounter starts, that the endpoint answers and that its certificate is one the mounter
 * will trust: the volume's CA bundle, else the system's (what curl and Go read on Debian). Mounters retry a
 * refused connection or an untrusted certificate for long (rclone: about 45 s before its first EIO), so
 * without this check such a volume would look mounted and fail in the pod. An insecure volume skips the
 * certificate check but not the connection.
 */
public final class EndpointProbe {

    /** Debian's bundle of the system's CA certificates. */
    static final Path SYSTEM_BUNDLE = Path.of("/etc/ssl/certs/ca-certificates.crt");

    private EndpointProbe() {
    }

    /**
     * @throws MountException INVALID for a caBundle without certificates; FAILED saying what is wrong with
     *     the endpoint
     */
    public static void check(S3Access access, Duration timeout) {
        URI endpoint = access.endpoint();
        boolean https = "https".equals(endpoint.getScheme());
        SSLContext tls = https && !access.insecure() ? sslContext(access.caBundle()) : null;
        int port = endpoint.getPort() > 0 ? endpoint.getPort() : https ? 443 : 80;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.getHost(), port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            if (tls != null) {
                handshake(tls, socket, endpoint.getHost(), port);
            }
        } catch (SSLException e) {
            throw new MountException(MountException.Reason.FAILED, "the endpoint " + endpoint + " has a certificate"
                    + " the mounter would not trust (" + trustSource(access) + "): " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MountException(MountException.Reason.FAILED, "cannot reach the endpoint " + endpoint + ": "
                    + e.getMessage(), e);
        }
    }

    private static void handshake(SSLContext context, Socket socket, String host, int port) throws IOException {
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket, host, port, false);
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (!host.matches("[0-9.]+") && !host.startsWith("[")) {
            parameters.setServerNames(List.of(new SNIHostName(host)));
        }
        tls.setSSLParameters(parameters);
        tls.startHandshake();
    }

    /** Trusting the bundle's certificates, else the system's bundle, else (no such file) the JDK's CAs. */
    private static SSLContext sslContext(String caBundle) {
        try {
            if (caBundle == null && !Files.isReadable(SYSTEM_BUNDLE)) {
                return SSLContext.getDefault();
            }
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates(caBundle)) {
                trusted.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new MountException(MountException.Reason.INVALID, (caBundle != null ? "the caBundle"
                    : SYSTEM_BUNDLE.toString()) + " holds no usable PEM certificate: " + e.getMessage(), e);
        }
    }

    private static Collection<? extends Certificate> certificates(String caBundle)
            throws IOException, GeneralSecurityException {
        try (InputStream pem = caBundle != null
                ? new ByteArrayInputStream(caBundle.getBytes(StandardCharsets.US_ASCII))
                : Files.newInputStream(SYSTEM_BUNDLE)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(pem);
            if (certificates.isEmpty()) {
                throw new GeneralSecurityException("no certificate found");
            }
            return certificates;
        }
    }

    private static String trustSource(S3Access access) {
        return access.caBundle() != null ? "it trusts the volume's caBundle"
                : "it trusts the system's CAs; give the endpoint's CA as caBundle";
    }
}
