package io.stowage.s3.lifecycle;

import io.stowage.engine.model.ObjectVersion;

/**
 * A version as a lifecycle pass finds it among the versions of its key.
 *
 * @param current whether it is the current version (a delete marker may be)
 * @param noncurrentSinceMillis for a non-current version, when it stopped being current: the last-modified time of
 *     the next newer version
 * @param newerNoncurrentVersions for a non-current version, how many non-current versions of its key are newer
 * @param onlyVersion for a current delete marker, whether no older version of its key exists
 */
public record VersionState(ObjectVersion version, boolean current, long noncurrentSinceMillis, int newerNoncurrentVersions,
        boolean onlyVersion) {

    public static VersionState current(ObjectVersion version, boolean onlyVersion) {
        return new VersionState(version, true, 0, 0, onlyVersion);
    }

    public static VersionState noncurrent(ObjectVersion version, long noncurrentSinceMillis, int newerNoncurrentVersions) {
        return new VersionState(version, false, noncurrentSinceMillis, newerNoncurrentVersions, false);
    }
}
