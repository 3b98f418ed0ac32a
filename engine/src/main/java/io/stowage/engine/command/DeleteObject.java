package io.stowage.engine.command;

import io.stowage.engine.model.ObjectVersion;
import io.stowage.engine.model.VersionIds;

/**
 * Deletes an object. Without {@code versionId}: removes the current version of an unversioned bucket, or writes a
 * delete marker (id {@code markerVersionId} when versioning is enabled, "null" when suspended). With it: removes that
 * version for good, unless its retention or legal hold protects it at {@code atMillis}; the newest older version then
 * becomes current. Deleting what does not exist succeeds and returns null, as S3 does.
 *
 * @param requester who owns a delete marker written
 * @param precondition checked against the current version when no {@code versionId} is given
 * @return the delete marker written, or the version removed, or null
 * @throws io.stowage.engine.error.ObjectLockedException when the version is protected
 */
public record DeleteObject(String bucket, String key, String versionId, String requester, String markerVersionId,
        long atMillis, boolean bypassGovernance, WritePrecondition precondition) implements Command<ObjectVersion> {

    /** A plain delete now, as the bucket's owner would make it: no bypass, no precondition. */
    public DeleteObject(String bucket, String key, String versionId) {
        this(bucket, key, versionId, null, VersionIds.next(), System.currentTimeMillis(), false, WritePrecondition.NONE);
    }
}
