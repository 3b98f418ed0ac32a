package io.stowage.csi.node.daemon;

import io.stowage.csi.node.MountException;
import io.stowage.csi.node.StageRequest;
import io.stowage.csi.node.fuse.FuseCommand;
import io.stowage.csi.node.fuse.FuseMounter;
import io.stowage.csi.node.fuse.MounterKind;
import io.stowage.csi.node.fuse.VolumeFiles;
import io.stowage.csi.node.system.EndpointProbe;
import io.stowage.csi.node.system.Executables;
import io.stowage.csi.node.system.MountTable;
import io.stowage.csi.node.system.SecretScrubber;
import io.stowage.csi.node.system.SystemMounts;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a volume's mounter and waits, bounded, until its mount is there: a fuse.* entry at the staging path
 * in /proc/self/mountinfo whose root can be listed. The endpoint is checked first ({@link EndpointProbe}).
 * A mounter that exits, does not mount in time, or mounts something that cannot be listed (rclone mounts
 * before it has talked to the endpoint) is stopped, its mount removed, and the failure carries the end of
 * its output, secrets removed.
 */
final class FuseLauncher {

    private static final Logger LOG = LoggerFactory.getLogger(FuseLauncher.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration MIN_LIST_TIME = Duration.ofSeconds(3);
    private static final Duration ENDPOINT_TIMEOUT = Duration.ofSeconds(5);

    private final MounterConfig config;
    private final SystemMounts mounts;

    FuseLauncher(MounterConfig config, SystemMounts mounts) {
        this.config = config;
        this.mounts = mounts;
    }

    /** The mounter's program. @throws MountException INVALID when it is not installed on this node */
    Path binary(MounterKind kind) {
        return Executables.find(kind.binary(), config.searchPath())
                .orElseThrow(() -> new MountException(MountException.Reason.INVALID, "mounter " + kind.binary()
                        + " is not installed on this node (looked in " + config.searchPath() + ")"));
    }

    /** Mounts the volume at its staging path, which must hold no mount. */
    FuseProcess mount(StageRequest request, VolumeFiles files) {
        MounterKind kind = MounterKind.parse(request.mounter());
        FuseCommand command = FuseMounter.of(kind).command(binary(kind), request, files);
        EndpointProbe.check(request.access(), ENDPOINT_TIMEOUT);
        try {
            Files.createDirectories(request.stagingPath());
        } catch (IOException e) {
            throw new MountException(MountException.Reason.FAILED,
                    "cannot create the staging directory " + request.stagingPath() + ": " + e.getMessage(), e);
        }
        LOG.info("Mounting volume {} with {}: {}", request.volumeId(), kind.binary(), command);
        long deadline = System.nanoTime() + config.mountTimeout().toNanos();
        FuseProcess process = FuseProcess.start(command, files);
        try {
            awaitMount(process, request.stagingPath(), deadline);
            checkListable(request.stagingPath(), deadline);
            LOG.info("Volume {} is mounted at {} (pid {})", request.volumeId(), request.stagingPath(), process.pid());
            return process;
        } catch (MountException e) {
            abandon(process, request.stagingPath());
            throw new MountException(e.reason(), scrub(e.getMessage() + output(process), request), e);
        }
    }

    private void awaitMount(FuseProcess process, Path stagingPath, long deadline) {
        while (!MountTable.read().isFuseAt(stagingPath)) {
            if (!process.isAlive()) {
                throw new MountException(MountException.Reason.FAILED,
                        "the mounter exited with status " + process.exitCode() + " before mounting");
            }
            if (System.nanoTime() > deadline) {
                throw new MountException(MountException.Reason.FAILED,
                        "the mounter did not mount within " + config.mountTimeout().toSeconds() + " s");
            }
            sleep(POLL);
        }
    }

    /** Lists the root's first entry: a mount that cannot reach its bucket fails here rather than in the pod. */
    private void checkListable(Path stagingPath, long deadline) {
        Duration budget = Duration.ofNanos(Math.max(deadline - System.nanoTime(), MIN_LIST_TIME.toNanos()));
        CompletableFuture<Void> listed = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("list " + stagingPath).start(() -> {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(stagingPath)) {
                entries.iterator().hasNext();
                listed.complete(null);
            } catch (DirectoryIteratorException e) {
                listed.completeExceptionally(e.getCause());
            } catch (IOException | RuntimeException e) {
                listed.completeExceptionally(e);
            }
        });
        try {
            listed.get(budget.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new MountException(MountException.Reason.FAILED,
                    "the mount cannot list the bucket: " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            // A slow listing (a large bucket, a slow endpoint) is no failure; the mount is there.
            LOG.info("Listing {} takes longer than {} s; taking the mount as ready", stagingPath, budget.toSeconds());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MountException(MountException.Reason.FAILED, "interrupted while checking the mount");
        }
    }

    private void abandon(FuseProcess process, Path stagingPath) {
        try {
            if (MountTable.read().at(stagingPath).isPresent()) {
                mounts.detach(stagingPath);
            }
        } catch (MountException e) {
            LOG.warn("Cannot remove the failed mount at {}: {}", stagingPath, e.getMessage());
        }
        process.stop(Duration.ZERO);
    }

    private static String output(FuseProcess process) {
        return "; mounter output:\n" + process.tail();
    }

    static String scrub(String text, StageRequest request) {
        return SecretScrubber.scrub(text, List.of(request.access().secretAccessKey()));
    }

    /** Mounts time out, sleeps end: waiting here is bounded by the deadline. */
    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MountException(MountException.Reason.FAILED, "interrupted while waiting for the mount");
        }
    }
}
