package io.stowage.engine.store;

import io.stowage.engine.command.DeleteObject;
import io.stowage.engine.command.PutObject;
import io.stowage.engine.command.SetObjectAcl;
import io.stowage.engine.command.WritePrecondition;
import io.stowage.engine.error.NoSuchBucketException;
import io.stowage.engine.error.NoSuchKeyException;
import io.stowage.engine.error.NoSuchVersionException;
import io.stowage.engine.error.PreconditionFailedException;
import io.stowage.engine.model.Bucket;
import io.stowage.engine.model.ObjectBody;
import io.stowage.engine.model.ObjectVersion;
import io.stowage.engine.model.Usage;
import io.stowage.engine.model.Versioning;
import io.stowage.engine.store.codec.KeyCodec;
import io.stowage.engine.store.codec.RecordCodec;
import io.stowage.engine.store.lock.LockTable;
import io.stowage.engine.store.meta.Batch;
import io.stowage.engine.store.meta.Catalog;
import io.stowage.engine.store.meta.Cf;
import io.stowage.engine.store.meta.MetaStore;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Applies PutObject, DeleteObject and SetObjectAcl. Each commits one synced batch; puts and
 * deletes also move blob ownership (the blobs CF) and queue freed blobs in the gc CF (see
 * {@link BlobLedger}).
 */
final class ObjectCommands {

    private final MetaStore meta;
    private final Catalog catalog;
    private final BlobLedger ledger;
    private final LockTable locks;
    private final UsageLedger usage;

    ObjectCommands(MetaStore meta, Catalog catalog, BlobLedger ledger, LockTable locks, UsageLedger usage) {
        this.meta = meta;
        this.catalog = catalog;
        this.ledger = ledger;
        this.locks = locks;
        this.usage = usage;
    }

    ObjectVersion put(PutObject command) {
        ObjectVersion version = command.version();
        String bucket = command.bucket();
        byte[] key = KeyCodec.validKey(version.key());
        return locks.underKey(bucket, version.key(), () -> {
            Bucket stored = requireBucket(bucket);
            if (stored.versioning() == Versioning.UNVERSIONED && !ObjectVersion.NULL_ID.equals(version.versionId())) {
                throw new IllegalArgumentException("objects in an unversioned bucket have version id \"null\"");
            }
            ObjectVersion previous = catalog.current(bucket, key);
            checkPrecondition(command.precondition(), previous, bucket + "/" + version.key());
            Set<String> newBlobs = blobIds(version.body());
            Set<String> oldBlobs = previous == null ? Set.of() : blobIds(previous.body());
            // A copy onto itself keeps its body: only blobs the previous version did not own are new.
            List<String> added = newBlobs.stream().filter(id -> !oldBlobs.contains(id)).toList();
            List<String> freed = oldBlobs.stream().filter(id -> !newBlobs.contains(id)).toList();
            added.forEach(ledger::checkNew);
            UsageLedger.Reservation reservation = usage.reserve(stored, change(previous, version));
            try (Batch batch = meta.batch()) {
                batch.put(Cf.OBJECTS, KeyCodec.object(bucket, key), RecordCodec.encode(version));
                reservation.commitWith(batch, () -> ledger.commitWith(
                        batch, added, KeyCodec.ownerRef(bucket, version.key(), version.versionId()), freed));
            }
            return version;
        });
    }

    ObjectVersion delete(DeleteObject command) {
        String bucket = command.bucket();
        byte[] key = KeyCodec.validKey(command.key());
        return locks.underKey(bucket, command.key(), () -> {
            Bucket stored = requireBucket(bucket);
            ObjectVersion current = catalog.current(bucket, key);
            String versionId = command.versionId();
            if (versionId == null || current != null && versionId.equals(current.versionId())) {
                return current == null ? null : remove(stored, Cf.OBJECTS, KeyCodec.object(bucket, key), current);
            }
            Catalog.StoredVersion older = catalog.nonCurrent(bucket, key, versionId);
            return older == null ? null : remove(stored, Cf.VERSIONS, older.rawKey(), older.version());
        });
    }

    ObjectVersion setAcl(SetObjectAcl command) {
        String bucket = command.bucket();
        byte[] key = KeyCodec.validKey(command.key());
        String resource = bucket + "/" + command.key();
        return locks.underKey(bucket, command.key(), () -> {
            requireBucket(bucket);
            ObjectVersion current = catalog.current(bucket, key);
            String versionId = command.versionId();
            Cf cf;
            byte[] rawKey;
            ObjectVersion version;
            if (versionId == null || current != null && versionId.equals(current.versionId())) {
                if (current == null) {
                    throw new NoSuchKeyException(resource);
                }
                cf = Cf.OBJECTS;
                rawKey = KeyCodec.object(bucket, key);
                version = current;
            } else {
                Catalog.StoredVersion older = catalog.nonCurrent(bucket, key, versionId);
                if (older == null) {
                    throw new NoSuchVersionException(resource + "?versionId=" + versionId);
                }
                cf = Cf.VERSIONS;
                rawKey = older.rawKey();
                version = older.version();
            }
            ObjectVersion updated = version.withAcl(command.acl());
            try (Batch batch = meta.batch()) {
                batch.put(cf, rawKey, RecordCodec.encode(updated)).commit(true);
            }
            return updated;
        });
    }

    private ObjectVersion remove(Bucket bucket, Cf cf, byte[] rawKey, ObjectVersion version) {
        Set<String> freed = blobIds(version.body());
        UsageLedger.Reservation reservation = usage.reserve(bucket, change(version, null));
        try (Batch batch = meta.batch()) {
            batch.delete(cf, rawKey);
            freed.forEach(id -> ledger.free(batch, id));
            reservation.commitWith(batch, () -> batch.commit(true));
        }
        ledger.delete(freed);
        return version;
    }

    private Bucket requireBucket(String bucket) {
        return catalog.bucket(bucket).orElseThrow(() -> new NoSuchBucketException(bucket));
    }

    /** Checks If-Match / If-None-Match: * against the current version of the key. */
    static void checkPrecondition(WritePrecondition precondition, ObjectVersion current, String resource) {
        if (precondition == null) {
            return;
        }
        boolean exists = current != null && !current.deleteMarker();
        if (precondition.ifNoneMatchAny() && exists) {
            throw new PreconditionFailedException(resource);
        }
        String etag = precondition.ifMatchEtag();
        if (etag != null && (!exists || !etag.equals("*") && !etag.equals(current.etag()))) {
            throw new PreconditionFailedException(resource);
        }
    }

    /** How replacing {@code before} by {@code after} (either may be null or a delete marker) changes a bucket's usage. */
    static Usage change(ObjectVersion before, ObjectVersion after) {
        return usageOf(after).plus(usageOf(before).negate());
    }

    private static Usage usageOf(ObjectVersion version) {
        return version == null || version.deleteMarker() ? Usage.ZERO : new Usage(version.size(), 1);
    }

    static Set<String> blobIds(ObjectBody body) {
        return body == null ? Set.of() : body.blobIds().collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
