package io.stowage.bench.limits;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Small files per second: create a new file, write 4 KiB, fsync it, fsync its directory, as
 * the engine stores a blob in tmp/. All threads share the one directory, as they share tmp/.
 * Each file is then deleted without a sync, as a committed blob leaves tmp/ by an unsynced
 * rename, so the directory stays small.
 */
public final class CreateFsyncRate {

    private CreateFsyncRate() {
    }

    public static void main(String[] argv) throws Exception {
        TimedRun.Args args = TimedRun.Args.parse(argv, "CreateFsyncRate");
        Block block = new Block(1);
        TimedRun.printRate(args, (worker, seq) -> {
            Path file = args.dir().resolve("w" + worker + "-" + seq);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                block.writeTo(channel);
                channel.force(true);
            }
            try (FileChannel dir = FileChannel.open(args.dir(), StandardOpenOption.READ)) {
                dir.force(true);
            }
            Files.delete(file);
        });
    }
}
