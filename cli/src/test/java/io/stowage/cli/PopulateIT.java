package io.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.cli.it.ServerProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The packaged launcher's `stowage populate` against a `stowage server` process: SIGKILLed in the middle of a
 * copy, then run again, it completes, skips exactly the files the first run finished and leaves no temporary file.
 */
class PopulateIT {

    private static final Path JAR = Path.of("target", "stowage.jar");
    private static final int OBJECTS = 1200;
    private static final int SIZE = 48 * 1024;

    @TempDir
    Path dir;

    private ServerProcess server;
    private S3Client sdk;

    @BeforeEach
    void start() throws Exception {
        server = ServerProcess.start();
        sdk = S3Client.builder().endpointOverride(server.s3Endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        ServerProcess.ROOT_ACCESS_KEY, ServerProcess.ROOT_SECRET_KEY)))
                .httpClientBuilder(Apache5HttpClient.builder().maxConnections(16)).build();
        sdk.createBucket(b -> b.bucket("data"));
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            List<Future<?>> puts = new ArrayList<>();
            for (int i = 0; i < OBJECTS; i++) {
                String key = key(i);
                puts.add(pool.submit(() -> sdk.putObject(b -> b.bucket("data").key("set/" + key), RequestBody.fromBytes(content(key)))));
            }
            for (Future<?> put : puts) {
                put.get();
            }
        }
    }

    @AfterEach
    void stop() throws Exception {
        if (sdk != null) {
            sdk.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void aCopyKilledMidwayResumesSkippingTheCompleteFilesAndLeavesNoTemporaryFiles() throws Exception {
        Path target = dir.resolve("volume");
        Process first = populate(target, dir.resolve("first.log"), "--parallel", "2");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (complete(target).size() < 100 && first.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        first.destroyForcibly(); // SIGKILL
        assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
        List<Path> completeAfterKill = complete(target);
        long tempsAfterKill = temporary(target).size();
        assertThat(completeAfterKill.size()).as("killed in the middle of the copy").isBetween(100, OBJECTS - 1);

        long started = System.nanoTime();
        Process second = populate(target, dir.resolve("second.log"));
        assertThat(second.waitFor(120, TimeUnit.SECONDS)).isTrue();
        long millis = (System.nanoTime() - started) / 1_000_000;
        String output = Files.readString(dir.resolve("second.log"));

        assertThat(second.exitValue()).as(output).isZero();
        assertThat(output).contains("done: " + (OBJECTS - completeAfterKill.size()) + " copied")
                .contains(completeAfterKill.size() + " already complete");
        assertThat(temporary(target)).isEmpty();
        assertThat(complete(target)).hasSize(OBJECTS);
        for (int i = 0; i < OBJECTS; i++) {
            assertThat(Files.readAllBytes(target.resolve(key(i)))).as(key(i)).isEqualTo(content(key(i)));
        }
        System.out.println("populate kill IT: killed with " + completeAfterKill.size() + " of " + OBJECTS + " files complete and "
                + tempsAfterKill + " temporary; the second run took " + millis + " ms: " + output.lines()
                .filter(l -> l.startsWith("done") || l.startsWith("removed")).toList());
    }

    @Test
    void sizeReportsObjectsAndBytesAsJson() throws Exception {
        Path log = dir.resolve("size.log");
        ProcessBuilder builder = command("--size", "--json");
        Process size = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(size.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(size.exitValue()).isZero();
        assertThat(Files.readString(log).strip()).isEqualTo("{\"objects\":" + OBJECTS + ",\"bytes\":" + (long) OBJECTS * SIZE
                + ",\"refused\":0}");
    }

    private Process populate(Path target, Path log, String... more) throws IOException {
        ProcessBuilder builder = command("--target", target.toString(), "--progress-interval", "1s");
        builder.command().addAll(List.of(more));
        return builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private ProcessBuilder command(String... more) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString(), "populate", "--endpoint", server.s3Endpoint().toString(), "--bucket", "data",
                "--prefix", "set/"));
        command.addAll(List.of(more));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("AWS_ACCESS_KEY_ID", ServerProcess.ROOT_ACCESS_KEY);
        builder.environment().put("AWS_SECRET_ACCESS_KEY", ServerProcess.ROOT_SECRET_KEY);
        return builder;
    }

    private static String key(int i) {
        return "d%02d/e%d/obj-%04d".formatted(i % 20, i % 3, i);
    }

    private static byte[] content(String key) {
        byte[] data = new byte[SIZE];
        new Random(key.hashCode()).nextBytes(data);
        return data;
    }

    private static List<Path> complete(Path target) throws IOException {
        return files(target).stream().filter(p -> !p.getFileName().toString().startsWith(".stowage-tmp-")).toList();
    }

    private static List<Path> temporary(Path target) throws IOException {
        return files(target).stream().filter(p -> p.getFileName().toString().startsWith(".stowage-tmp-")).toList();
    }

    private static List<Path> files(Path target) throws IOException {
        if (!Files.isDirectory(target)) {
            return List.of();
        }
        // The copy may be renaming temporary files while this walks (the polling loop before the kill): a file that
        // vanishes between listing and visiting is skipped, not an error.
        List<Path> files = new ArrayList<>();
        Files.walkFileTree(target, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (attributes.isRegularFile()) {
                    files.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException failure) throws IOException {
                if (failure instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw failure;
            }
        });
        return files;
    }
}
