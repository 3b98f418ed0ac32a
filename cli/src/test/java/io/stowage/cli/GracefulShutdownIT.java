package io.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * SIGTERM to the packaged launcher during an upload: the server stops accepting, lets the upload
 * finish within the grace period, and exits; an upload that cannot finish in time (or is cut by a
 * second SIGTERM) fails and leaves no object and no file behind. Each case restarts the server on
 * the same data directory to look at what survived.
 */
class GracefulShutdownIT {

    private static final Path JAR = Path.of("target", "stowage.jar");
    private static final String ACCESS_KEY = "SHUTDOWNTESTKEY";
    private static final String SECRET_KEY = "shutdown-test-secret-key-0123456789";
    private static final String BUCKET = "uploads";

    @TempDir
    Path dir;

    @Test
    void anUploadInFlightFinishesWithinTheGracePeriod() throws Exception {
        Path data = dir.resolve("data");
        Path log = dir.resolve("server.log");
        Server server = Server.start(data, log, "30s", "--log-format", "json", "--access-log");
        byte[] body = randomBytes(8 << 20);
        ThrottledBody throttled = new ThrottledBody(body, 4 << 20);
        CompletableFuture<String> upload;
        try (S3Client s3 = client(server.port)) {
            s3.createBucket(b -> b.bucket(BUCKET));
            upload = startUpload(s3, throttled);
            long signalled = System.nanoTime();
            server.signal();
            assertThat(upload.get(30, TimeUnit.SECONDS)).as("the upload in flight is answered").isNotBlank();
            server.awaitExit(Duration.ofSeconds(30));
            System.out.printf("graceful: exited %d ms after SIGTERM%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - signalled));
        }
        assertThat(server.process.exitValue()).isZero();
        List<String> lines = Files.readAllLines(log);
        assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(parse(line).has("message")).as(line).isTrue());
        assertThat(lines.stream().map(GracefulShutdownIT::parse)
                .filter(l -> "PutObject".equals(l.path("operation").asText()) && l.path("status").asInt() == 200))
                .as("the access log line of the upload, flushed before exit").hasSize(1);
        assertThat(lines).noneMatch(l -> l.contains(SECRET_KEY));

        Server again = Server.start(data, dir.resolve("again.log"), "5s");
        try (S3Client s3 = client(again.port)) {
            byte[] stored = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("big.bin")).asByteArray();
            assertThat(MessageDigest.isEqual(sha256(stored), sha256(body))).as("the object is whole").isTrue();
        } finally {
            again.stop();
        }
    }

    @Test
    void anUploadStillRunningWhenTheGracePeriodEndsIsCutAndLeavesNothing() throws Exception {
        Path data = dir.resolve("data");
        Server server = Server.start(data, dir.resolve("server.log"), "2s");
        try (S3Client s3 = client(server.port)) {
            CompletableFuture<String> upload = startUploadTooSlowToFinish(s3, data);
            long signalled = System.nanoTime();
            server.signal();
            server.awaitExit(Duration.ofSeconds(20));
            long exitedAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - signalled);
            System.out.printf("grace 2s: exited %d ms after SIGTERM%n", exitedAfter);
            assertThat(exitedAfter).as("the server waited out the grace period").isGreaterThanOrEqualTo(1900);
            assertThat(upload).failsWithin(Duration.ofSeconds(10));
        }
        assertThat(server.process.exitValue()).isZero();
        assertNothingLeftOf(data);
    }

    @Test
    void aSecondSigtermCutsTheUploadsAtOnce() throws Exception {
        Path data = dir.resolve("data");
        Server server = Server.start(data, dir.resolve("server.log"), "10m");
        try (S3Client s3 = client(server.port)) {
            CompletableFuture<String> upload = startUploadTooSlowToFinish(s3, data);
            server.signal();
            Thread.sleep(1000);
            assertThat(server.process.isAlive()).as("still waiting for the upload after the first SIGTERM").isTrue();
            long second = System.nanoTime();
            server.signal();
            server.awaitExit(Duration.ofSeconds(20));
            System.out.printf("second SIGTERM: exited %d ms after it%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - second));
            assertThat(upload).failsWithin(Duration.ofSeconds(10));
        }
        assertNothingLeftOf(data);
    }

    /** Starts uploading big.bin from {@code body} and returns once its first MiB has gone out. */
    private static CompletableFuture<String> startUpload(S3Client s3, ThrottledBody body) throws InterruptedException {
        CompletableFuture<String> upload = CompletableFuture.supplyAsync(() -> s3.putObject(b -> b.bucket(BUCKET).key("big.bin"),
                RequestBody.fromContentProvider(body::open, body.length(), "application/octet-stream")).eTag());
        body.awaitSent(1 << 20);
        return upload;
    }

    /** Starts a 64 MiB upload at 1 MiB/s into a new bucket, and checks its temp file is on disk. */
    private static CompletableFuture<String> startUploadTooSlowToFinish(S3Client s3, Path data) throws Exception {
        s3.createBucket(b -> b.bucket(BUCKET));
        CompletableFuture<String> upload = startUpload(s3, new ThrottledBody(randomBytes(64 << 20), 1 << 20));
        assertThat(filesUnder(data.resolve("tmp"))).as("the upload's temp file, which must not outlive it").isNotEmpty();
        return upload;
    }

    /** No temp file and no blob on disk, and after a restart no object. */
    private void assertNothingLeftOf(Path data) throws Exception {
        assertThat(filesUnder(data.resolve("tmp"))).as("files left in tmp/").isEmpty();
        assertThat(filesUnder(data.resolve("blobs"))).as("blob files").isEmpty();
        Server again = Server.start(data, dir.resolve("again.log"), "5s");
        try (S3Client s3 = client(again.port)) {
            assertThat(s3.listObjectsV2(b -> b.bucket(BUCKET)).contents()).isEmpty();
            assertThatThrownBy(() -> s3.headObject(b -> b.bucket(BUCKET).key("big.bin")))
                    .isInstanceOf(NoSuchKeyException.class);
        } finally {
            again.stop();
        }
    }

    private static List<Path> filesUnder(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private static S3Client client(int port) {
        return S3Client.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .httpClientBuilder(Apache5HttpClient.builder())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()).apiCallTimeout(Duration.ofMinutes(2)))
                .build();
    }

    private static JsonNode parse(String line) {
        try {
            return new ObjectMapper().readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not a JSON log line: " + line, e);
        }
    }

    private static byte[] randomBytes(int size) {
        byte[] data = new byte[size];
        new java.util.Random(size).nextBytes(data);
        return data;
    }

    private static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }

    /** A request body that trickles out at a fixed rate and says how much it has given. */
    private static final class ThrottledBody {
        private final byte[] data;
        private final long bytesPerSecond;
        private final AtomicLong sent = new AtomicLong();

        ThrottledBody(byte[] data, long bytesPerSecond) {
            this.data = data;
            this.bytesPerSecond = bytesPerSecond;
        }

        long length() {
            return data.length;
        }

        InputStream open() {
            sent.set(0);
            long started = System.nanoTime();
            return new InputStream() {
                private int position;

                @Override
                public int read() {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    if (position == data.length) {
                        return -1;
                    }
                    long allowed = (System.nanoTime() - started) * bytesPerSecond / 1_000_000_000L;
                    while (allowed <= position) {
                        sleep(5);
                        allowed = (System.nanoTime() - started) * bytesPerSecond / 1_000_000_000L;
                    }
                    int n = (int) Math.min(len, Math.min(allowed, data.length) - position);
                    System.arraycopy(data, position, b, off, n);
                    position += n;
                    sent.addAndGet(n);
                    return n;
                }
            };
        }

        void awaitSent(long bytes) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (sent.get() < bytes) {
                assertThat(System.nanoTime()).as("upload started").isLessThan(deadline);
                Thread.sleep(10);
            }
        }

        private static void sleep(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** The launcher as a child process, with its log on a file. */
    private record Server(Process process, int port) {

        static Server start(Path data, Path log, String grace, String... extra) throws IOException {
            List<String> command = new ArrayList<>(List.of(java(), "-jar", JAR.toString(), "server", "--address", "127.0.0.1:0",
                    "--admin-address", "127.0.0.1:0", "--metrics-address", "127.0.0.1:0", "--data", data.toString(),
                    "--shutdown-grace", grace));
            command.addAll(List.of(extra));
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(log.toFile());
            builder.environment().put("STOWAGE_ROOT_ACCESS_KEY", ACCESS_KEY);
            builder.environment().put("STOWAGE_ROOT_SECRET_KEY", SECRET_KEY);
            Process process = builder.start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("S3 endpoint: http://127.0.0.1:")) {
                    String rest = line.substring("S3 endpoint: http://127.0.0.1:".length());
                    return new Server(process, Integer.parseInt(rest.substring(0, rest.indexOf(' '))));
                }
            }
            process.destroyForcibly();
            throw new AssertionError("the server did not start; its log:\n" + Files.readString(log));
        }

        /** SIGTERM, as Kubernetes sends it. */
        void signal() throws IOException, InterruptedException {
            Process kill = new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).inheritIO().start();
            assertThat(kill.waitFor()).isZero();
        }

        void awaitExit(Duration timeout) throws InterruptedException {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the server did not exit within " + timeout + " of SIGTERM");
            }
        }

        void stop() throws Exception {
            signal();
            awaitExit(Duration.ofSeconds(30));
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
