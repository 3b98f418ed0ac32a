package io.stowage.csi.node.daemon;

import io.stowage.csi.node.StageRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the daemon keeps of a staged volume, in its state file: the stage request (credentials included,
 * so the volume can be mounted again after a restart), its published targets, and which process mounted it.
 *
 * @param mounterPid the mounter's pid, 0 while none runs
 * @param mounterStartMillis when that process started: a pid alone may belong to another process by now
 */
record VolumeRecord(StageRequest request, List<PublishedTarget> targets, long mounterPid, long mounterStartMillis) {

    VolumeRecord {
        targets = List.copyOf(targets);
    }

    static VolumeRecord staging(StageRequest request) {
        return new VolumeRecord(request, List.of(), 0, 0);
    }

    String volumeId() {
        return request.volumeId();
    }

    Path stagingPath() {
        return request.stagingPath();
    }

    Optional<PublishedTarget> target(Path path) {
        return targets.stream().filter(t -> t.path().equals(path)).findFirst();
    }

    VolumeRecord withTarget(PublishedTarget target) {
        List<PublishedTarget> more = new ArrayList<>(targets);
        more.add(target);
        return new VolumeRecord(request, more, mounterPid, mounterStartMillis);
    }

    VolumeRecord withoutTarget(Path path) {
        return new VolumeRecord(request, targets.stream().filter(t -> !t.path().equals(path)).toList(),
                mounterPid, mounterStartMillis);
    }

    VolumeRecord withMounter(long pid, long startMillis) {
        return new VolumeRecord(request, targets, pid, startMillis);
    }

    /** The record without credentials, for logs. */
    @Override
    public String toString() {
        return "VolumeRecord[" + request.volumeId() + " at " + request.stagingPath() + ", targets=" + targets
                + ", mounterPid=" + mounterPid + "]";
    }
}
