package io.stowage.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The CPU time of another process, from {@code /proc/PID/stat} (utime + stime, all its threads). */
final class ProcStat {

    /** Linux reports these times in USER_HZ, which the kernel ABI fixes at 100 on x86 and arm64. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private ProcStat() {
    }

    static long cpuNanos(long pid) throws IOException {
        return cpuNanos(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
    }

    /** utime + stime of a stat line, in nanoseconds. */
    static long cpuNanos(String stat) {
        // the command name (field 2) is in parentheses and may itself hold spaces and parentheses
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        // fields[0] is field 3 (state), so utime (field 14) and stime (field 15) are at 11 and 12
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK;
    }
}
