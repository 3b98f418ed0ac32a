package io.stowage.s3.handler;

import io.stowage.engine.Engine;
import io.stowage.engine.model.ObjectBody;
import io.stowage.engine.model.OpenedObject;
import io.stowage.engine.model.Part;
import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.util.List;

/**
 * Reads a byte range of an opened object whatever holds its bytes: its metadata record, one blob,
 * or the parts of a multipart upload (each part's blob opened in turn), through a bounded buffer.
 */
final class SourceBytes {

    private static final int BUFFER = 256 * 1024;

    /** Receives the bytes in order; the array is reused after the call returns. */
    @FunctionalInterface
    interface Sink {
        void accept(byte[] bytes, int offset, int length) throws IOException;
    }

    private SourceBytes() {
    }

    /**
     * Feeds bytes [first, first + length) of the object to the sink.
     *
     * @throws S3Exception NoSuchKey when a part's blob was freed meanwhile (the source was
     *     overwritten or deleted while it was read)
     */
    static void copy(Engine engine, OpenedObject source, long first, long length, Sink sink) throws IOException {
        if (length == 0) {
            return;
        }
        byte[] buffer = new byte[(int) Math.min(BUFFER, length)];
        switch (source.version().body()) {
            case ObjectBody.Inline inline -> sink.accept(inline.data(), Math.toIntExact(first), Math.toIntExact(length));
            case ObjectBody.Blob blob -> copy(source.channel(), first, length, buffer, sink);
            case ObjectBody.Multipart multipart -> {
                List<Part> parts = multipart.parts();
                List<Long> sizes = parts.stream().map(Part::size).toList();
                for (PartSlices.Slice slice : PartSlices.of(sizes, first, length)) {
                    switch (parts.get(slice.index()).body()) {
                        case ObjectBody.Inline inline ->
                                sink.accept(inline.data(), Math.toIntExact(slice.offset()), Math.toIntExact(slice.length()));
                        case ObjectBody.Blob blob -> {
                            try (FileChannel channel = engine.openBlob(blob.blobId())) {
                                copy(channel, slice.offset(), slice.length(), buffer, sink);
                            } catch (NoSuchFileException e) {
                                throw new S3Exception(S3ErrorCode.NoSuchKey, "The copy source was overwritten or deleted while it was read",
                                        source.version().key());
                            }
                        }
                        case ObjectBody.Multipart nested -> throw new IllegalStateException("a part holds a multipart body");
                    }
                }
            }
        }
    }

    private static void copy(FileChannel channel, long first, long length, byte[] buffer, Sink sink) throws IOException {
        ByteBuffer wrapped = ByteBuffer.wrap(buffer);
        long position = first;
        long end = first + length;
        while (position < end) {
            wrapped.clear();
            wrapped.limit((int) Math.min(buffer.length, end - position));
            int n = channel.read(wrapped, position);
            if (n < 0) {
                throw new IOException("Blob shorter than its metadata says");
            }
            position += n;
            sink.accept(buffer, 0, n);
        }
    }
}
