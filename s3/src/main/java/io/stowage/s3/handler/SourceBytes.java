package io.stowage.s3.handler;

import io.stowage.engine.Engine;
import io.stowage.engine.model.ObjectBody;
import io.stowage.engine.model.OpenedObject;
import io.stowage.engine.model.Part;
import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.util.Iterator;
import java.util.List;

/**
 * Reads a byte range of an opened object whatever holds its stored bytes: its metadata record, one blob, or the parts
 * of a multipart upload (each part's blob opened only when reached and closed once read).
 */
final class SourceBytes {

    private SourceBytes() {
    }

    /**
     * Bytes [first, first + length) of the object's stored body as a stream. Closing it closes the parts' blobs it
     * opened, never the object's own channel (its OpenedObject owns that).
     */
    static InputStream open(Engine engine, OpenedObject source, long first, long length) {
        return switch (source.version().body()) {
            case ObjectBody.Inline inline -> new ByteArrayInputStream(inline.data(), Math.toIntExact(first), Math.toIntExact(length));
            case ObjectBody.Blob blob -> new ChannelRange(source.channel(), first, length, false);
            case ObjectBody.Multipart multipart -> {
                List<Part> parts = multipart.parts();
                List<PartSlices.Slice> slices = PartSlices.of(parts.stream().map(Part::size).toList(), first, length);
                Iterator<PartSlices.Slice> next = slices.iterator();
                yield new SequenceInputStream(new java.util.Enumeration<InputStream>() {
                    @Override
                    public boolean hasMoreElements() {
                        return next.hasNext();
                    }

                    @Override
                    public InputStream nextElement() {
                        PartSlices.Slice slice = next.next();
                        return switch (parts.get(slice.index()).body()) {
                            case ObjectBody.Inline inline -> new ByteArrayInputStream(inline.data(),
                                    Math.toIntExact(slice.offset()), Math.toIntExact(slice.length()));
                            case ObjectBody.Blob blob -> new ChannelRange(openPart(engine, blob, source), slice.offset(),
                                    slice.length(), true);
                            case ObjectBody.Multipart nested -> throw new IllegalStateException("a part holds a multipart body");
                        };
                    }
                });
            }
        };
    }

    private static FileChannel openPart(Engine engine, ObjectBody.Blob blob, OpenedObject source) {
        try {
            return engine.openBlob(blob.blobId());
        } catch (NoSuchFileException e) {
            throw new S3Exception(S3ErrorCode.NoSuchKey, "The copy source was overwritten or deleted while it was read",
                    source.version().key());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A range of a file read with positional reads. */
    private static final class ChannelRange extends InputStream {
        private final FileChannel channel;
        private final long end;
        private final boolean owned;
        private long position;

        ChannelRange(FileChannel channel, long first, long length, boolean owned) {
            this.channel = channel;
            this.position = first;
            this.end = first + length;
            this.owned = owned;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (position >= end) {
                return -1;
            }
            int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, end - position)), position);
            if (n < 0) {
                throw new IOException("Blob shorter than its metadata says");
            }
            position += n;
            return n;
        }

        @Override
        public void close() throws IOException {
            if (owned) {
                channel.close();
            }
        }
    }
}
