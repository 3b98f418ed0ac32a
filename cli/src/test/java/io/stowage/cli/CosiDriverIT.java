package io.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.admin.client.AdminClient;
import io.stowage.cli.it.ServerProcess;
import io.stowage.kube.cosi.v1alpha1.CosiSocketClient;
import io.stowage.kube.cosi.v1alpha1.proto.DriverCreateBucketRequest;
import io.stowage.kube.cosi.v1alpha1.proto.DriverGetInfoRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged launcher's `stowage cosi-driver` in its own process, its default backend a mounted backend
 * Secret (one file per key) for a `stowage server` process: it answers gRPC on its unix socket, makes the
 * bucket on the server, and on SIGTERM exits 0 and removes its socket.
 */
class CosiDriverIT {

    private static final Path JAR = Path.of("target", "stowage.jar");

    @TempDir
    Path dir;

    private ServerProcess server;

    @BeforeEach
    void startServer() throws Exception {
        server = ServerProcess.start();
    }

    @AfterEach
    void stopServer() throws Exception {
        server.stop();
    }

    @Test
    void servesCosiOnItsSocketAndStopsOnSigterm() throws Exception {
        Path backend = Files.createDirectory(dir.resolve("backend"));
        Files.writeString(backend.resolve("s3Endpoint"), server.s3Endpoint().toString());
        Files.writeString(backend.resolve("adminEndpoint"), server.adminEndpoint().toString());
        Files.writeString(backend.resolve("adminToken"), ServerProcess.ADMIN_TOKEN);
        Path socket = dir.resolve("cosi.sock");
        Path log = dir.resolve("driver.log");
        Process process = new ProcessBuilder(java(), "-jar", JAR.toString(), "cosi-driver", "--endpoint", "unix://" + socket,
                "--backend-dir", backend.toString(), "--kubernetes=false")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try (CosiSocketClient client = new CosiSocketClient(socket)) {
            awaitServing(log, process);
            assertThat(Files.readString(log)).contains("cosi.stowage.io", "unix://" + socket);

            assertThat(client.identity().driverGetInfo(DriverGetInfoRequest.getDefaultInstance()).getName())
                    .isEqualTo("cosi.stowage.io");
            String bucket = "bucket-" + UUID.randomUUID();
            String bucketId = client.provisioner()
                    .driverCreateBucket(DriverCreateBucketRequest.newBuilder().setName(bucket).build()).getBucketId();
            assertThat(bucketId).isEqualTo(bucket);
            try (AdminClient admin = server.client()) {
                assertThat(admin.getBucket(bucket).name()).isEqualTo(bucket);
            }

            new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).inheritIO().start().waitFor();

            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exited within 30 s of SIGTERM").isTrue();
            assertThat(process.exitValue()).as(Files.readString(log)).isZero();
            assertThat(socket).as("socket removed at stop").doesNotExist();
            assertThat(Files.readString(log)).contains("COSI driver stopped");
        } finally {
            process.destroyForcibly();
        }
    }

    private static void awaitServing(Path log, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && process.isAlive()) {
            if (Files.readString(log).contains("serving COSI v1alpha1 on")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the driver did not report its socket; its log:\n" + Files.readString(log));
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
