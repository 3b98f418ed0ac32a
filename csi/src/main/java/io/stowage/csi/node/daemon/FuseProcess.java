package io.stowage.csi.node.daemon;

import io.stowage.csi.node.MountException;
import io.stowage.csi.node.fuse.FuseCommand;
import io.stowage.csi.node.fuse.FuseFile;
import io.stowage.csi.node.fuse.VolumeFiles;
import io.stowage.csi.node.system.AtomicFiles;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A mounter running in the foreground as a child of the daemon. Its output goes to a file in the volume's
 * directory rather than a pipe: a pipe would need a reader for as long as the mounter lives, and a Go
 * program (rclone, geesefs) dies of SIGPIPE when it writes to a pipe whose reader is gone, which is what a
 * pipe to a killed daemon is.
 */
final class FuseProcess {

    private static final int TAIL_BYTES = 4096;
    private static final int TAIL_LINES = 20;
    private static final Duration TERM_GRACE = Duration.ofSeconds(5);

    private final Process process;
    private final Path log;
    private final long startMillis;

    private FuseProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
        this.startMillis = process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }

    /** Writes the command's files and starts it. @throws MountException FAILED when it cannot start */
    static FuseProcess start(FuseCommand command, VolumeFiles files) {
        try {
            Files.createDirectories(files.home(), PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
            Files.createDirectories(files.cache());
            for (FuseFile file : command.files()) {
                AtomicFiles.write(file.path(), file.content().getBytes(StandardCharsets.UTF_8), file.permissions());
            }
            AtomicFiles.write(files.log(), new byte[0], AtomicFiles.PRIVATE);
            ProcessBuilder builder = new ProcessBuilder(command.argv())
                    .directory(files.dir().toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(files.log().toFile()));
            builder.environment().clear();
            builder.environment().putAll(command.environment());
            return new FuseProcess(builder.start(), files.log());
        } catch (IOException e) {
            throw new MountException(MountException.Reason.FAILED,
                    "cannot start " + command.argv().getFirst() + ": " + e.getMessage(), e);
        }
    }

    long pid() {
        return process.pid();
    }

    /** When the process started, in epoch milliseconds as the kernel reports it: with the pid, it names the process. */
    long startMillis() {
        return startMillis;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    /** The exit status, or -1 while it runs. */
    int exitCode() {
        return process.isAlive() ? -1 : process.exitValue();
    }

    /** The last lines the mounter wrote, or "(none)" (not scrubbed: the caller removes secrets). */
    String tail() {
        return tail(log);
    }

    static String tail(Path log) {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long length = file.length();
            int size = (int) Math.min(length, TAIL_BYTES);
            byte[] bytes = new byte[size];
            file.seek(length - size);
            file.readFully(bytes);
            String text = new String(bytes, StandardCharsets.UTF_8).strip();
            if (text.isEmpty()) {
                return "(none)";
            }
            List<String> lines = Arrays.asList(text.split("\n"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    /**
     * Waits up to {@code grace} for the process to end on its own (it does once its mount is unmounted),
     * then asks it to stop (SIGTERM), then kills it.
     */
    void stop(Duration grace) {
        stop(process.toHandle(), grace);
    }

    /**
     * Stops a mounter an earlier daemon started, if it still runs: a process with that pid that started at
     * that time (another process may have the pid by now).
     */
    static void stopOrphan(long pid, long startMillis) {
        if (pid <= 0) {
            return;
        }
        ProcessHandle.of(pid)
                .filter(h -> h.info().startInstant().map(Instant::toEpochMilli).orElse(-1L) == startMillis)
                .ifPresent(h -> stop(h, Duration.ZERO));
    }

    private static void stop(ProcessHandle handle, Duration grace) {
        if (awaitExit(handle, grace)) {
            return;
        }
        handle.destroy();
        if (!awaitExit(handle, TERM_GRACE)) {
            handle.destroyForcibly();
            awaitExit(handle, TERM_GRACE);
        }
    }

    private static boolean awaitExit(ProcessHandle handle, Duration timeout) {
        if (!handle.isAlive()) {
            return true;
        }
        try {
            handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return !handle.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !handle.isAlive();
        }
    }
}
