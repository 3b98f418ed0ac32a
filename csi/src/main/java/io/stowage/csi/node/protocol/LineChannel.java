package io.stowage.csi.node.protocol;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * One end of a connection of the mount daemon's protocol: one JSON object per line, UTF-8. A line is
 * bounded (a stage request with a CA bundle is a few KiB), so a broken peer cannot fill the daemon's memory.
 */
public final class LineChannel implements AutoCloseable {

    public static final int MAX_LINE_BYTES = 1 << 20;

    private final SocketChannel channel;
    private final InputStream in;
    private final OutputStream out;

    public LineChannel(SocketChannel channel) {
        this.channel = channel;
        this.in = new BufferedInputStream(Channels.newInputStream(channel));
        this.out = Channels.newOutputStream(channel);
    }

    /** Writes {@code value} as one line of JSON. */
    public void write(Object value) throws IOException {
        ObjectMapper mapper = NodeJson.mapper();
        byte[] json = mapper.writeValueAsBytes(value);
        byte[] line = new byte[json.length + 1];
        System.arraycopy(json, 0, line, 0, json.length);
        line[json.length] = '\n';
        out.write(line);
        out.flush();
    }

    /**
     * Reads the next line as a {@code type}.
     *
     * @return null when the peer closed the connection before sending a line
     * @throws IOException when the line is not valid JSON of that type or is too long
     */
    public <T> T read(Class<T> type) throws IOException {
        String line = readLine(in, MAX_LINE_BYTES);
        return line == null ? null : NodeJson.mapper().readValue(line, type);
    }

    /** The next line without its end, or null at the end of the stream before any byte of a line. */
    static String readLine(InputStream in, int maxBytes) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(512);
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                return line.toString(StandardCharsets.UTF_8);
            }
            if (line.size() == maxBytes) {
                throw new IOException("line longer than " + maxBytes + " bytes");
            }
            line.write(b);
        }
        if (line.size() > 0) {
            throw new IOException("connection closed in the middle of a line");
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
