package io.stowage.csi.node.daemon;

import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The daemon's volumes by id, each handed out locked. A volume that is not staged when it is unlocked is
 * forgotten, so the registry holds the staged volumes and those a call is working on; a call that waited
 * for a volume that was forgotten meanwhile takes the new one instead.
 */
final class VolumeRegistry {

    private final ConcurrentHashMap<String, Volume> volumes = new ConcurrentHashMap<>();

    /** Adds a volume read from the state at start, before any call. */
    void add(Volume volume) {
        volumes.put(volume.id, volume);
    }

    Collection<Volume> all() {
        return volumes.values();
    }

    /** The volume, created when new, locked. */
    Volume lock(String volumeId) {
        while (true) {
            Volume volume = volumes.computeIfAbsent(volumeId, Volume::new);
            volume.lock.lock();
            if (volumes.get(volumeId) == volume) {
                return volume;
            }
            volume.lock.unlock();
        }
    }

    /** The staged volume, locked; null when it is not staged. */
    Volume lockStaged(String volumeId) {
        while (true) {
            Volume volume = volumes.get(volumeId);
            if (volume == null) {
                return null;
            }
            volume.lock.lock();
            if (volumes.get(volumeId) == volume) {
                if (volume.record != null) {
                    return volume;
                }
                unlock(volume);
                return null;
            }
            volume.lock.unlock();
        }
    }

    /** Unlocks the volume, forgetting it when it is not staged. */
    void unlock(Volume volume) {
        if (volume.record == null) {
            volumes.remove(volume.id, volume);
        }
        volume.lock.unlock();
    }
}
