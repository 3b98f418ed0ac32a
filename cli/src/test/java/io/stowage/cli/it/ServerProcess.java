package io.stowage.cli.it;

import io.stowage.admin.client.AdminApiException;
import io.stowage.admin.client.AdminClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The packaged launcher's `stowage server` in its own process, on free loopback ports, with a
 * fresh data directory and known root credentials and admin token; over HTTPS with a generated CA
 * when started with TLS.
 */
public final class ServerProcess {

    public static final String ADMIN_TOKEN = "it-admin-token-0123456789abcdef";
    public static final String ROOT_ACCESS_KEY = "ITROOTKEY";
    public static final String ROOT_SECRET_KEY = "it-root-secret-0123456789";

    private final Process process;
    private final Path dataDir;
    private final Path log;
    private final URI s3Endpoint;
    private final URI adminEndpoint;

    private ServerProcess(Process process, Path dataDir, Path log, int s3Port, int adminPort, boolean tls) {
        this.process = process;
        this.dataDir = dataDir;
        this.log = log;
        String scheme = tls ? "https" : "http";
        this.s3Endpoint = URI.create(scheme + "://127.0.0.1:" + s3Port);
        this.adminEndpoint = URI.create(scheme + "://127.0.0.1:" + adminPort);
    }

    public static ServerProcess start() throws IOException, InterruptedException {
        return start(false);
    }

    /** @param tls whether to serve HTTPS with a CA generated into the data directory ({@code --tls auto}) */
    public static ServerProcess start(boolean tls) throws IOException, InterruptedException {
        Path dataDir = Files.createTempDirectory("stowage-admin-it-");
        Path log = Files.createTempFile("stowage-admin-it-", ".log");
        int s3Port = freePort();
        int adminPort = freePort();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-jar", Path.of("target", "stowage.jar").toString(), "server",
                "--address", "127.0.0.1:" + s3Port, "--admin-address", "127.0.0.1:" + adminPort,
                "--metrics-address", "127.0.0.1:0", "--data", dataDir.toString(), "--tls", tls ? "auto" : "off");
        builder.environment().put("STOWAGE_ADMIN_TOKEN", ADMIN_TOKEN);
        builder.environment().put("STOWAGE_ROOT_ACCESS_KEY", ROOT_ACCESS_KEY);
        builder.environment().put("STOWAGE_ROOT_SECRET_KEY", ROOT_SECRET_KEY);
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        ServerProcess server = new ServerProcess(builder.start(), dataDir, log, s3Port, adminPort, tls);
        server.awaitHealthy(Duration.ofSeconds(60));
        return server;
    }

    public URI s3Endpoint() {
        return s3Endpoint;
    }

    public URI adminEndpoint() {
        return adminEndpoint;
    }

    public AdminClient client() throws IOException {
        return builder().token(ADMIN_TOKEN).build();
    }

    /** The CA certificate a TLS server generated, which clients trust. */
    public Path caCert() {
        return dataDir.resolve("tls").resolve("ca.crt");
    }

    /** A client builder for the admin endpoint, trusting the generated CA when the server speaks HTTPS. */
    private AdminClient.Builder builder() throws IOException {
        AdminClient.Builder builder = AdminClient.builder(adminEndpoint);
        return "https".equals(adminEndpoint.getScheme()) ? builder.trustedCertificates(Files.readAllBytes(caCert())) : builder;
    }

    private void awaitHealthy(Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while ("https".equals(adminEndpoint.getScheme()) && !Files.exists(caCert()) && process.isAlive()
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        try (AdminClient client = builder().requestTimeout(Duration.ofSeconds(2)).build()) {
            while (true) {
                try {
                    if ("ok".equals(client.health())) {
                        return;
                    }
                } catch (AdminApiException e) {
                    if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                        String output = Files.readString(log);
                        stop();
                        throw new IllegalStateException("the server did not become healthy: " + e.getMessage() + "; its output:\n" + output);
                    }
                }
                Thread.sleep(100);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Stops the server with SIGTERM and deletes its data directory. */
    public void stop() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        Files.deleteIfExists(log);
    }
}
