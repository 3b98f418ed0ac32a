package io.stowage.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.stowage.bench.load.LoadOptions.Options;
import io.stowage.bench.load.http.HttpTransport;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What every phase of one run shares: the options, the transport, the bucket, the payload and the
 * errors. The payload is one direct buffer of random bytes; request bodies are slices of it, so
 * neither the client's memory nor a copy per request grows with the object size.
 */
record LoadContext(Options options, HttpTransport transport, String host, String bucket, ByteBuf payload, Errors errors) {

    static LoadContext of(Options o) {
        URI uri = URI.create(o.endpoint());
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        String host = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
        String bucket = o.bucket() != null ? o.bucket()
                : "load-" + o.scenario().label + "-" + Long.toHexString(System.currentTimeMillis()) + "-"
                        + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000));
        HttpTransport transport = new HttpTransport(uri.getHost(), port, o.eventLoops());
        return new LoadContext(o, transport, host, bucket, randomPayload(o.payloadLength()), new Errors());
    }

    private static ByteBuf randomPayload(int length) {
        ByteBuffer payload = ByteBuffer.allocateDirect(length);
        byte[] chunk = new byte[Math.min(length, 1 << 20)];
        while (payload.hasRemaining()) {
            ThreadLocalRandom.current().nextBytes(chunk);
            payload.put(chunk, 0, Math.min(chunk.length, payload.remaining()));
        }
        return Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(payload.flip()));
    }

    /** A new connection with its own signer; it connects on its first request. */
    S3Connection connection() {
        Options o = options;
        RequestSigner signer = new RequestSigner(o.accessKey(), o.secretKey(), o.region(), "s3", host);
        return new S3Connection(transport.connection(), new RequestEncoder(signer, host));
    }

    ObjectRequests objectRequests() {
        return new ObjectRequests(payload, options.size(), errors);
    }
}
