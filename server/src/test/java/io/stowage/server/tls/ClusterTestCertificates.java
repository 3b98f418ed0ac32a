package io.stowage.server.tls;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * For the cluster tests in other packages: one CA and one certificate for 127.0.0.1 shared by the
 * nodes of a test cluster as PEM files, and clients that trust that CA.
 */
public final class ClusterTestCertificates {

    private final Path certFile;
    private final Path keyFile;
    private final Path caFile;

    private ClusterTestCertificates(Path certFile, Path keyFile, Path caFile) {
        this.certFile = certFile;
        this.keyFile = keyFile;
        this.caFile = caFile;
    }

    /** Issues the CA and the certificate under {@code dir}. */
    public static ClusterTestCertificates issue(Path dir) throws IOException {
        PemFiles files = new SelfSignedAuthority(dir, Clock.systemUTC()).ensure(List.of("127.0.0.1", "localhost"));
        return new ClusterTestCertificates(files.certFile(), files.keyFile(), files.caFile());
    }

    /** The files in the order a server takes them: certificate, key, CA. */
    public List<Path> files() {
        return List.of(certFile, keyFile, caFile);
    }

    public S3Client s3(URI endpoint, String accessKey, String secretKey) {
        return TlsClients.s3(endpoint, caFile, accessKey, secretKey);
    }

    /** A TLS client context trusting the CA, presenting the nodes' certificate or none. */
    public SSLContext client(boolean withCertificate) throws Exception {
        SSLContext context = SSLContext.getInstance("TLSv1.3");
        KeyManager[] keys = withCertificate
                ? new KeyManager[] {ReloadingKeyManager.load(new PemFiles(certFile, keyFile, caFile), Duration.ofSeconds(1))}
                : null;
        context.init(keys, TestCertificates.trustManagers(caFile), null);
        return context;
    }
}
