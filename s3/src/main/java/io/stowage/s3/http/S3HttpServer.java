package io.stowage.s3.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP listener: Netty with the native epoll transport when available, NIO otherwise; HTTPS
 * when given a TLS context.
 */
public final class S3HttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(S3HttpServer.class);
    private static final int IDLE_SECONDS = 300;
    /** How long requests still running after their connections were cut get to notice and end. */
    private static final Duration ABORT_WAIT = Duration.ofSeconds(10);

    private final EventLoopGroup bossGroup;
    private final EventLoopGroup workerGroup;
    private final ExecutorService requestThreads = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("s3-request-", 0).factory());
    private final Connections connections = new Connections();
    private final Channel serverChannel;
    private volatile boolean abortRequested;

    private S3HttpServer(InetSocketAddress address, RequestProcessor processor, RequestListener listener, SslContext tls)
            throws InterruptedException {
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> channelType = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        bossGroup = new MultiThreadIoEventLoopGroup(1, io);
        workerGroup = new MultiThreadIoEventLoopGroup(0, io);
        HttpDecoderConfig decoderConfig = new HttpDecoderConfig()
                .setMaxInitialLineLength(16 * 1024)
                .setMaxHeaderSize(64 * 1024)
                .setMaxChunkSize(1024 * 1024);
        serverChannel = new ServerBootstrap()
                .group(bossGroup, workerGroup)
                .channel(channelType)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        ChannelPipeline pipeline = ch.pipeline();
                        if (tls != null) {
                            pipeline.addLast(tls.newHandler(ch.alloc()));
                        }
                        pipeline.addLast(new IdleStateHandler(0, 0, IDLE_SECONDS, TimeUnit.SECONDS))
                                .addLast(new HttpServerCodec(decoderConfig));
                        if (tls != null) {
                            pipeline.addLast(new ChunkedWriteHandler());
                        }
                        pipeline.addLast(new S3ChannelHandler(processor, requestThreads, listener, connections, tls == null));
                    }
                })
                .bind(address)
                .sync()
                .channel();
        LOG.info("S3 API listening on {} ({} transport, {})", serverChannel.localAddress(), epoll ? "epoll" : "nio",
                tls != null ? "HTTPS" : "plain HTTP");
    }

    /**
     * @param listener told about each request once answered
     * @param tls the TLS context for HTTPS, or null for plain HTTP
     */
    public static S3HttpServer start(InetSocketAddress address, RequestProcessor processor, RequestListener listener,
            SslContext tls) throws InterruptedException {
        return new S3HttpServer(address, processor, listener, tls);
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /** Connections open now. */
    public int openConnections() {
        return connections.open();
    }

    /**
     * Stops accepting, closes idle connections, lets requests in flight finish for up to
     * {@code grace} (or until {@link #abortInFlight}), then cuts the connections still open: an
     * upload cut short fails and leaves nothing behind. Returns once no request is running, so the
     * store can be closed after it.
     */
    public void shutdown(Duration grace) {
        serverChannel.close().syncUninterruptibly();
        connections.drain();
        try {
            if (!connections.awaitClosed(grace, () -> abortRequested)) {
                LOG.warn("Cutting {} connections still busy after the shutdown grace period", connections.open());
                connections.closeAll();
            }
            requestThreads.shutdown();
            if (!requestThreads.awaitTermination(ABORT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Requests still running {} s after their connections were closed", ABORT_WAIT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workerGroup.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        bossGroup.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Ends a {@link #shutdown} grace period now: requests still running are cut short. */
    public void abortInFlight() {
        abortRequested = true;
    }

    /** Shuts down with a 30 second grace period. */
    @Override
    public void close() {
        shutdown(Duration.ofSeconds(30));
    }
}
