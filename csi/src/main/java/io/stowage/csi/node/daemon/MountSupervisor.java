package io.stowage.csi.node.daemon;

import io.stowage.csi.node.MountException;
import io.stowage.csi.node.PublishRequest;
import io.stowage.csi.node.StageRequest;
import io.stowage.csi.node.VolumeMounter;
import io.stowage.csi.node.fuse.MountOptionPolicy;
import io.stowage.csi.node.fuse.MounterKind;
import io.stowage.csi.node.fuse.VolumeFiles;
import io.stowage.csi.node.system.MountTable;
import io.stowage.csi.node.system.PathProbe;
import io.stowage.csi.node.system.SystemMounts;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's mounts: stages volumes by starting their mounters as its children, publishes them with bind
 * mounts, records both in the state store, and keeps them alive.
 *
 * <p>Supervision: a mounter that exits unasked leaves a dead mount ("Transport endpoint is not connected"),
 * and every bind of it is dead too. The supervisor then detaches the targets and the staging path (lazy
 * unmounts: a dead path cannot even be looked at), starts the mounter again with the same request, and binds
 * every target again; a failed attempt is retried after 1 s, doubling up to 30 s. A stage or publish that
 * finds the mount dead does the same before it answers. At start, every recorded volume is mounted again the
 * same way; a mounter an earlier daemon left running is stopped first, since a process that is not our child
 * cannot be watched for its exit.
 *
 * <p>Calls for one volume run one at a time (a lock per volume); calls for different volumes run in
 * parallel. Which volume owns a staging or target path is claimed atomically, so two volumes never share one.
 */
public final class MountSupervisor implements VolumeMounter, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MountSupervisor.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration MAX_RETRY = Duration.ofSeconds(30);
    /** How long a mounter may take to exit after its unmount, to finish uploads it has accepted. */
    private static final Duration UNSTAGE_GRACE = Duration.ofSeconds(10);

    private final StateStore store;
    private final FuseLauncher launcher;
    private final SystemMounts mounts;
    private final TargetMounts targets;
    private final VolumeRegistry volumes = new VolumeRegistry();
    private final PathClaims stagingPaths = new PathClaims("staging path");
    private final PathClaims targetPaths = new PathClaims("target path");
    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean closed;

    MountSupervisor(StateStore store, FuseLauncher launcher, SystemMounts mounts) {
        this.store = store;
        this.launcher = launcher;
        this.mounts = mounts;
        this.targets = new TargetMounts(mounts);
    }

    /** Mounts every recorded volume again, in parallel, and returns once each has been tried once. */
    void restore() throws IOException {
        List<VolumeRecord> records = store.readAll();
        for (VolumeRecord record : records) {
            Volume volume = new Volume(record.volumeId());
            volume.record = record;
            volumes.add(volume);
            stagingPaths.claim(record.stagingPath(), volume.id);
            record.targets().forEach(t -> targetPaths.claim(t.path(), volume.id));
        }
        try (ExecutorService restores = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Volume volume : volumes.all()) {
                restores.submit(() -> restoreOne(volume));
            }
        }
        if (!records.isEmpty()) {
            LOG.info("Restored {} staged volume(s) from the state directory", records.size());
        }
    }

    private void restoreOne(Volume volume) {
        volume.lock.lock();
        try {
            remount(volume);
        } catch (MountException e) {
            LOG.warn("Cannot mount volume {} again yet: {}", volume.id, e.getMessage());
            scheduleRepair(volume);
        } finally {
            volume.lock.unlock();
        }
    }

    @Override
    public void stage(StageRequest request) {
        RequestChecks.stage(request);
        MounterKind kind = MounterKind.parse(request.mounter());
        MountOptionPolicy.check(kind, request.options());
        launcher.binary(kind);
        Volume volume = volumes.lock(request.volumeId());
        try {
            VolumeRecord record = volume.record;
            if (record != null) {
                if (!record.stagingPath().equals(request.stagingPath())) {
                    throw conflict("volume " + volume.id + " is already staged at " + record.stagingPath());
                }
                if (!record.request().equals(request)) {
                    throw conflict("volume " + volume.id + " is already staged at " + record.stagingPath()
                            + " with other parameters");
                }
                ensureMounted(volume);
                return;
            }
            if (targetPaths.ownerOf(request.stagingPath()) != null) {
                throw conflict("staging path " + request.stagingPath() + " is a target path of volume "
                        + targetPaths.ownerOf(request.stagingPath()));
            }
            stagingPaths.claim(request.stagingPath(), volume.id);
            try {
                stageNew(volume, request);
            } catch (RuntimeException e) {
                stagingPaths.release(request.stagingPath(), volume.id);
                throw e;
            }
        } finally {
            volumes.unlock(volume);
        }
    }

    private void stageNew(Volume volume, StageRequest request) {
        // Recorded first: a daemon that dies while mounting mounts the volume at its next start.
        VolumeRecord record = VolumeRecord.staging(request);
        save(record);
        volume.record = record;
        try {
            if (MountTable.read().at(request.stagingPath()).isPresent()) {
                LOG.warn("Removing a mount left at staging path {} before staging volume {}",
                        request.stagingPath(), volume.id);
                mounts.detach(request.stagingPath());
            }
            start(volume);
        } catch (RuntimeException e) {
            volume.record = null;
            try {
                store.delete(volume.id);
            } catch (IOException deleteFailure) {
                LOG.error("Cannot remove the state of volume {}, whose stage failed: {}", volume.id,
                        deleteFailure.getMessage());
            }
            throw e;
        }
    }

    /** Starts the mounter of a volume whose staging path holds no mount, records it and watches it. */
    private void start(Volume volume) {
        VolumeRecord record = volume.record;
        FuseProcess process = launcher.mount(record.request(), files(volume.id));
        VolumeRecord running = record.withMounter(process.pid(), process.startMillis());
        try {
            store.write(running);
        } catch (IOException e) {
            mounts.detach(record.stagingPath());
            process.stop(Duration.ZERO);
            throw new MountException(MountException.Reason.FAILED, "cannot save the state of volume " + volume.id
                    + ": " + e.getMessage(), e);
        }
        volume.record = running;
        volume.process = process;
        process.onExit().thenRunAsync(() -> mounterExited(volume, process), background);
    }

    /** Mounts a volume again from its record: detach what is there, stop the old mounter, start, bind again. */
    private void remount(Volume volume) {
        VolumeRecord record = volume.record;
        // A bind of a dead FUSE mount stays dead when the staging path is mounted again: it goes too.
        record.targets().forEach(target -> targets.detachQuietly(target.path()));
        mounts.detach(record.stagingPath());
        FuseProcess old = volume.process;
        volume.process = null;
        if (old != null) {
            old.stop(Duration.ZERO);
        } else {
            FuseProcess.stopOrphan(record.mounterPid(), record.mounterStartMillis());
        }
        start(volume);
        for (PublishedTarget target : volume.record.targets()) {
            try {
                targets.bind(record.stagingPath(), target);
            } catch (MountException e) {
                LOG.warn("Cannot bind volume {} at {} again: {}", volume.id, target.path(), e.getMessage());
            }
        }
    }

    /** Mounts the volume again unless its mounter runs and its staging path answers. */
    private void ensureMounted(Volume volume) {
        Path staging = volume.record.stagingPath();
        if (volume.mounterRuns() && MountTable.read().isFuseAt(staging)) {
            PathProbe.State state = PathProbe.probe(staging, TargetMounts.PROBE_TIMEOUT);
            if (state == PathProbe.State.LIVE) {
                return;
            }
            if (state == PathProbe.State.HUNG) {
                LOG.warn("Volume {} at {} does not answer within {} s; leaving its running mounter alone",
                        volume.id, staging, TargetMounts.PROBE_TIMEOUT.toSeconds());
                return;
            }
        }
        LOG.warn("The mount of volume {} at {} is gone or dead; mounting it again", volume.id, staging);
        remount(volume);
    }

    private void mounterExited(Volume volume, FuseProcess process) {
        volume.lock.lock();
        try {
            if (closed || volume.process != process) {
                return;
            }
            LOG.warn("The mounter of volume {} (pid {}) exited with status {}; mounting it again. Its last output:\n{}",
                    volume.id, process.pid(), process.exitCode(),
                    FuseLauncher.scrub(process.tail(), volume.record.request()));
            scheduleRepair(volume);
        } finally {
            volume.lock.unlock();
        }
    }

    /** Starts the retry loop of a volume whose mounter is gone, unless one runs. Call with the volume's lock. */
    private void scheduleRepair(Volume volume) {
        if (!volume.repairing && !closed) {
            volume.repairing = true;
            background.submit(() -> repairLoop(volume));
        }
    }

    private void repairLoop(Volume volume) {
        Duration delay = FIRST_RETRY;
        while (!closed) {
            volume.lock.lock();
            try {
                if (volume.record == null || volume.mounterRuns()) {
                    volume.repairing = false;
                    return;
                }
                remount(volume);
                volume.repairing = false;
                LOG.info("Volume {} is mounted again at {}", volume.id, volume.record.stagingPath());
                return;
            } catch (MountException e) {
                LOG.warn("Mounting volume {} again failed, next try in {} s: {}", volume.id, delay.toSeconds(),
                        e.getMessage());
            } finally {
                volume.lock.unlock();
            }
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                return;
            }
            delay = delay.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : delay.multipliedBy(2);
        }
    }

    @Override
    public void unstage(String volumeId, Path stagingPath) {
        RequestChecks.unstage(volumeId, stagingPath);
        Volume volume = volumes.lockStaged(volumeId);
        if (volume == null) {
            if (!stagingPaths.ownedByOther(stagingPath, volumeId) && targets.unmountFuse(stagingPath)) {
                LOG.warn("Unmounted {}, a FUSE mount of volume {} the state did not know", stagingPath, volumeId);
            }
            return;
        }
        try {
            VolumeRecord record = volume.record;
            if (!record.stagingPath().equals(stagingPath)) {
                return;
            }
            for (PublishedTarget target : record.targets()) {
                LOG.warn("Volume {} is unstaged while still published at {}: unmounting that too", volumeId,
                        target.path());
                targets.unmount(target.path());
                targetPaths.release(target.path(), volumeId);
            }
            // A plain unmount first lets the mounter finish what it has accepted, then it exits by itself.
            mounts.unmount(stagingPath);
            FuseProcess process = volume.process;
            volume.process = null;
            if (process != null) {
                process.stop(UNSTAGE_GRACE);
            } else {
                FuseProcess.stopOrphan(record.mounterPid(), record.mounterStartMillis());
            }
            try {
                store.delete(volumeId);
            } catch (IOException e) {
                throw new MountException(MountException.Reason.FAILED, "cannot remove the state of volume "
                        + volumeId + ": " + e.getMessage(), e);
            }
            volume.record = null;
            stagingPaths.release(stagingPath, volumeId);
            LOG.info("Volume {} is unstaged from {}", volumeId, stagingPath);
        } finally {
            volumes.unlock(volume);
        }
    }

    @Override
    public void publish(PublishRequest request) {
        RequestChecks.publish(request);
        Volume volume = volumes.lockStaged(request.volumeId());
        if (volume == null) {
            throw notStaged(request);
        }
        try {
            VolumeRecord record = volume.record;
            if (!record.stagingPath().equals(request.stagingPath())) {
                throw notStaged(request);
            }
            Optional<PublishedTarget> existing = record.target(request.targetPath());
            if (existing.isPresent()) {
                if (existing.get().readOnly() != request.readOnly()) {
                    throw conflict("volume " + volume.id + " is already published at " + request.targetPath()
                            + (existing.get().readOnly() ? " read-only" : " read-write"));
                }
                ensureMounted(volume);
                targets.ensureBound(volume.record.stagingPath(), existing.get());
                return;
            }
            if (stagingPaths.ownerOf(request.targetPath()) != null) {
                throw conflict("target path " + request.targetPath() + " is the staging path of volume "
                        + stagingPaths.ownerOf(request.targetPath()));
            }
            targetPaths.claim(request.targetPath(), volume.id);
            try {
                publishNew(volume, new PublishedTarget(request.targetPath(), request.readOnly()));
            } catch (RuntimeException e) {
                targetPaths.release(request.targetPath(), volume.id);
                throw e;
            }
        } finally {
            volumes.unlock(volume);
        }
    }

    private void publishNew(Volume volume, PublishedTarget target) {
        ensureMounted(volume);
        targets.clearForPublish(target.path(), volume.id);
        targets.bind(volume.record.stagingPath(), target);
        VolumeRecord published = volume.record.withTarget(target);
        try {
            save(published);
        } catch (MountException e) {
            targets.detachQuietly(target.path());
            throw e;
        }
        volume.record = published;
        LOG.info("Volume {} is published at {}{}", volume.id, target.path(), target.readOnly() ? " read-only" : "");
    }

    @Override
    public void unpublish(String volumeId, Path targetPath) {
        RequestChecks.unpublish(volumeId, targetPath);
        Volume volume = volumes.lockStaged(volumeId);
        if (volume != null) {
            try {
                VolumeRecord record = volume.record;
                if (record.target(targetPath).isPresent()) {
                    targets.unmount(targetPath);
                    TargetMounts.removeDirectory(targetPath);
                    VolumeRecord unpublished = record.withoutTarget(targetPath);
                    save(unpublished);
                    volume.record = unpublished;
                    targetPaths.release(targetPath, volumeId);
                    LOG.info("Volume {} is unpublished from {}", volumeId, targetPath);
                    return;
                }
            } finally {
                volumes.unlock(volume);
            }
        }
        if (targetPaths.ownedByOther(targetPath, volumeId)) {
            LOG.info("{} is a target of volume {}, not of {}: leaving it", targetPath,
                    targetPaths.ownerOf(targetPath), volumeId);
            return;
        }
        if (targets.unmountFuse(targetPath)) {
            LOG.warn("Unmounted {}, a FUSE mount of volume {} the state did not know", targetPath, volumeId);
        }
        TargetMounts.removeDirectory(targetPath);
    }

    private void save(VolumeRecord record) {
        try {
            store.write(record);
        } catch (IOException e) {
            throw new MountException(MountException.Reason.FAILED, "cannot save the state of volume "
                    + record.volumeId() + ": " + e.getMessage(), e);
        }
    }

    private VolumeFiles files(String volumeId) {
        try {
            return store.filesOf(volumeId);
        } catch (IOException e) {
            throw new MountException(MountException.Reason.FAILED, "cannot create the directory of volume "
                    + volumeId + ": " + e.getMessage(), e);
        }
    }

    private static MountException conflict(String message) {
        return new MountException(MountException.Reason.CONFLICT, message);
    }

    private static MountException notStaged(PublishRequest request) {
        return new MountException(MountException.Reason.NOT_STAGED, "volume " + request.volumeId()
                + " is not staged at " + request.stagingPath());
    }

    /** Stops supervising. The mounts and their mounters are left as they are (see {@link MounterDaemon}). */
    @Override
    public void close() {
        closed = true;
        background.shutdownNow();
    }
}
