package io.stowage.csi.node.it;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The mount daemon as its own JVM ({@code MounterMain}), as it runs on a node: the tests kill it, and its
 * mounters, like a node would.
 */
final class DaemonProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final Path socket;

    private DaemonProcess(Process process, Path socket) {
        this.process = process;
        this.socket = socket;
    }

    /** Starts a daemon and waits until it serves on {@code socket} (after it has restored its volumes). */
    static DaemonProcess start(Path socket, Path stateDir, Path log) throws IOException, InterruptedException {
        Files.createDirectories(log.getParent());
        Files.deleteIfExists(socket);
        Process process = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                "io.stowage.csi.node.MounterMain", "--socket", socket.toString(), "--state-dir", stateDir.toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        DaemonProcess daemon = new DaemonProcess(process, socket);
        daemon.awaitReady(log);
        return daemon;
    }

    private void awaitReady(Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the mount daemon exited with " + process.exitValue() + ":\n"
                        + Files.readString(log));
            }
            if (Files.exists(socket)) {
                try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                    probe.connect(UnixDomainSocketAddress.of(socket));
                    return;
                } catch (IOException e) {
                    // not serving yet
                }
            }
            Thread.sleep(100);
        }
        close();
        throw new IllegalStateException("the mount daemon did not serve on " + socket + " within " + READY_TIMEOUT);
    }

    /** The mounters it runs: its child processes. */
    List<ProcessHandle> mounters() {
        return process.children().toList();
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    /** SIGTERM, as a pod's stop sends. @return its exit status */
    int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the mount daemon did not stop within " + timeout + " of SIGTERM");
        }
        return process.exitValue();
    }

    /** SIGKILL, as a node kills a container that does not stop: its mounters are left running, orphaned. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Kills the daemon and every process it started. */
    @Override
    public void close() {
        List<ProcessHandle> descendants = process.descendants().toList();
        kill();
        descendants.forEach(ProcessHandle::destroyForcibly);
    }
}
