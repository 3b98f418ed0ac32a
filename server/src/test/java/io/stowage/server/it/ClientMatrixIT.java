package io.stowage.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs scripts/client-matrix.sh against a real server: Debian's awscli, s3cmd, rclone and boto3 each
 * create a bucket, put (single PUTs and a 100 MiB multipart upload), get, list with a delimiter, copy
 * and delete; awscli also streams 1 GiB through a multipart upload from stdin and back. CI installs the
 * clients (.ci/run); a client missing here fails, as it would there.
 */
@ExtendWith(StowageServerExtension.class)
class ClientMatrixIT {

    private static final String SCRIPT = "scripts/client-matrix.sh";
    private static final long TIMEOUT_MINUTES = 20;

    @Test
    void fourRealClientsPassTheRoundTrip(URI endpoint) throws Exception {
        Path script = findScript();
        Process process = new ProcessBuilder("bash", script.toString(), endpoint.toString(),
                StowageServerExtension.ACCESS_KEY, StowageServerExtension.SECRET_KEY)
                .directory(script.getParent().getParent().toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();

        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = Thread.ofPlatform().daemon().name("client-matrix-output").start(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    System.out.println("[client-matrix] " + line);
                    System.out.flush();
                    lines.add(line);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });

        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError("client matrix did not finish in " + TIMEOUT_MINUTES + " minutes; output so far:\n"
                    + String.join("\n", lines));
        }
        reader.join(TimeUnit.SECONDS.toMillis(30));

        String output = String.join("\n", lines);
        assertThat(process.exitValue()).as("exit code of %s; output:%n%s", script, output).isZero();
        assertThat(lines).as("output of %s", script).contains("4 passed, 0 failed");
    }

    /** The script at the repository root: the working directory is the module (server/), but look upwards to be sure. */
    private static Path findScript() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(SCRIPT);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError(SCRIPT + " not found above " + Path.of("").toAbsolutePath());
    }
}
