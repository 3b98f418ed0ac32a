package io.stowage.s3.auth;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/** An UNSIGNED-PAYLOAD body: passed through unchanged. */
final class PlainPayloadStream extends PayloadStream {

    private final InputStream in;

    PlainPayloadStream(InputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        return in.read(b, off, len);
    }

    @Override
    public int available() throws IOException {
        return in.available();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    @Override
    public Map<String, String> trailers() {
        return Map.of();
    }
}
