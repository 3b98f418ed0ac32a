package io.stowage.bench.limits;

import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;

/**
 * Synced appends per second, the write-ahead-log pattern: append 4 KiB to a growing file, then
 * fdatasync ({@code force(false)}). Each thread appends to a log of its own, so concurrent
 * threads are independent syncs, with no group commit.
 */
public final class AppendFdatasyncRate {

    private AppendFdatasyncRate() {
    }

    public static void main(String[] argv) throws Exception {
        TimedRun.Args args = TimedRun.Args.parse(argv, "AppendFdatasyncRate");
        Block block = new Block(2);
        FileChannel[] logs = new FileChannel[args.threads()];
        try {
            for (int w = 0; w < logs.length; w++) {
                logs[w] = FileChannel.open(args.dir().resolve("log-" + w), StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            }
            TimedRun.printRate(args, (worker, seq) -> {
                block.writeTo(logs[worker]);
                logs[worker].force(false);
            });
        } finally {
            for (FileChannel log : logs) {
                if (log != null) {
                    log.close();
                }
            }
        }
    }
}
