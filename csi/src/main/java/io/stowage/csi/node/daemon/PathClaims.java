package io.stowage.csi.node.daemon;

import io.stowage.csi.node.MountException;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

/** Which volume owns each staging or target path: claimed atomically, so two volumes never share a path. */
final class PathClaims {

    private final String what;
    private final ConcurrentHashMap<Path, String> owners = new ConcurrentHashMap<>();

    /** @param what the kind of path, for messages: "staging path", "target path" */
    PathClaims(String what) {
        this.what = what;
    }

    /** @throws MountException CONFLICT when another volume owns the path */
    void claim(Path path, String volumeId) {
        String owner = owners.putIfAbsent(path, volumeId);
        if (owner != null && !owner.equals(volumeId)) {
            throw new MountException(MountException.Reason.CONFLICT, what + " " + path + " belongs to volume " + owner);
        }
    }

    void release(Path path, String volumeId) {
        owners.remove(path, volumeId);
    }

    /** The owner, or null. */
    String ownerOf(Path path) {
        return owners.get(path);
    }

    /** Whether another volume than {@code volumeId} owns the path. */
    boolean ownedByOther(Path path, String volumeId) {
        String owner = owners.get(path);
        return owner != null && !owner.equals(volumeId);
    }
}
