package io.stowage.csi.node.daemon;

import io.stowage.csi.node.MountException;
import io.stowage.csi.node.VolumeMounter;
import io.stowage.csi.node.protocol.LineChannel;
import io.stowage.csi.node.protocol.MounterReply;
import io.stowage.csi.node.protocol.MounterRequest;
import io.stowage.csi.node.system.CommandRunner;
import io.stowage.csi.node.system.SystemMounts;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's mount daemon: a long-lived process, apart from the gRPC node plugin, whose children are the
 * FUSE mounters, so that the plugin can restart without taking any mount with it. It serves the
 * {@link VolumeMounter} calls on a unix socket (mode 0600), one JSON request and one JSON reply per
 * connection ({@link MounterRequest}, {@link MounterReply}), and keeps the mounts alive
 * ({@link MountSupervisor}).
 *
 * <p>Stopping (SIGTERM) unmounts nothing and stops no mounter: the daemon just exits. In the node pod the
 * mounters die with the daemon's container anyway, and unmounting first would only fail the pods' I/O
 * sooner; outside a container the mounters keep serving. Either way the state directory holds every staged
 * volume, and the next daemon mounts each again (stopping a mounter left running) and binds its targets.
 *
 * <p>One daemon per state directory: a lock file in it keeps a second one from starting.
 */
public final class MounterDaemon implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MounterDaemon.class);

    private final Path socket;
    private final ServerSocketChannel server;
    private final MountSupervisor supervisor;
    private final FileChannel lockFile;
    private final ExecutorService connections = Executors.newVirtualThreadPerTaskExecutor();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean closed;

    private MounterDaemon(Path socket, ServerSocketChannel server, MountSupervisor supervisor, FileChannel lockFile) {
        this.socket = socket;
        this.server = server;
        this.supervisor = supervisor;
        this.lockFile = lockFile;
    }

    /**
     * Locks the state directory, mounts every volume it records again, then serves on the socket.
     *
     * @throws IOException when the state directory or the socket cannot be set up, or another daemon has them
     */
    public static MounterDaemon start(MounterConfig config) throws IOException {
        StateStore store = new StateStore(config.stateDir());
        FileChannel lockFile = lock(config.stateDir());
        try {
            SystemMounts mounts = new SystemMounts(new CommandRunner(config.stateDir(), config.commandTimeout()));
            MountSupervisor supervisor = new MountSupervisor(store, new FuseLauncher(config, mounts), mounts);
            supervisor.restore();
            MounterDaemon daemon = new MounterDaemon(config.socket(), bind(config.socket()), supervisor, lockFile);
            Thread.ofPlatform().name("mounter-accept").start(daemon::acceptLoop);
            LOG.info("Mount daemon serving on {} with state in {}", config.socket(), config.stateDir());
            return daemon;
        } catch (IOException | RuntimeException e) {
            lockFile.close();
            throw e;
        }
    }

    private static FileChannel lock(Path stateDir) throws IOException {
        FileChannel channel = FileChannel.open(stateDir.resolve("daemon.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new IOException("another mount daemon uses the state directory " + stateDir);
        }
        return channel;
    }

    /**
     * Binds the socket in a private directory and renames it into place: it is never reachable with the
     * default permissions, not even between bind and chmod.
     */
    private static ServerSocketChannel bind(Path socket) throws IOException {
        Files.createDirectories(socket.getParent());
        Path privateDir = Files.createTempDirectory(socket.getParent(), ".mounter-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            Path bound = privateDir.resolve("s");
            server.bind(UnixDomainSocketAddress.of(bound));
            Files.setPosixFilePermissions(bound, PosixFilePermissions.fromString("rw-------"));
            Files.move(bound, socket, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return server;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        } finally {
            Files.deleteIfExists(privateDir.resolve("s"));
            Files.deleteIfExists(privateDir);
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                SocketChannel channel = server.accept();
                connections.submit(() -> serve(channel));
            } catch (AsynchronousCloseException e) {
                return;
            } catch (IOException e) {
                if (!closed) {
                    LOG.error("Accepting a connection failed: {}", e.getMessage());
                }
            }
        }
    }

    private void serve(SocketChannel channel) {
        try (LineChannel line = new LineChannel(channel)) {
            MounterRequest request;
            try {
                request = line.read(MounterRequest.class);
            } catch (IOException e) {
                line.write(MounterReply.failure(new MountException(MountException.Reason.INVALID,
                        "malformed request: " + e.getMessage())));
                return;
            }
            if (request != null) {
                line.write(answer(request));
            }
        } catch (IOException e) {
            LOG.warn("A client of the mount daemon went away before its answer: {}", e.getMessage());
        }
    }

    private MounterReply answer(MounterRequest request) {
        try {
            switch (request) {
                case MounterRequest.Stage stage -> supervisor.stage(stage.request());
                case MounterRequest.Unstage unstage -> supervisor.unstage(unstage.volumeId(), unstage.stagingPath());
                case MounterRequest.Publish publish -> supervisor.publish(publish.request());
                case MounterRequest.Unpublish unpublish -> supervisor.unpublish(unpublish.volumeId(), unpublish.targetPath());
            }
            return MounterReply.ok();
        } catch (MountException e) {
            LOG.info("{} failed ({}): {}", request.getClass().getSimpleName(), e.reason(), e.getMessage());
            return MounterReply.failure(e);
        } catch (RuntimeException e) {
            LOG.error("{} failed unexpectedly", request.getClass().getSimpleName(), e);
            return MounterReply.failure(new MountException(MountException.Reason.FAILED,
                    "internal error of the mount daemon (see its log): " + e.getClass().getSimpleName()));
        }
    }

    /** Blocks until {@link #close()} has run. */
    public void awaitClosed() throws InterruptedException {
        stopped.await();
    }

    /** Stops serving and supervising; leaves every mount and mounter as it is. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.close();
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            LOG.warn("Closing the socket {}: {}", socket, e.getMessage());
        }
        connections.shutdownNow();
        supervisor.close();
        try {
            lockFile.close();
        } catch (IOException e) {
            LOG.warn("Releasing the state directory's lock: {}", e.getMessage());
        }
        LOG.info("Mount daemon stopped; mounts are left to the next one");
        stopped.countDown();
    }
}
