package io.stowage.csi.node.system;

import io.stowage.csi.node.MountException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a short system command (mount, umount, fusermount) in the minimal environment, bounded in time. */
public final class CommandRunner {

    /** A finished command: its exit status and its output (stdout and stderr merged). */
    public record Result(int exitCode, String output) {
        public boolean succeeded() {
            return exitCode == 0;
        }
    }

    private final Map<String, String> env;
    private final Duration timeout;

    public CommandRunner(Path home, Duration timeout) {
        this.env = ChildEnvironment.base(home);
        this.timeout = timeout;
    }

    /**
     * @throws MountException FAILED when the command cannot start or does not end in time (it is killed)
     */
    public Result run(List<String> argv) {
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new MountException(MountException.Reason.FAILED, "cannot run " + argv.getFirst() + ": " + e.getMessage(), e);
        }
        try {
            process.getOutputStream().close();
            // The output of these commands is a few lines: it fits the pipe, so reading it after the exit is safe.
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new MountException(MountException.Reason.FAILED,
                        String.join(" ", argv) + " did not finish within " + timeout.toSeconds() + " s");
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new MountException(MountException.Reason.FAILED, "cannot read the output of " + argv.getFirst(), e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new MountException(MountException.Reason.FAILED, String.join(" ", argv) + " interrupted", e);
        }
    }
}
