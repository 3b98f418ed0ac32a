package io.stowage.cluster.blob;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The blob copy protocol between nodes, one request per connection. A request is an op byte and
 * the 32-character blob id. PUSH: the server answers {@link #HELD} (nothing to send) or
 * {@link #SEND}; then the client sends the length (8 bytes) and the bytes, and the server answers
 * {@link #HELD} once they are fsynced. GET: the server answers {@link #HELD}, the length and the
 * bytes, or {@link #ABSENT}. METADATA (the op byte alone): the server answers {@link #HELD} and a copy
 * of its metadata directory, each file as its name, length and bytes, ended by an empty name.
 * MASTER_KEYS (the op byte alone): the same with the directory of the SSE-S3 master keys.
 * {@link #FAILED} means the server could not do it.
 */
final class BlobWire {

    static final byte PUSH = 'P';
    static final byte GET = 'G';
    static final byte METADATA = 'M';
    static final byte MASTER_KEYS = 'W';
    static final byte SEND = 'S';
    static final byte HELD = 'K';
    static final byte ABSENT = 'N';
    static final byte FAILED = 'E';
    static final int ID_LENGTH = 32;
    /** The names a metadata store's files have: never a path. */
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,254}");

    private BlobWire() {
    }

    static void writeRequest(DataOutputStream out, byte op, String blobId) throws IOException {
        out.writeByte(op);
        out.write(blobId.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Sends the length of a blob and then its bytes. */
    static void writeBlob(DataOutputStream out, FileChannel blob, long size) throws IOException {
        out.writeLong(size);
        out.flush();
        WritableByteChannel target = Channels.newChannel(out);
        long sent = 0;
        while (sent < size) {
            sent += blob.transferTo(sent, size - sent, target);
        }
        out.flush();
    }

    /** Sends every file of a flat directory, then the end mark. */
    static void writeDirectory(DataOutputStream out, Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(Files::isRegularFile).toList();
        }
        for (Path file : files) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                out.writeUTF(file.getFileName().toString());
                writeBlob(out, channel, channel.size());
            }
        }
        out.writeUTF("");
        out.flush();
    }

    /**
     * Receives what {@link #writeDirectory} sends into {@code target}, refusing any name that is not a plain file name.
     *
     * @param attributes of the files created
     */
    static void readDirectory(DataInputStream in, Path target, FileAttribute<?>... attributes) throws IOException {
        for (String name = in.readUTF(); !name.isEmpty(); name = in.readUTF()) {
            if (!FILE_NAME.matcher(name).matches()) {
                throw new IOException("refused a file named " + name);
            }
            long length = in.readLong();
            try (FileChannel file = FileChannel.open(target.resolve(name),
                    Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attributes)) {
                long copied = file.transferFrom(Channels.newChannel(new ExactLengthInputStream(in, length)), 0, length);
                if (copied != length) {
                    throw new EOFException("file " + name + " ended after " + copied + " of " + length + " bytes");
                }
                file.force(true);
            }
        }
    }

    static String readId(DataInputStream in) throws IOException {
        byte[] id = new byte[ID_LENGTH];
        in.readFully(id);
        return new String(id, StandardCharsets.US_ASCII);
    }
}
