package io.stowage.server.tls;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.IdentityCipherSuiteFilter;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContext;
import io.stowage.cluster.PeerTls;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * TLS for the S3 and admin ports: one JDK {@link SSLContext} over a {@link ReloadingKeyManager},
 * TLS 1.3 and 1.2 only, with forward-secret AEAD cipher suites only; handed to Netty for the S3
 * port and to the JDK's HTTPS server for the admin port. With TLS off, every accessor returns null:
 * the listeners' value for plain HTTP.
 */
public final class ServerTls {

    static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    /**
     * TLS 1.3's suites, then ECDHE with AES-GCM or ChaCha20-Poly1305 for TLS 1.2; nothing with CBC,
     * RSA key exchange or SHA-1 MACs.
     */
    static final List<String> CIPHER_SUITES = List.of(
            "TLS_AES_128_GCM_SHA256",
            "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");
    /** How often a handshake may look whether the certificate files changed. */
    private static final Duration RELOAD_CHECK_INTERVAL = Duration.ofSeconds(1);

    private final SSLContext context;
    private final Path trustedCaFile;
    private final PeerTls peerTls;

    private ServerTls(SSLContext context, Path trustedCaFile, PeerTls peerTls) {
        this.context = context;
        this.trustedCaFile = trustedCaFile;
        this.peerTls = peerTls;
    }

    /**
     * Reads (files) or creates (auto) the server's certificate and key.
     *
     * @throws TlsFileException when the files given cannot be used
     */
    public static ServerTls create(TlsConfig config, Path dataDir) throws IOException {
        if (!config.enabled()) {
            return new ServerTls(null, null, null);
        }
        PemFiles files = config.mode() == TlsMode.FILES
                ? new PemFiles(config.certFile(), config.keyFile(), config.caFile())
                : generatedFiles(config, dataDir);
        ReloadingKeyManager keys = ReloadingKeyManager.load(files, RELOAD_CHECK_INTERVAL);
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {keys}, null, null);
            boolean sharedCa = config.mode() == TlsMode.FILES && files.caFile() != null;
            return new ServerTls(context, files.caFile(), sharedCa ? new PeerTls(keys, trusting(files.read())) : null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's TLS implementation is missing", e);
        }
    }

    /** Auto mode: the files of the data directory's own CA, for the default names and those configured. */
    private static PemFiles generatedFiles(TlsConfig config, Path dataDir) throws IOException {
        List<String> names = new ArrayList<>(SubjectAltNames.defaults());
        names.addAll(config.sans());
        return new SelfSignedAuthority(dataDir, Clock.systemUTC()).ensure(names);
    }

    /** For the S3 port's Netty pipeline; null for plain HTTP. */
    public SslContext nettyContext() {
        return context == null ? null : new JdkSslContext(context, false, CIPHER_SUITES, IdentityCipherSuiteFilter.INSTANCE,
                ApplicationProtocolConfig.DISABLED, ClientAuth.NONE, PROTOCOLS.toArray(String[]::new), false);
    }

    /** For the admin port's {@link com.sun.net.httpserver.HttpsServer}; null for plain HTTP. */
    public HttpsConfigurator httpsConfigurator() {
        return context == null ? null : new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters params) {
                params.setSSLParameters(parameters());
            }
        };
    }

    /**
     * Mutual TLS between cluster nodes with this certificate, trusting the CA of {@code --tls-ca}; null
     * unless the files (and a CA) were given: an auto certificate's CA is this node's alone.
     */
    public PeerTls peerTls() {
        return peerTls;
    }

    private static X509TrustManager trusting(PemFiles.Contents files) throws TlsFileException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int n = 0;
            for (X509Certificate ca : PemReader.certificates(files.caFile(), files.ca())) {
                store.setCertificateEntry("ca-" + n++, ca);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
            factory.init(store);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    return x509;
                }
            }
            throw new IllegalStateException("the JDK's PKIX trust manager is missing");
        } catch (GeneralSecurityException | IOException e) {
            throw new TlsFileException(files.caFile(), "cannot trust its certificates: " + e.getMessage(), e);
        }
    }

    /** The CA certificate file clients should trust to verify this server; null without TLS or when none was given. */
    public Path trustedCaFile() {
        return trustedCaFile;
    }

    private SSLParameters parameters() {
        SSLParameters parameters = context.getDefaultSSLParameters();
        parameters.setProtocols(PROTOCOLS.toArray(String[]::new));
        parameters.setCipherSuites(CIPHER_SUITES.toArray(String[]::new));
        parameters.setUseCipherSuitesOrder(true);
        return parameters;
    }
}
