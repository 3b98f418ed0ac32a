package io.stowage.csi;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollIoHandler;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CSI plugin's gRPC server on its unix socket: Identity always, with the Controller and/or Node services
 * this process runs. A socket file left by an earlier run is removed at start, and the socket at stop. Calls
 * run on virtual threads: they block on the backend's admin API, S3 and mounts.
 */
public final class CsiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CsiServer.class);
    /** How long calls in flight may run on at stop; the sidecars retry what is cut. */
    private static final Duration GRACE = Duration.ofSeconds(10);

    private final CsiEndpoint endpoint;
    private final Server server;
    private final EventLoopGroup eventLoops;
    private final ExecutorService executor;
    private boolean closed;

    private CsiServer(CsiEndpoint endpoint, Server server, EventLoopGroup eventLoops, ExecutorService executor) {
        this.endpoint = endpoint;
        this.server = server;
        this.eventLoops = eventLoops;
        this.executor = executor;
    }

    /**
     * @param services the Controller and/or Node services to serve beside Identity
     * @throws IllegalArgumentException when the socket's directory does not exist or the socket path is a directory
     * @throws IOException when the socket cannot be bound
     */
    public static CsiServer start(CsiEndpoint endpoint, IdentityService identity, List<? extends BindableService> services)
            throws IOException {
        endpoint.checkDirectory();
        if (!Epoll.isAvailable()) {
            throw new IOException("unix sockets need epoll, which is not available here: " + Epoll.unavailabilityCause());
        }
        if (Files.isDirectory(endpoint.socket())) {
            throw new IllegalArgumentException("the CSI socket path " + endpoint.socket() + " is a directory");
        }
        if (Files.deleteIfExists(endpoint.socket())) {
            LOG.info("Removed the stale CSI socket {}", endpoint.socket());
        }
        EventLoopGroup eventLoops = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new DomainSocketAddress(endpoint.socket().toFile()))
                .channelType(EpollServerDomainSocketChannel.class)
                .bossEventLoopGroup(eventLoops)
                .workerEventLoopGroup(eventLoops)
                .executor(executor)
                .addService(identity);
        services.forEach(builder::addService);
        Server server = builder.build();
        try {
            server.start();
        } catch (IOException | RuntimeException e) {
            eventLoops.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            executor.close();
            throw e;
        }
        LOG.info("CSI driver {} serving {} on {}", identity.driverName(),
                server.getServices().stream().map(s -> s.getServiceDescriptor().getName()).toList(), endpoint);
        return new CsiServer(endpoint, server, eventLoops, executor);
    }

    public CsiEndpoint endpoint() {
        return endpoint;
    }

    /** Stops taking calls, lets those in flight finish (up to a grace period), and removes the socket. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        LOG.info("Stopping the CSI driver on {}", endpoint);
        server.shutdown();
        try {
            if (!server.awaitTermination(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                server.shutdownNow().awaitTermination(GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
        eventLoops.shutdownGracefully(0, GRACE.toSeconds(), TimeUnit.SECONDS).syncUninterruptibly();
        executor.close();
        try {
            Files.deleteIfExists(endpoint.socket());
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove the CSI socket " + endpoint.socket(), e);
        }
        LOG.info("CSI driver stopped");
    }
}
