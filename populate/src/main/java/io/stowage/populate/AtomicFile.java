package io.stowage.populate;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A file written under a temporary name in its final directory and renamed into place only once complete and
 * synced, the directory synced after the rename: a reader (or a crash) sees the old file or the whole new one,
 * never a part. Closed without {@link #commit()}, the temporary file is deleted.
 */
final class AtomicFile implements AutoCloseable {

    private static final int MAX_NAME_BYTES = 255;

    private final Path temp;
    private final Path destination;
    private final FileChannel channel;
    private boolean committed;

    private AtomicFile(Path temp, Path destination, FileChannel channel) {
        this.temp = temp;
        this.destination = destination;
        this.channel = channel;
    }

    static AtomicFile create(Path destination) throws LocalWriteException {
        String random = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        String name = TargetLayout.TEMP_PREFIX + random + "-" + destination.getFileName();
        Path temp = destination.resolveSibling(truncate(name));
        try {
            return new AtomicFile(temp, destination,
                    FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
        } catch (IOException e) {
            throw new LocalWriteException("cannot create " + temp, e);
        }
    }

    /** A name of at most 255 UTF-8 bytes, cut at a character boundary. */
    private static String truncate(String name) {
        while (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            name = name.substring(0, name.offsetByCodePoints(0, name.codePointCount(0, name.length()) - 1));
        }
        return name;
    }

    void write(byte[] bytes, int offset, int length) throws LocalWriteException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
        try {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } catch (IOException e) {
            throw new LocalWriteException("cannot write " + temp, e);
        }
    }

    /** Syncs the file, renames it to its destination (replacing what is there) and syncs the directory. */
    void commit() throws LocalWriteException {
        try {
            channel.force(true);
            channel.close();
            Files.move(temp, destination, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            committed = true;
            syncDirectory(destination.getParent());
        } catch (IOException e) {
            throw new LocalWriteException("cannot put " + destination + " in place", e);
        }
    }

    static void syncDirectory(Path dir) throws IOException {
        try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
            directory.force(true);
        }
    }

    @Override
    public void close() {
        if (committed) {
            return;
        }
        try {
            channel.close();
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // What is left is removed at the next run's start, by its name.
        }
    }
}
