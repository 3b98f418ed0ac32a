package io.stowage.csi.node.it;

import io.stowage.csi.node.system.MountTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Makes a FUSE mount dead without its mounter exiting, so that the mount daemon cannot see it die and mend it
 * before a call does: the mounter is stopped (SIGSTOP), so that it neither answers nor exits, and the mount's FUSE
 * connection is aborted through the fusectl file system ({@code /sys/fs/fuse/connections/<minor>/abort}), so
 * that every access to the mount and its binds fails with "Transport endpoint is not connected", as after a crash.
 * Mounts fusectl when it is not mounted, and unmounts it again on {@link #close}.
 */
final class DeadMounts implements AutoCloseable {

    private static final Path CONNECTIONS = Path.of("/sys/fs/fuse/connections");

    private boolean mountedControl;

    /** Kills the FUSE mount at {@code mountPoint}, whose mounter is {@code mounter}; the mounter stays stopped. */
    void kill(ProcessHandle mounter, Path mountPoint) throws IOException, InterruptedException {
        String minor = deviceMinor(mountPoint);
        run("kill", "-STOP", Long.toString(mounter.pid()));
        if (MountTable.read().at(CONNECTIONS).isEmpty()) {
            run("mount", "-t", "fusectl", "fusectl", CONNECTIONS.toString());
            mountedControl = true;
        }
        Files.writeString(CONNECTIONS.resolve(minor).resolve("abort"), "1");
    }

    // The minor device number of the mount, from /proc/self/mountinfo: a stat would wait on the stopped mounter.
    private static String deviceMinor(Path mountPoint) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"), StandardCharsets.UTF_8)) {
            String[] fields = line.split(" ");
            if (fields[4].equals(mountPoint.toString())) {
                return fields[2].substring(fields[2].indexOf(':') + 1);
            }
        }
        throw new IllegalStateException("nothing is mounted at " + mountPoint);
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (mountedControl) {
            run("umount", CONNECTIONS.toString());
        }
    }
}
