package io.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to the packaged launcher running `stowage operator` against fabric8's mock API server: the
 * metrics port serves and reports ready while it runs, and the process stops its controllers and exits 0.
 */
class OperatorShutdownIT {

    private static final Path JAR = Path.of("target", "stowage.jar");
    private static final Pattern METRICS_PORT = Pattern.compile("Operator metrics on http://127\\.0\\.0\\.1:(\\d+)/metrics");

    @TempDir
    Path dir;

    private KubernetesMockServer apiServer;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void startApiServer() {
        apiServer = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        apiServer.init();
    }

    @AfterEach
    void stopApiServer() {
        apiServer.destroy();
        http.close();
    }

    @Test
    void sigtermStopsTheOperatorAndExitsZero() throws Exception {
        Path log = dir.resolve("operator.log");
        ProcessBuilder builder = new ProcessBuilder(java(), "-jar", JAR.toString(), "operator", "--namespaces=apps",
                "--leader-election=false", "--metrics-address=127.0.0.1:0")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("KUBECONFIG", kubeconfig().toString());
        Process process = builder.start();
        try {
            int port = metricsPort(log, process);
            awaitReady(port, log);
            assertThat(status(port, "/metrics")).as("metrics from the fat jar").isEqualTo(200);

            new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).inheritIO().start().waitFor();

            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exited within 30 s of SIGTERM").isTrue();
            assertThat(process.exitValue()).as(Files.readString(log)).isZero();
            assertThat(Files.readString(log)).contains("Stopping the operator", "Operator stopped");
        } finally {
            process.destroyForcibly();
        }
    }

    private Path kubeconfig() throws IOException {
        Path file = dir.resolve("kubeconfig");
        Files.writeString(file, String.join("\n", List.of(
                "apiVersion: v1",
                "kind: Config",
                "clusters:",
                "- name: mock",
                "  cluster:",
                "    server: http://" + apiServer.getHostName() + ":" + apiServer.getPort(),
                "contexts:",
                "- name: mock",
                "  context: {cluster: mock, user: mock, namespace: default}",
                "current-context: mock",
                "users:",
                "- name: mock",
                "  user: {token: test}",
                "")));
        return file;
    }

    private static int metricsPort(Path log, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && process.isAlive()) {
            Matcher matcher = METRICS_PORT.matcher(Files.readString(log));
            if (matcher.find()) {
                return Integer.parseInt(matcher.group(1));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the operator did not report its metrics port; its log:\n" + Files.readString(log));
    }

    private void awaitReady(int port, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (status(port, "/health/ready") != 200) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("/health/ready never answered 200; the log:\n" + Files.readString(log));
            }
            Thread.sleep(200);
        }
    }

    private int status(int port, String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
