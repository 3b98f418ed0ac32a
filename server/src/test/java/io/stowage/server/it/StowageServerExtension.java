package io.stowage.server.it;

import io.minio.MinioClient;
import io.stowage.s3.S3Config;
import io.stowage.server.ServerConfig;
import io.stowage.server.StowageServer;
import io.stowage.server.lifecycle.LifecycleSettings;
import io.stowage.server.metrics.MetricsConfig;
import io.stowage.server.tls.TlsConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Starts a real Stowage server on random loopback ports (S3, admin API and metrics) with a fresh
 * data directory for a test class, and hands the test real clients for it: the AWS SDK for Java v2
 * (default checksum behaviour left on), its presigner, and the MinIO Java SDK; the admin API's
 * endpoint and token come from {@link #adminEndpoint()} and {@link #ADMIN_TOKEN}, the metrics
 * port's from {@link #metricsEndpoint()}.
 */
public final class StowageServerExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    public static final String ACCESS_KEY = "STOWAGETESTKEY";
    public static final String SECRET_KEY = "stowage-test-secret-key-0123456789";
    public static final String REGION = "us-east-1";
    public static final String ADMIN_TOKEN = "stowage-test-admin-token-0123456789abcdef";
    /** A random loopback port, and per-bucket figures reread on every scrape so tests see their writes at once. */
    public static final MetricsConfig METRICS = new MetricsConfig(
            new InetSocketAddress("127.0.0.1", 0), MetricsConfig.DEFAULT_BUCKET_LIMIT, Duration.ZERO);

    private Path dataDir;
    private StowageServer server;
    private S3Client s3;
    private S3Presigner presigner;
    private MinioClient minio;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dataDir = Files.createTempDirectory("stowage-it-");
        server = StowageServer.start(config(dataDir));
        URI endpoint = endpoint();
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
        s3 = S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.of(REGION))
                .credentialsProvider(credentials)
                .forcePathStyle(true)
                .httpClientBuilder(Apache5HttpClient.builder().maxConnections(64).socketTimeout(Duration.ofSeconds(60)))
                .build();
        presigner = S3Presigner.builder()
                .endpointOverride(endpoint)
                .region(Region.of(REGION))
                .credentialsProvider(credentials)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build();
        minio = MinioClient.builder().endpoint(endpoint.toString()).region(REGION).credentials(ACCESS_KEY, SECRET_KEY).build();
    }

    /** The settings of the servers this extension starts, for tests that start one of their own. */
    public static ServerConfig config(Path dataDir) {
        return config(dataDir, TlsConfig.off());
    }

    /** The configuration the extension starts servers with, with the given TLS settings. */
    public static ServerConfig config(Path dataDir, TlsConfig tls) {
        return config(dataDir, tls, LifecycleSettings.DEFAULT);
    }

    /** The configuration the extension starts servers with, with the given lifecycle worker settings. */
    public static ServerConfig config(Path dataDir, LifecycleSettings lifecycle) {
        return config(dataDir, TlsConfig.off(), lifecycle);
    }

    private static ServerConfig config(Path dataDir, TlsConfig tls, LifecycleSettings lifecycle) {
        return new ServerConfig(new InetSocketAddress("127.0.0.1", 0), dataDir, new S3Config(REGION, null), 32 * 1024,
                ServerConfig.DEFAULT_MULTIPART_EXPIRY, ACCESS_KEY, SECRET_KEY, new InetSocketAddress("127.0.0.1", 0),
                ADMIN_TOKEN, ServerConfig.DEFAULT_SHUTDOWN_GRACE, tls, METRICS, lifecycle);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.address().getPort());
    }

    /** The admin API's base address, e.g. http://127.0.0.1:PORT (paths start with /admin/v1). */
    public URI adminEndpoint() {
        return URI.create("http://127.0.0.1:" + server.adminAddress().getPort());
    }

    /** The metrics port's base address, e.g. http://127.0.0.1:PORT (/metrics, /health/live, /health/ready). */
    public URI metricsEndpoint() {
        return URI.create("http://127.0.0.1:" + server.metricsAddress().getPort());
    }

    /** An S3 client signing with another key pair, for tests of users' and keys' rights. */
    public S3Client s3As(String accessKeyId, String secretKey) {
        return S3Client.builder()
                .endpointOverride(endpoint())
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretKey)))
                .forcePathStyle(true)
                .httpClientBuilder(Apache5HttpClient.builder().socketTimeout(Duration.ofSeconds(60)))
                .build();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (s3 != null) {
            s3.close();
        }
        if (presigner != null) {
            presigner.close();
        }
        if (server != null) {
            server.close();
        }
        if (dataDir != null) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == S3Client.class || type == S3Presigner.class || type == MinioClient.class || type == URI.class
                || type == StowageServerExtension.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (type == S3Client.class) {
            return s3;
        } else if (type == S3Presigner.class) {
            return presigner;
        } else if (type == MinioClient.class) {
            return minio;
        } else if (type == URI.class) {
            return endpoint();
        }
        return this;
    }

    public Path dataDir() {
        return dataDir;
    }
}
