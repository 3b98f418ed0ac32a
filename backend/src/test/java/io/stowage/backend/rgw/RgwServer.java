package io.stowage.backend.rgw;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.stowage.backend.AccessKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A throw-away Ceph cluster with one radosgw on 127.0.0.1, started by the shared {@code tools/rgw/start-rgw.sh} (from
 * Debian's Ceph packages) under {@code target/}, on free ports, with a random admin key. The backend module's
 * test-jar carries it to the provisioners' tests in kube.
 */
public final class RgwServer implements AutoCloseable {

    /** The environment variable that turns a missing Ceph from a skip into a failure. */
    public static final String REQUIRE = "STOWAGE_REQUIRE_RGW";
    private static final List<String> DAEMONS = List.of("/usr/bin/ceph-mon", "/usr/bin/ceph-osd", "/usr/bin/radosgw", "/usr/bin/ceph");

    private final Path tools;
    private final Path dir;
    private final URI endpoint;
    private final AccessKey adminKey;

    private RgwServer(Path tools, Path dir, URI endpoint, AccessKey adminKey) {
        this.tools = tools;
        this.dir = dir;
        this.endpoint = endpoint;
        this.adminKey = adminKey;
    }

    /**
     * Starts one, or skips the calling tests (by an assumption) when the Ceph packages or the script are missing;
     * with the environment variable {@value #REQUIRE} = {@code true} (CI, which installs them) a missing part fails
     * the tests instead.
     */
    public static RgwServer start() throws IOException, InterruptedException {
        for (String daemon : DAEMONS) {
            need(Files.isExecutable(Path.of(daemon)), "the Ceph packages are not installed (no " + daemon
                    + "): apt-get install -y --no-install-recommends ceph-mon ceph-osd radosgw ceph-common");
        }
        // the tests run in the module's directory; CI clones the repository with shared/ beside it
        Path tools = Path.of("../../shared/tools/rgw").toAbsolutePath().normalize();
        if (!Files.isExecutable(tools.resolve("start-rgw.sh"))) {
            tools = Path.of("/work/shared/tools/rgw");
        }
        need(Files.isExecutable(tools.resolve("start-rgw.sh")),
                "no tools/rgw/start-rgw.sh in ../../shared or /work/shared: cannot start an RGW");

        Path dir = Path.of("target/rgw").toAbsolutePath();
        int port = freePort();
        AccessKey admin = AccessKey.generate();
        ProcessBuilder builder = new ProcessBuilder(tools.resolve("start-rgw.sh").toString())
                .redirectErrorStream(true)
                .redirectOutput(Path.of("target/rgw-start.log").toFile());
        Map<String, String> env = builder.environment();
        env.put("RGW_DIR", dir.toString());
        env.put("RGW_PORT", Integer.toString(port));
        env.put("MON_V2_PORT", Integer.toString(freePort()));
        env.put("MON_V1_PORT", Integer.toString(freePort()));
        // in the environment, not on the command line, where ps shows them
        env.put("RGW_ADMIN_ACCESS_KEY", admin.id());
        env.put("RGW_ADMIN_SECRET_KEY", admin.secret());
        if (Files.exists(dir.resolve("pids"))) {
            stop(tools, dir);
        }
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("start-rgw.sh failed; see target/rgw-start.log and " + dir.resolve("log"));
        }
        return new RgwServer(tools, dir, URI.create("http://127.0.0.1:" + port), admin);
    }

    private static void need(boolean present, String missing) {
        if (!present && "true".equals(System.getenv(REQUIRE))) {
            throw new IllegalStateException(missing + " (" + REQUIRE + "=true)");
        }
        assumeTrue(present, missing);
    }

    public URI endpoint() {
        return endpoint;
    }

    public AccessKey adminKey() {
        return adminKey;
    }

    /** An S3 client as this RGW (Pacific) needs it: path style, and checksums only where required (else PutObject is 400). */
    public S3Client s3As(AccessKey key) {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key.id(), key.secret())))
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(Apache5HttpClient.builder().socketTimeout(Duration.ofSeconds(60)))
                .build();
    }

    @Override
    public void close() {
        try {
            stop(tools, dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void stop(Path tools, Path dir) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(tools.resolve("stop-rgw.sh").toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("RGW_DIR", dir.toString());
        builder.start().waitFor(60, TimeUnit.SECONDS);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
