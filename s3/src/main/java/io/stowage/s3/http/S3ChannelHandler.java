package io.stowage.s3.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.DefaultFileRegion;
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
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection: hands each request to a virtual thread with its body as a stream, writes the
 * response, then reads the next request. One request at a time per connection; auto-read is off
 * so the body stream controls how fast bytes come in.
 */
final class S3ChannelHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(S3ChannelHandler.class);

    private final RequestProcessor processor;
    private final Executor executor;
    private final ArrayDeque<Object> pipelined = new ArrayDeque<>();
    private BodyStream body;
    private boolean responding;

    S3ChannelHandler(RequestProcessor processor, Executor executor) {
        this.processor = processor;
        this.executor = executor;
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
        if (request.decoderResult().isFailure()) {
            String reason = request.decoderResult().cause() == null ? "bad request" : request.decoderResult().cause().getMessage();
            write(channel, processor.malformedRequest(reason), false, null);
            return;
        }
        BodyStream stream = new BodyStream(channel, HttpUtil.is100ContinueExpected(request));
        body = stream;
        responding = true;
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        boolean declaresBody = HttpUtil.isTransferEncodingChunked(request) || HttpUtil.getContentLength(request, 0L) > 0;
        IncomingRequest incoming = new IncomingRequest(
                request.method().name(), request.uri(), request.headers(), remoteAddress(channel));
        executor.execute(() -> {
            S3Response response = processor.process(incoming, stream);
            // A body nobody read must not be mistaken for the next request: close instead of draining it.
            boolean reuse = keepAlive && (stream.isComplete() || !declaresBody) && !(declaresBody && stream.continueWithheld());
            stream.close();
            write(channel, response, reuse, stream);
        });
    }

    private void write(Channel channel, S3Response response, boolean keepAlive, BodyStream stream) {
        DefaultHttpResponse head = new DefaultHttpResponse(
                HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(response.status()), response.headers());
        ResponseBody responseBody = response.body();
        if (!response.headers().contains(HttpHeaderNames.CONTENT_LENGTH)) {
            long length = switch (responseBody) {
                case ResponseBody.Empty e -> 0;
                case ResponseBody.Bytes b -> b.length();
                case ResponseBody.FileSlice f -> f.length();
                case ResponseBody.Parts p -> p.length();
            };
            HttpUtil.setContentLength(head, length);
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
            case ResponseBody.FileSlice f -> channel.write(new DefaultFileRegion(f.channel(), f.position(), f.length()));
            case ResponseBody.Parts p -> {
                if (!writeParts(channel, p)) {
                    return;
                }
            }
        }
        channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener((ChannelFutureListener) future -> {
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

    /**
     * Sends the slices one at a time, waiting for each to be written before opening the next, so
     * one file at most is open and the outbound buffer holds one slice. Runs on the request's
     * virtual thread, never on the event loop. A slice that cannot be opened (its blob was freed
     * by an overwrite or delete meanwhile) or a failed write closes the connection: the headers
     * are out, so the client sees a short body.
     *
     * @return whether every slice was sent
     */
    private static boolean writeParts(Channel channel, ResponseBody.Parts parts) {
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
                    FileChannel file;
                    try {
                        file = f.source().open();
                    } catch (IOException e) {
                        LOG.debug("A part of the response to {} is gone ({}); closing the connection", remoteAddress(channel), e.toString());
                        channel.close();
                        return false;
                    }
                    written = channel.writeAndFlush(new DefaultFileRegion(file, f.position(), f.length()));
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
        if (evt instanceof IdleStateEvent && !responding) {
            ctx.close();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
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
