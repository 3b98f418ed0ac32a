package io.stowage.bench.load;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import io.stowage.bench.load.http.HttpConnection;
import io.stowage.bench.load.http.Response;
import io.stowage.bench.load.http.ResponseListener;

import java.util.concurrent.CompletableFuture;

/** A connection that signs and encodes S3 requests. One caller at a time. */
final class S3Connection implements AutoCloseable {

    private final HttpConnection http;
    private final RequestEncoder encoder;

    S3Connection(HttpConnection http, RequestEncoder encoder) {
        this.http = http;
        this.encoder = encoder;
    }

    /** Sends the request; the response reaches {@code listener} on {@link #eventLoop()}. */
    void send(Request r, ResponseListener listener) {
        http.send(encoder.encode(r, ByteBufAllocator.DEFAULT), r.body(), r.expect(), listener);
    }

    /**
     * Sends the request and waits for its response: for the phases around the measured one and for
     * multipart uploads. Never on the event loop, which would wait for itself.
     */
    Response call(Request r) {
        CompletableFuture<Response> response = new CompletableFuture<>();
        send(r, response::complete);
        return response.join();
    }

    EventLoop eventLoop() {
        return http.eventLoop();
    }

    @Override
    public void close() {
        http.close();
    }
}
