package io.stowage.cli.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged launcher's `stowage operator` in its own process, talking to the API server a kubeconfig
 * names (fabric8's mock server, or a real cluster), with its metrics port on a free loopback port.
 */
public final class OperatorLauncher implements AutoCloseable {

    private static final Pattern METRICS_PORT = Pattern.compile("Operator metrics on http://127\\.0\\.0\\.1:(\\d+)/metrics");

    private final Process process;
    private final Path log;
    /** Where this process's lines start in a log that earlier runs appended to. */
    private final long logStart;
    private final HttpClient http = HttpClient.newHttpClient();
    private int metricsPort;

    private OperatorLauncher(Process process, Path log, long logStart) {
        this.process = process;
        this.log = log;
        this.logStart = logStart;
    }

    /**
     * Starts `stowage operator ARGS` (with leader election off and a free metrics port) and waits until
     * it reports ready.
     */
    public static OperatorLauncher start(Path kubeconfig, Path log, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java(), "-jar", Path.of("target", "stowage.jar").toString(),
                "operator", "--leader-election=false", "--metrics-address=127.0.0.1:0"));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("KUBECONFIG", kubeconfig.toString());
        long logStart = Files.exists(log) ? Files.size(log) : 0;
        OperatorLauncher launcher = new OperatorLauncher(builder.start(), log, logStart);
        launcher.awaitReady();
        return launcher;
    }

    /** A kubeconfig for an API server at {@code url} that takes any token, as fabric8's mock server does. */
    public static Path mockKubeconfig(Path file, String url) throws IOException {
        Files.writeString(file, String.join("\n", List.of(
                "apiVersion: v1",
                "kind: Config",
                "clusters:",
                "- name: mock",
                "  cluster:",
                "    server: " + url,
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

    public Process process() {
        return process;
    }

    public int metricsPort() {
        return metricsPort;
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    /** Waits (up to 60 s) until this process logs a line matching the pattern, and answers the match. */
    public Matcher awaitLog(Pattern pattern) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            Matcher matcher = pattern.matcher(log().substring((int) logStart));
            if (matcher.find()) {
                return matcher;
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("the operator never logged " + pattern + "; its log:\n" + log());
            }
            Thread.sleep(100);
        }
    }

    /** The HTTP status of a GET on the metrics port, -1 without an answer. */
    public int status(String path) {
        return get(path).statusCode;
    }

    /** The body of a GET on the metrics port, for example /metrics. */
    public String body(String path) {
        return get(path).body;
    }

    /** Kills the process with SIGKILL, as a node failure or the OOM killer would. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGSTOP: the process does nothing more until {@link #resume}, though what it sent may still land. */
    public void pause() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** SIGCONT after {@link #pause}. */
    public void resume() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String name) throws IOException, InterruptedException {
        int exit = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException("kill -" + name + " " + process.pid() + " exited with " + exit);
        }
    }

    /** SIGTERM, then the exit code once it exits (within 30 s). */
    public int terminate() throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).inheritIO().start().waitFor();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the operator did not exit within 30 s of SIGTERM; its log:\n" + log());
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        http.close();
        if (process.isAlive()) {
            kill();
        }
    }

    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        metricsPort = Integer.parseInt(awaitLog(METRICS_PORT).group(1));
        while (status("/health/ready") != 200) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("/health/ready never answered 200; the log:\n" + log());
            }
            Thread.sleep(200);
        }
    }

    private record Answer(int statusCode, String body) {
    }

    private Answer get(String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + path)).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Answer(-1, "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, "");
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
