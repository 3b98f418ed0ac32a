package io.stowage.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;

/**
 * The CPU the client and, with {@code --server-pid}, the server used over the measured window,
 * each as a share of the whole machine: CPU time / (wall time x cores).
 */
final class CpuMeter {

    /** The shares; {@code server} is NaN when no server process was given. */
    record Shares(double client, double server) {

        /** Client CPU / server CPU: below 1, the client cost less than the server. */
        double ratio() {
            return client / server;
        }
    }

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final long serverPid;
    private long wall0;
    private long client0;
    private long server0;

    /** {@code serverPid} 0: the server's CPU is not measured. */
    CpuMeter(long serverPid) {
        this.serverPid = serverPid;
    }

    void start() {
        server0 = serverCpu();
        client0 = os.getProcessCpuTime();
        wall0 = System.nanoTime();
    }

    Shares stop() {
        long client1 = os.getProcessCpuTime();
        long server1 = serverCpu();
        double machine = (System.nanoTime() - wall0) * (double) Runtime.getRuntime().availableProcessors();
        return new Shares((client1 - client0) / machine, serverPid == 0 ? Double.NaN : (server1 - server0) / machine);
    }

    private long serverCpu() {
        if (serverPid == 0) {
            return 0;
        }
        try {
            return ProcStat.cpuNanos(serverPid);
        } catch (IOException e) {
            throw new UncheckedIOException("--server-pid " + serverPid + ": " + e.getMessage(), e);
        }
    }
}
