package io.stowage.engine.store.blob;

import io.stowage.engine.BodyWriter;
import io.stowage.engine.model.ObjectBody;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Buffers a body of known small length in memory (at most that length) and otherwise streams it
 * to {@code tmp/<blobId>}; a body that outgrows its expected length spills to the file.
 */
final class SpillingBodyWriter implements BodyWriter {

    private final BlobStore store;
    private ByteBuffer memory;
    private String blobId;
    private Path path;
    private FileChannel file;
    private long written;
    private boolean finished;

    /** @param memoryCapacity bytes to buffer in memory, or -1 to write a file from the start */
    SpillingBodyWriter(BlobStore store, int memoryCapacity) {
        this.store = store;
        this.memory = memoryCapacity >= 0 ? ByteBuffer.allocate(memoryCapacity) : null;
    }

    @Override
    public void write(ByteBuffer src) throws IOException {
        if (finished) {
            throw new IllegalStateException("body already finished");
        }
        int length = src.remaining();
        if (memory != null && length <= memory.remaining()) {
            memory.put(src);
        } else {
            if (file == null) {
                openFile();
            }
            while (src.hasRemaining()) {
                file.write(src);
            }
        }
        written += length;
    }

    private void openFile() throws IOException {
        blobId = store.newBlobId();
        path = store.tmpPath(blobId);
        file = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        if (memory != null) {
            memory.flip();
            while (memory.hasRemaining()) {
                file.write(memory);
            }
            memory = null;
        }
    }

    @Override
    public long written() {
        return written;
    }

    @Override
    public ObjectBody finish() throws IOException {
        if (finished) {
            throw new IllegalStateException("body already finished");
        }
        if (file == null) {
            // nothing spilled; an empty body of unknown length needs no file either
            finished = true;
            return new ObjectBody.Inline(memory == null ? new byte[0] : Arrays.copyOf(memory.array(), memory.position()));
        }
        file.force(true);
        file.close();
        store.fsyncTmpDir();
        finished = true;
        return new ObjectBody.Blob(blobId, written);
    }

    @Override
    public void close() {
        if (file != null) {
            try {
                file.close();
            } catch (IOException ignored) {
                // the file is deleted below or already finished
            }
        }
        if (!finished && path != null) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // an orphan in tmp/ is deleted by the next recovery sweep
            }
        }
        memory = null;
    }
}
