package io.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged launcher as a user runs it: `java -jar stowage.jar server` generates root
 * credentials and the admin token on first start, prints them once, stores them with mode 0600,
 * and takes the environment's instead when given. Stopped with SIGTERM, it shuts down cleanly.
 */
class LauncherIT {

    private static final Path JAR = Path.of("target", "stowage.jar");

    @Test
    void firstStartGeneratesAndPrintsRootCredentialsOnce(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        List<String> first = runUntilServing(data, Map.of());
        assertThat(first).anyMatch(l -> l.contains("Generated root credentials"));
        String accessLine = first.stream().filter(l -> l.contains("AWS_ACCESS_KEY_ID=")).findFirst().orElseThrow();
        Path stored = data.resolve("root-credentials");
        assertThat(Files.getPosixFilePermissions(stored)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(stored)).contains(accessLine.substring(accessLine.indexOf('=') + 1).trim());
        String tokenLine = first.stream().filter(l -> l.contains("STOWAGE_ADMIN_TOKEN=")).findFirst().orElseThrow();
        Path token = data.resolve("admin-token");
        assertThat(Files.getPosixFilePermissions(token)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(token).strip()).isEqualTo(tokenLine.substring(tokenLine.indexOf('=') + 1).trim());
        assertThat(first).anyMatch(l -> l.startsWith("Admin API: http://127.0.0.1:"));
        assertThat(first).anyMatch(l -> l.startsWith("Metrics: http://127.0.0.1:") && l.endsWith("/metrics"));

        List<String> second = runUntilServing(data, Map.of());
        assertThat(second).noneMatch(l -> l.contains("Generated root credentials") || l.contains("AWS_SECRET_ACCESS_KEY")
                || l.contains("STOWAGE_ADMIN_TOKEN"));
    }

    @Test
    void environmentCredentialsOverrideAndAreNeverPrinted(@TempDir Path dir) throws Exception {
        List<String> lines = runUntilServing(dir.resolve("data"),
                Map.of("STOWAGE_ROOT_ACCESS_KEY", "ENVKEY", "STOWAGE_ROOT_SECRET_KEY", "env-secret-value",
                        "STOWAGE_ADMIN_TOKEN", "env-admin-token-value"));
        assertThat(lines).noneMatch(l -> l.contains("env-secret-value") || l.contains("env-admin-token-value"));
        assertThat(dir.resolve("data").resolve("root-credentials")).doesNotExist();
        assertThat(dir.resolve("data").resolve("admin-token")).doesNotExist();
    }

    @Test
    void versionComesFromTheBuild() throws Exception {
        Process p = new ProcessBuilder(java(), "-jar", JAR.toString(), "--version").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(out).isEqualTo("stowage " + System.getProperty("project.version"));
    }

    @Test
    void invalidFlagsAreReportedWithoutAStackTrace(@TempDir Path dir) throws Exception {
        Process p = new ProcessBuilder(java(), "-jar", JAR.toString(), "server", "--address", "nonsense", "--data", dir.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(out).contains("address must be HOST:PORT").doesNotContain("Exception");
    }

    @Test
    void tlsAutoServesHttpsAndNamesTheCaToTrust(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        List<String> lines = runUntilServing(data, Map.of("STOWAGE_TLS", "auto"));
        assertThat(lines).contains("TLS: clients trust the CA certificate in " + data.resolve("tls/ca.crt").toAbsolutePath());
        assertThat(lines).anyMatch(l -> l.startsWith("Admin API: https://127.0.0.1:"));
        assertThat(lines).anyMatch(l -> l.startsWith("S3 endpoint: https://127.0.0.1:"));
        assertThat(Files.getPosixFilePermissions(data.resolve("tls/tls.key")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void aTakenPortIsReportedByItsSettingWithoutAStackTrace(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Process p = new ProcessBuilder(java(), "-jar", JAR.toString(), "server", "--address", "127.0.0.1:0",
                    "--admin-address", "127.0.0.1:" + taken.getLocalPort(), "--metrics-address", "127.0.0.1:0",
                    "--data", dir.resolve("data").toString())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isEqualTo(1);
            assertThat(out).contains("stowage server: --admin-address 127.0.0.1:" + taken.getLocalPort() + ": cannot listen there")
                    .doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Test
    void aDataDirectoryInUseByAnotherServerIsReported(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        ProcessBuilder first = new ProcessBuilder(java(), "-jar", JAR.toString(), "server", "--address", "127.0.0.1:0",
                "--admin-address", "127.0.0.1:0", "--metrics-address", "127.0.0.1:0", "--data", data.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        Process running = first.start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(running.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("S3 endpoint:")) {
                // wait until it serves
            }
            Process second = new ProcessBuilder(java(), "-jar", JAR.toString(), "server", "--address", "127.0.0.1:0",
                    "--admin-address", "127.0.0.1:0", "--metrics-address", "127.0.0.1:0", "--data", data.toString())
                    .redirectErrorStream(true).start();
            String secondOut = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(second.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(second.exitValue()).isEqualTo(1);
            assertThat(secondOut).contains("stowage server: --data " + data + ": cannot open the store").doesNotContain("\tat ");
        } finally {
            running.destroy();
            assertThat(running.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void unusableTlsFilesAreReportedWithoutAStackTrace(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("missing.crt");
        Process p = new ProcessBuilder(java(), "-jar", JAR.toString(), "server", "--address", "127.0.0.1:0",
                "--admin-address", "127.0.0.1:0", "--data", dir.resolve("data").toString(),
                "--tls-cert", missing.toString(), "--tls-key", dir.resolve("missing.key").toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(out).contains("cannot use the TLS files: " + missing + ": no such file").doesNotContain("Exception");
    }

    /** Starts the server on a free port, collects its stdout until it serves, then stops it with SIGTERM. */
    private static List<String> runUntilServing(Path data, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(java(), "-jar", JAR.toString(), "server", "--address", "127.0.0.1:0",
                "--admin-address", "127.0.0.1:0", "--metrics-address", "127.0.0.1:0", "--data", data.toString());
        builder.environment().remove("STOWAGE_ROOT_ACCESS_KEY");
        builder.environment().remove("STOWAGE_ROOT_SECRET_KEY");
        builder.environment().remove("STOWAGE_ADMIN_TOKEN");
        builder.environment().putAll(env);
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process process = builder.start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
                if (line.startsWith("S3 endpoint: ")) {
                    break;
                }
            }
            assertThat(lines).as("launcher output").anyMatch(l -> l.startsWith("S3 endpoint:"));
        } finally {
            process.destroy();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
        }
        return lines;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
