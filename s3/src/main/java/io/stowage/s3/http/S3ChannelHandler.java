package io.stowage.s3.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.DefaultFileRegion;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.stream.ChunkedNioFile;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection: hands each request to a virtual thread with its body as a stream, writes the
 * response, then reads the next request. One request at a time per connection; auto-read is off
 * so the body stream controls how fast bytes come in. Once a response is out, the listener hears
 * about the request.
 */
final class S3ChannelHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(S3ChannelHandler.class);

    /** Bytes of a file read into one buffer when a file cannot be sent zero-copy (over TLS). */
    private static final int FILE_CHUNK = 64 * 1024;

    private final RequestProcessor processor;
    private final Executor executor;
    private final RequestListener listener;
    private final Connections connections;
    private final boolean zeroCopy;
    private final ArrayDeque<Object> pipelined = new ArrayDeque<>();
    private BodyStream body;
    private boolean responding;

    /**
     * @param zeroCopy whether files go to the socket with sendfile; false under TLS, where they
     *     are read in chunks into (pooled, off-heap) buffers for encryption instead
     */
    S3ChannelHandler(RequestProcessor processor, Executor executor, RequestListener listener, Connections connections,
            boolean zeroCopy) {
        this.processor = processor;
        this.executor = executor;
        this.listener = listener;
        this.connections = connections;
        this.zeroCopy = zeroCopy;
    }

    /** A request being answered: what the listener is told once the response is out. */
    private record Exchange(String method, String path, String remoteAddress, long startedNanos, BodyStream body) {
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.read();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!pipelined.isEmpty() || (msg instanceof HttpRequest && responding)) {
            // A pipelined request decoded from the same read: it waits until the current response is out.
            pipelined.add(msg);
            return;
        }
        handle(ctx, msg);
    }

    private void handle(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request) {
            startRequest(ctx, request);
        }
        if (msg instanceof HttpContent content) {
            boolean last = content instanceof LastHttpContent;
            if (body != null) {
                body.offer(content.content(), last);
            } else {
                content.release();
            }
            if (last && !responding) {
                body = null;
                ctx.read();
            }
        }
    }

    private void startRequest(ChannelHandlerContext ctx, HttpRequest request) {
        Channel channel = ctx.channel();
        long started = System.nanoTime();
        String remote = remoteAddress(channel);
        int q = request.uri().indexOf('?');
        String path = q < 0 ? request.uri() : request.uri().substring(0, q);
        if (request.decoderResult().isFailure()) {
            String reason = request.decoderResult().cause() == null ? "bad request" : request.decoderResult().cause().getMessage();
            responding = true;
            write(channel, processor.malformedRequest(reason), false, new Exchange(request.method().name(), path, remote, started, null));
            return;
        }
        BodyStream stream = new BodyStream(channel, HttpUtil.is100ContinueExpected(request));
        body = stream;
        responding = true;
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        boolean declaresBody = HttpUtil.isTransferEncodingChunked(request) || HttpUtil.getContentLength(request, 0L) > 0;
        IncomingRequest incoming = new IncomingRequest(request.method().name(), request.uri(), request.headers(), remote);
        Exchange exchange = new Exchange(incoming.method(), path, remote, started, stream);
        executor.execute(() -> {
            S3Response response = processor.process(incoming, stream);
            // A body nobody read must not be mistaken for the next request: close instead of draining it.
            boolean reuse = keepAlive && (stream.isComplete() || !declaresBody) && !(declaresBody && stream.continueWithheld());
            stream.close();
            write(channel, response, reuse, exchange);
        });
    }

    private void write(Channel channel, S3Response response, boolean reuse, Exchange exchange) {
        boolean keepAlive = reuse && !connections.draining();
        BodyStream stream = exchange.body();
        DefaultHttpResponse head = new DefaultHttpResponse(
                HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(response.status()), response.headers());
        ResponseBody responseBody = response.body();
        long bodyLength = switch (responseBody) {
            case ResponseBody.Empty e -> 0;
            case ResponseBody.Bytes b -> b.length();
            case ResponseBody.FileSlice f -> f.length();
            case ResponseBody.Parts p -> p.length();
            case ResponseBody.Stream s -> s.length();
        };
        if (!response.headers().contains(HttpHeaderNames.CONTENT_LENGTH)) {
            HttpUtil.setContentLength(head, bodyLength);
        }
        if (!keepAlive) {
            head.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        channel.write(head);
        switch (responseBody) {
            case ResponseBody.Empty e -> {
            }
            case ResponseBody.Bytes b ->
                    channel.write(new DefaultHttpContent(Unpooled.wrappedBuffer(b.data(), b.offset(), b.length())));
            case ResponseBody.FileSlice f -> {
                try {
                    channel.write(fileBody(f.channel(), f.position(), f.length()));
                } catch (IOException e) {
                    LOG.debug("The file of the response to {} cannot be read ({}); closing the connection", remoteAddress(channel), e.toString());
                    channel.close();
                    completed(response, exchange, 0, false);
                    return;
                }
            }
            case ResponseBody.Parts p -> {
                if (!writeParts(channel, p)) {
                    completed(response, exchange, 0, false);
                    return;
                }
            }
            case ResponseBody.Stream s -> {
                if (!writeStream(channel, s)) {
                    completed(response, exchange, 0, false);
                    return;
                }
            }
        }
        channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener((ChannelFutureListener) future -> {
            completed(response, exchange, future.isSuccess() ? bodyLength : 0, future.isSuccess());
            if (!future.isSuccess() || !keepAlive) {
                channel.close();
                return;
            }
            responding = false;
            ChannelHandlerContext ctx = channel.pipeline().context(this);
            // Start the next queued request and hand it its queued body; a request after that waits again.
            while (!pipelined.isEmpty() && !(responding && pipelined.peek() instanceof HttpRequest)) {
                handle(ctx, pipelined.poll());
            }
            if (!responding && (stream == null || stream.isComplete())) {
                body = null;
                channel.read();
            }
            // else: the rest of an empty body (its LastHttpContent) is still to come; channelRead reads on.
        });
    }

    private void completed(S3Response response, Exchange exchange, long bytesOut, boolean sent) {
        long bytesIn = exchange.body() == null ? 0 : exchange.body().received();
        try {
            listener.completed(new CompletedRequest(response.summary(), exchange.method(), exchange.path(),
                    exchange.remoteAddress(), response.status(), bytesIn, bytesOut, System.nanoTime() - exchange.startedNanos(), sent));
        } catch (RuntimeException e) {
            LOG.warn("A request listener failed", e);
        }
    }

    /** A file range as the pipeline can send it: zero-copy, or read in chunks when TLS must encrypt it. */
    private Object fileBody(FileChannel file, long position, long length) throws IOException {
        return zeroCopy ? new DefaultFileRegion(file, position, length) : new ChunkedNioFile(file, position, length, FILE_CHUNK);
    }

    /**
     * Sends the slices one at a time, waiting for each to be written before opening the next, so
     * one file at most is open and the outbound buffer holds one slice. Runs on the request's
     * virtual thread, never on the event loop. A slice that cannot be opened (its blob was freed
     * by an overwrite or delete meanwhile) or a failed write closes the connection: the headers
     * are out, so the client sees a short body.
     *
     * @return whether every slice was sent
     */
    private boolean writeParts(Channel channel, ResponseBody.Parts parts) {
        if (channel.eventLoop().inEventLoop()) {
            throw new IllegalStateException("multipart bodies are written from the request's thread");
        }
        channel.flush();
        for (PartSlice slice : parts.slices()) {
            ChannelFuture written;
            switch (slice) {
                case PartSlice.Bytes b ->
                        written = channel.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(b.data(), b.offset(), (int) b.length())));
                case PartSlice.File f -> {
                    Object file;
                    try {
                        file = fileBody(f.source().open(), f.position(), f.length());
                    } catch (IOException e) {
                        LOG.debug("A part of the response to {} is gone ({}); closing the connection", remoteAddress(channel), e.toString());
                        channel.close();
                        return false;
                    }
                    written = channel.writeAndFlush(file);
                }
            }
            written.awaitUninterruptibly();
            if (!written.isSuccess()) {
                LOG.debug("Writing a part to {} failed: {}", remoteAddress(channel), String.valueOf(written.cause()));
                channel.close();
                return false;
            }
        }
        return true;
    }

    /**
     * Sends a produced body chunk by chunk from the request's thread, each chunk written before the next is read, so
     * the outbound buffer holds one chunk. A failed read (a body that does not authenticate) or write closes the
     * connection: the headers are out, so the client sees a short body.
     *
     * @return whether all of it was sent
     */
    private boolean writeStream(Channel channel, ResponseBody.Stream stream) {
        if (channel.eventLoop().inEventLoop()) {
            throw new IllegalStateException("streamed bodies are written from the request's thread");
        }
        channel.flush();
        try (InputStream in = stream.in()) {
            long left = stream.length();
            while (left > 0) {
                byte[] chunk = in.readNBytes((int) Math.min(FILE_CHUNK, left));
                if (chunk.length == 0) {
                    throw new IOException("the body ended " + left + " bytes early");
                }
                left -= chunk.length;
                ChannelFuture written = channel.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(chunk)));
                written.awaitUninterruptibly();
                if (!written.isSuccess()) {
                    LOG.debug("Writing to {} failed: {}", remoteAddress(channel), String.valueOf(written.cause()));
                    channel.close();
                    return false;
                }
            }
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.warn("The body of the response to {} could not be produced; closing the connection: {}",
                    remoteAddress(channel), e.toString());
            channel.close();
            return false;
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (body != null && body.readAgain()) {
            ctx.read();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        pipelined.forEach(ReferenceCountUtil::release);
        pipelined.clear();
        if (body != null) {
            body.fail(new ClosedChannelException());
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if ((evt instanceof IdleStateEvent || evt == Connections.DRAIN) && !responding) {
            ctx.close();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException || cause instanceof DecoderException && cause.getCause() instanceof SSLException) {
            // Network failures and failed TLS handshakes (plain HTTP on the TLS port, old protocols, scanners) are the client's.
            LOG.debug("Connection error from {}: {}", remoteAddress(ctx.channel()), cause.toString());
        } else {
            LOG.warn("Unexpected error on connection from {}", remoteAddress(ctx.channel()), cause);
        }
        if (body != null) {
            body.fail(cause instanceof IOException io ? io : new IOException(cause));
        }
        ctx.close();
    }

    private static String remoteAddress(Channel channel) {
        return channel.remoteAddress() instanceof InetSocketAddress inet ? inet.getAddress().getHostAddress() : String.valueOf(channel.remoteAddress());
    }
}
