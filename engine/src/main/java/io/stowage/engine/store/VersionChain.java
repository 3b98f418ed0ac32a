package io.stowage.engine.store;

import io.stowage.engine.error.ObjectLockedException;
import io.stowage.engine.model.Bucket;
import io.stowage.engine.model.ObjectVersion;
import io.stowage.engine.model.Usage;
import io.stowage.engine.model.Versioning;
import io.stowage.engine.store.codec.KeyCodec;
import io.stowage.engine.store.codec.RecordCodec;
import io.stowage.engine.store.meta.Batch;
import io.stowage.engine.store.meta.Catalog;
import io.stowage.engine.store.meta.Cf;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What making a new version (an object or a delete marker) current does to a key's older versions, as S3 defines it:
 * with versioning enabled the new version gets its own id and the previous current one becomes non-current; with
 * versioning suspended it is the "null" version, which replaces any earlier "null" version (current or not) while a
 * current version with an id becomes non-current; an unversioned bucket only ever has its "null" version, replaced in
 * place. Decided before the batch so the usage change can be reserved first.
 */
final class VersionChain {

    private final Catalog catalog;

    VersionChain(Catalog catalog) {
        this.catalog = catalog;
    }

    /** A decided placement: written to a batch by {@link #writeTo}. */
    record Placement(String bucket, byte[] key, ObjectVersion version, ObjectVersion demoted, byte[] demotedKey,
            List<Catalog.StoredVersion> replacedNonCurrent, ObjectVersion replacedCurrent) {

        /** Bytes and objects: the new version counts, replaced ones stop counting, a demoted one still counts. */
        Usage usageChange() {
            Usage change = ObjectCommands.usageOf(version).plus(ObjectCommands.usageOf(replacedCurrent).negate());
            for (Catalog.StoredVersion replaced : replacedNonCurrent) {
                change = change.plus(ObjectCommands.usageOf(replaced.version()).negate());
            }
            return change;
        }

        /** The blobs of the versions this placement drops. */
        Set<String> replacedBlobs() {
            Set<String> blobs = new LinkedHashSet<>();
            if (replacedCurrent != null) {
                blobs.addAll(ObjectCommands.blobIds(replacedCurrent.body()));
            }
            replacedNonCurrent.forEach(r -> blobs.addAll(ObjectCommands.blobIds(r.version().body())));
            return blobs;
        }

        /** The dropped versions' blobs the new version does not reuse. */
        List<String> freedBlobs() {
            Set<String> kept = ObjectCommands.blobIds(version.body());
            return replacedBlobs().stream().filter(id -> !kept.contains(id)).toList();
        }

        void writeTo(Batch batch) {
            batch.put(Cf.OBJECTS, KeyCodec.object(bucket, key), RecordCodec.encode(version));
            if (demoted != null) {
                batch.put(Cf.VERSIONS, demotedKey, RecordCodec.encode(demoted));
            }
            replacedNonCurrent.forEach(r -> batch.delete(Cf.VERSIONS, r.rawKey()));
        }
    }

    /**
     * Places {@code incoming} as the key's current version, with id {@code newVersionId} when versioning is enabled and
     * "null" otherwise.
     *
     * @throws ObjectLockedException when it would replace a "null" version its lock protects
     */
    Placement place(Bucket bucket, byte[] key, ObjectVersion previous, ObjectVersion incoming, String newVersionId) {
        String bucketName = bucket.name();
        boolean versioned = bucket.versioning() == Versioning.ENABLED;
        if (versioned && ObjectVersion.NULL_ID.equals(newVersionId)) {
            throw new IllegalArgumentException("a version written with versioning enabled needs its own id");
        }
        ObjectVersion version = incoming.withVersionId(versioned ? newVersionId : ObjectVersion.NULL_ID);
        ObjectVersion replacedCurrent = null;
        ObjectVersion demoted = null;
        byte[] demotedKey = null;
        List<Catalog.StoredVersion> replacedNonCurrent = new ArrayList<>();
        if (previous != null && !versioned && ObjectVersion.NULL_ID.equals(previous.versionId())) {
            replacedCurrent = previous;
        } else if (previous != null) {
            demoted = previous;
            demotedKey = KeyCodec.version(bucketName, key, demotionStamp(bucketName, key, version), previous.versionId());
        }
        if (!versioned && bucket.versioning() == Versioning.SUSPENDED && replacedCurrent == null) {
            Catalog.StoredVersion olderNull = catalog.nonCurrent(bucketName, key, ObjectVersion.NULL_ID);
            if (olderNull != null) {
                replacedNonCurrent.add(olderNull);
            }
        }
        checkReplaceable(bucketName, replacedCurrent, version);
        replacedNonCurrent.forEach(r -> checkReplaceable(bucketName, r.version(), version));
        if (demoted != null && ObjectCommands.blobIds(demoted.body()).stream()
                .anyMatch(ObjectCommands.blobIds(version.body())::contains)) {
            throw new IllegalArgumentException("a new version cannot share the body of a version it keeps");
        }
        return new Placement(bucketName, key, version, demoted, demotedKey, List.copyOf(replacedNonCurrent), replacedCurrent);
    }

    private static void checkReplaceable(String bucket, ObjectVersion replaced, ObjectVersion by) {
        if (replaced != null && replaced.lock().blocksDeletion(by.lastModifiedMillis(), false)) {
            throw new ObjectLockedException("Access Denied because object protected by object lock.",
                    bucket + "/" + replaced.key() + "?versionId=" + replaced.versionId());
        }
    }

    /** When the previous version stops being current: the new version's time, kept strictly after the last demotion. */
    private long demotionStamp(String bucket, byte[] key, ObjectVersion version) {
        long stamp = Math.max(0, version.lastModifiedMillis()) * 1000;
        Catalog.StoredVersion newest = catalog.newestNonCurrent(bucket, key);
        if (newest != null) {
            long last = KeyCodec.versionStamp(newest.rawKey(), KeyCodec.versionPrefix(bucket, key).length);
            stamp = Math.max(stamp, last + 1);
        }
        return stamp;
    }
}
