package io.stowage.cluster.blob;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;

/**
 * The blob copy protocol between nodes, one request per connection. A request is an op byte and
 * the 32-character blob id. PUSH: the server answers {@link #HELD} (nothing to send) or
 * {@link #SEND}; then the client sends the length (8 bytes) and the bytes, and the server answers
 * {@link #HELD} once they are fsynced. GET: the server answers {@link #HELD}, the length and the
 * bytes, or {@link #ABSENT}. {@link #FAILED} means the server could not do it.
 */
final class BlobWire {

    static final byte PUSH = 'P';
    static final byte GET = 'G';
    static final byte SEND = 'S';
    static final byte HELD = 'K';
    static final byte ABSENT = 'N';
    static final byte FAILED = 'E';
    static final int ID_LENGTH = 32;

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

    static String readId(DataInputStream in) throws IOException {
        byte[] id = new byte[ID_LENGTH];
        in.readFully(id);
        return new String(id, StandardCharsets.US_ASCII);
    }
}
