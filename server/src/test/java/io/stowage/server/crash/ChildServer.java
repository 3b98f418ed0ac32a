package io.stowage.server.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The plumbing the crash tests share: a Stowage server in a child JVM ({@link ChildServerMain}) on
 * a data directory, started and waited for, killed with SIGKILL or stopped cleanly; an S3 client
 * for it that never retries; and a look at the data directory's tmp/ and blobs/.
 *
 * <p>The child's output goes to {@code <logDir>/child-<start>.log}; its recovery summary is
 * echoed to stdout and kept.
 */
final class ChildServer implements AutoCloseable {

    static final String ACCESS_KEY = "CRASHTESTKEY";
    static final String SECRET_KEY = "crash-test-secret-key-0123456789";
    static final String REGION = "us-east-1";
    /** The same threshold as StowageServerExtension, handed to the child. */
    static final int INLINE_THRESHOLD = 32 * 1024;

    /** A deadline, not a measure: a cluster node on a loaded 2-core machine was seen to need more than 30 s. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final int SIGKILL_EXIT = 128 + 9;

    private final String label;
    private final int start;
    private final Process process;
    private final Path log;
    private final int port;
    private final int adminPort;
    private final int metricsPort;
    private final CompletableFuture<String> recoverySummary;
    private final CompletableFuture<Void> stopped;

    private ChildServer(String label, int start, Process process, Path log, int port, int adminPort, int metricsPort,
            CompletableFuture<String> recoverySummary, CompletableFuture<Void> stopped) {
        this.label = label;
        this.start = start;
        this.process = process;
        this.log = log;
        this.port = port;
        this.adminPort = adminPort;
        this.metricsPort = metricsPort;
        this.recoverySummary = recoverySummary;
        this.stopped = stopped;
    }

    /**
     * Starts a child on {@code dataDir} and waits until it listens.
     *
     * @param label prefixes the lines echoed to stdout (the test's name)
     * @param start the number of this start, for the log file name and the echoed lines
     */
    static ChildServer start(String label, Path logDir, Path dataDir, int start) throws IOException, InterruptedException {
        return start(label, logDir.resolve("child-" + start + ".log"), dataDir, start, List.of());
    }

    /** Starts a child with more arguments for {@link ChildServerMain} (a cluster node's), logging to {@code log}. */
    static ChildServer start(String label, Path log, Path dataDir, int start, List<String> moreArgs)
            throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseSerialGC",
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                ChildServerMain.class.getName(), dataDir.toString(), "0", ACCESS_KEY, SECRET_KEY,
                Integer.toString(INLINE_THRESHOLD)));
        command.addAll(moreArgs);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Process process = builder.start();
        CompletableFuture<int[]> port = new CompletableFuture<>();
        CompletableFuture<String> recovery = new CompletableFuture<>();
        CompletableFuture<Void> stopped = new CompletableFuture<>();
        Thread drain = new Thread(() -> drain(label, process, log, port, recovery, stopped, start),
                label + "-child-output-" + start);
        drain.setDaemon(true);
        drain.start();
        long started = System.nanoTime();
        try {
            int[] listening = port.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            System.out.printf("%s start %d: child pid %d listening on port %d after %d ms%n", label, start, process.pid(),
                    listening[0], TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            return new ChildServer(label, start, process, log, listening[0], listening[1], listening[2], recovery,
                    stopped);
        } catch (TimeoutException | ExecutionException e) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("child server (start " + start + ") did not report LISTENING within "
                    + START_TIMEOUT + "; its output:\n" + Files.readString(log), e);
        }
    }

    int port() {
        return port;
    }

    int adminPort() {
        return adminPort;
    }

    /** Where /metrics and the health probes are served. */
    int metricsPort() {
        return metricsPort;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    /** The child's "Recovery sweep: …" line (logged before it listens). */
    String recoverySummary() throws InterruptedException {
        try {
            return recoverySummary.get(5, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError(label + " start " + start + ": no recovery sweep summary in " + log, e);
        }
    }

    S3Client client() {
        return client(port);
    }

    /** Kills the child with SIGKILL and checks that it died of it. */
    void sigkill() throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("child exited after SIGKILL").isTrue();
        assertThat(process.exitValue()).as("exit status of the child killed by SIGKILL").isEqualTo(SIGKILL_EXIT);
    }

    /** Asks the child to close the server cleanly and checks that it did and exited with status 0. */
    void stop() throws IOException, InterruptedException {
        OutputStream stdin = process.getOutputStream();
        stdin.write((ChildServerMain.STOP_COMMAND + "\n").getBytes(StandardCharsets.US_ASCII));
        stdin.flush();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("child exited after a clean stop (log %s)", log).isTrue();
        assertThat(process.exitValue()).as("exit status of the cleanly stopped child (log %s)", log).isZero();
        try {
            stopped.get(5, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("the child did not report " + ChildServerMain.STOPPED_LINE + " (log " + log + ")", e);
        }
    }

    /** Kills the child if it still runs: for finally blocks and @AfterEach. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Copies the child's output to its log file, picking up the port and the recovery summary. */
    private static void drain(String label, Process process, Path log, CompletableFuture<int[]> port,
            CompletableFuture<String> recovery, CompletableFuture<Void> stopped, int start) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.write(line);
                out.write('\n');
                out.flush();
                if (line.startsWith(ChildServerMain.READY_PREFIX)) {
                    String[] ports = line.substring(ChildServerMain.READY_PREFIX.length()).trim().split(" ");
                    port.complete(new int[] {Integer.parseInt(ports[0]), Integer.parseInt(ports[1]), Integer.parseInt(ports[2])});
                } else if (line.equals(ChildServerMain.STOPPED_LINE)) {
                    stopped.complete(null);
                } else if (line.contains("Recovery sweep")) {
                    recovery.complete(line.substring(line.indexOf("Recovery sweep")));
                    System.out.println(label + " start " + start + " child: " + line);
                }
            }
        } catch (IOException | RuntimeException e) {
            port.completeExceptionally(e);
        }
        port.completeExceptionally(new IllegalStateException("child output ended before LISTENING"));
        recovery.completeExceptionally(new IllegalStateException("child output ended before a recovery summary"));
        stopped.completeExceptionally(new IllegalStateException("child output ended without " + ChildServerMain.STOPPED_LINE));
    }

    static S3Client client(int port) {
        return S3Client.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .forcePathStyle(true)
                .httpClientBuilder(Apache5HttpClient.builder()
                        .maxConnections(32)
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(30)))
                // one attempt is one request: a retry would blur which request was in flight at the kill
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallTimeout(Duration.ofSeconds(30)))
                .build();
    }

    // ---- the data directory

    /** The names of the files in tmp/. */
    static List<String> tmpFiles(Path dataDir) throws IOException {
        try (Stream<Path> files = Files.list(dataDir.resolve("tmp"))) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }

    /** The bytes of all files under the data directory, or -1 if files kept vanishing while it was walked. */
    static long diskUsage(Path dataDir) throws IOException {
        for (int attempt = 0; attempt < 3; attempt++) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
            } catch (UncheckedIOException e) {
                // a file (RocksDB's) went away during the walk: try again
            }
        }
        return -1;
    }

    /** The blob files under blobs/, relative to the data directory. */
    static List<String> blobFiles(Path dataDir) throws IOException {
        try (Stream<Path> files = Files.walk(dataDir.resolve("blobs"))) {
            return files.filter(Files::isRegularFile).map(p -> dataDir.relativize(p).toString()).toList();
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] sha256(byte[] data) {
        return sha256().digest(data);
    }
}
