package io.stowage.csi.node;

import io.stowage.csi.node.protocol.LineChannel;
import io.stowage.csi.node.protocol.MounterReply;
import io.stowage.csi.node.protocol.MounterRequest;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The node plugin's side of the mount daemon: each call is one connection to the daemon's unix socket, one
 * request and one reply, so a daemon that restarts between calls is no trouble. A daemon that cannot be
 * reached, closes the connection without a reply or does not answer within the timeout is UNAVAILABLE.
 * Thread-safe.
 */
public final class MounterClient implements VolumeMounter {

    /** Longer than a stage can take: a mount's wait plus a repair before it. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(90);

    private final UnixDomainSocketAddress address;
    private final Duration timeout;

    public MounterClient(Path socket) {
        this(socket, DEFAULT_TIMEOUT);
    }

    public MounterClient(Path socket, Duration timeout) {
        this.address = UnixDomainSocketAddress.of(Objects.requireNonNull(socket, "socket"));
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public void stage(StageRequest request) {
        call(new MounterRequest.Stage(request));
    }

    @Override
    public void unstage(String volumeId, Path stagingPath) {
        call(new MounterRequest.Unstage(volumeId, stagingPath));
    }

    @Override
    public void publish(PublishRequest request) {
        call(new MounterRequest.Publish(request));
    }

    @Override
    public void unpublish(String volumeId, Path targetPath) {
        call(new MounterRequest.Unpublish(volumeId, targetPath));
    }

    private void call(MounterRequest request) {
        SocketChannel channel;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(address);
        } catch (IOException e) {
            throw unavailable("cannot reach the mount daemon at " + address.getPath() + ": " + e.getMessage(), e);
        }
        CompletableFuture<MounterReply> reply = new CompletableFuture<>();
        Thread.ofVirtual().name("mounter-call").start(() -> exchange(channel, request, reply));
        try {
            reply.get(timeout.toMillis(), TimeUnit.MILLISECONDS).throwIfFailed();
        } catch (TimeoutException e) {
            throw unavailable("the mount daemon did not answer within " + timeout.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            throw unavailable("the mount daemon at " + address.getPath() + " failed to answer: "
                    + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted while waiting for the mount daemon", e);
        } finally {
            closeQuietly(channel);
        }
    }

    private static void exchange(SocketChannel channel, MounterRequest request, CompletableFuture<MounterReply> reply) {
        try (LineChannel line = new LineChannel(channel)) {
            line.write(request);
            MounterReply answer = line.read(MounterReply.class);
            if (answer == null) {
                reply.completeExceptionally(new IOException("it closed the connection without a reply"));
            } else {
                reply.complete(answer);
            }
        } catch (IOException | RuntimeException e) {
            reply.completeExceptionally(e);
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing more to do with a connection that is done
        }
    }

    private static MountException unavailable(String message, Throwable cause) {
        return new MountException(MountException.Reason.UNAVAILABLE, message, cause);
    }
}
