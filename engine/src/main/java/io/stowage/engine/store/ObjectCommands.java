package io.stowage.engine.store;

import io.stowage.engine.command.DeleteObject;
import io.stowage.engine.command.PutObject;
import io.stowage.engine.command.SetObjectAcl;
import io.stowage.engine.command.SetObjectLegalHold;
import io.stowage.engine.command.SetObjectRetention;
import io.stowage.engine.command.SetObjectTags;
import io.stowage.engine.command.WritePrecondition;
import io.stowage.engine.error.NoSuchBucketException;
import io.stowage.engine.error.NoSuchKeyException;
import io.stowage.engine.error.NoSuchVersionException;
import io.stowage.engine.error.ObjectLockedException;
import io.stowage.engine.error.PreconditionFailedException;
import io.stowage.engine.model.Bucket;
import io.stowage.engine.model.ObjectBody;
import io.stowage.engine.model.ObjectLock;
import io.stowage.engine.model.ObjectVersion;
import io.stowage.engine.model.RetentionMode;
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
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Applies PutObject, DeleteObject and the commands that change one version (ACL, retention, legal hold). Each commits
 * one synced batch; puts and deletes also move blob ownership (the blobs CF) and queue freed blobs in the gc CF (see
 * {@link BlobLedger}). How a new current version treats the older ones is {@link VersionChain}'s.
 */
final class ObjectCommands {

    private final MetaStore meta;
    private final Catalog catalog;
    private final BlobLedger ledger;
    private final LockTable locks;
    private final UsageLedger usage;
    private final VersionChain chain;

    ObjectCommands(MetaStore meta, Catalog catalog, BlobLedger ledger, LockTable locks, UsageLedger usage) {
        this.meta = meta;
        this.catalog = catalog;
        this.ledger = ledger;
        this.locks = locks;
        this.usage = usage;
        this.chain = new VersionChain(catalog);
    }

    ObjectVersion put(PutObject command) {
        ObjectVersion incoming = command.version();
        String bucket = command.bucket();
        byte[] key = KeyCodec.validKey(incoming.key());
        return locks.underKey(bucket, incoming.key(), () -> {
            Bucket stored = requireBucket(bucket);
            ObjectVersion previous = catalog.current(bucket, key);
            checkPrecondition(command.precondition(), previous, bucket + "/" + incoming.key());
            VersionChain.Placement placement = chain.place(stored, key, previous, incoming, incoming.versionId());
            ObjectVersion version = placement.version();
            Set<String> replacedBlobs = placement.replacedBlobs();
            // A copy onto itself keeps its body: only blobs the replaced version did not own are new.
            List<String> added = blobIds(version.body()).stream().filter(id -> !replacedBlobs.contains(id)).toList();
            List<String> freed = placement.freedBlobs();
            added.forEach(ledger::checkNew);
            UsageLedger.Reservation reservation = usage.reserve(stored, incoming.key(), placement.usageChange());
            try (Batch batch = meta.batch()) {
                placement.writeTo(batch);
                reservation.commitWith(batch, () -> ledger.commitWith(
                        batch, added, KeyCodec.ownerRef(bucket, version.key(), version.versionId()), freed));
            }
            return version;
        });
    }

    ObjectVersion delete(DeleteObject command) {
        String bucket = command.bucket();
        byte[] key = KeyCodec.validKey(command.key());
        String resource = bucket + "/" + command.key();
        return locks.underKey(bucket, command.key(), () -> {
            Bucket stored = requireBucket(bucket);
            ObjectVersion current = catalog.current(bucket, key);
            if (command.versionId() == null) {
                checkPrecondition(command.precondition(), current, resource);
                if (stored.versioning() == Versioning.UNVERSIONED) {
                    return current == null ? null : removeCurrent(stored, key, current, command);
                }
                return writeDeleteMarker(stored, key, current, command);
            }
            if (current != null && command.versionId().equals(current.versionId())) {
                return removeCurrent(stored, key, current, command);
            }
            Catalog.StoredVersion older = catalog.nonCurrent(bucket, key, command.versionId());
            if (older == null) {
                return null;
            }
            checkDeletable(older.version(), command, resource);
            remove(stored, older.version(), batch -> batch.delete(Cf.VERSIONS, older.rawKey()));
            return older.version();
        });
    }

    private ObjectVersion writeDeleteMarker(Bucket bucket, byte[] key, ObjectVersion current, DeleteObject command) {
        ObjectVersion marker = ObjectVersion.deleteMarker(command.key(), command.markerVersionId(), command.atMillis(),
                command.requester());
        VersionChain.Placement placement = chain.place(bucket, key, current, marker, command.markerVersionId());
        List<String> freed = placement.freedBlobs();
        UsageLedger.Reservation reservation = usage.reserve(bucket, command.key(), placement.usageChange());
        try (Batch batch = meta.batch()) {
            placement.writeTo(batch);
            freed.forEach(id -> ledger.free(batch, id));
            reservation.commitWith(batch, () -> batch.commit(true));
        }
        ledger.delete(freed);
        return placement.version();
    }

    /** Removes the current version for good; the newest non-current one (if any) becomes current. */
    private ObjectVersion removeCurrent(Bucket bucket, byte[] key, ObjectVersion current, DeleteObject command) {
        checkDeletable(current, command, bucket.name() + "/" + command.key());
        Catalog.StoredVersion successor = catalog.newestNonCurrent(bucket.name(), key);
        remove(bucket, current, batch -> {
            if (successor == null) {
                batch.delete(Cf.OBJECTS, KeyCodec.object(bucket.name(), key));
            } else {
                batch.delete(Cf.VERSIONS, successor.rawKey());
                batch.put(Cf.OBJECTS, KeyCodec.object(bucket.name(), key), RecordCodec.encode(successor.version()));
            }
        });
        return current;
    }

    private static void checkDeletable(ObjectVersion version, DeleteObject command, String resource) {
        if (version.lock().blocksDeletion(command.atMillis(), command.bypassGovernance())) {
            throw new ObjectLockedException("Access Denied because object protected by object lock.",
                    resource + "?versionId=" + version.versionId());
        }
    }

    ObjectVersion setAcl(SetObjectAcl command) {
        return update(command.bucket(), command.key(), command.versionId(), version -> version.withAcl(command.acl()));
    }

    ObjectVersion setRetention(SetObjectRetention command) {
        return update(command.bucket(), command.key(), command.versionId(), version -> {
            ObjectLock lock = version.lock();
            boolean weakened = lock.weakenedBy(command.mode(), command.retainUntilMillis(), command.atMillis());
            if (weakened && (lock.mode() == RetentionMode.COMPLIANCE || !command.bypassGovernance())) {
                throw new ObjectLockedException("Access Denied because object protected by object lock.",
                        command.bucket() + "/" + command.key() + "?versionId=" + version.versionId());
            }
            return version.withLock(lock.withRetention(command.mode(), command.retainUntilMillis()));
        });
    }

    ObjectVersion setTags(SetObjectTags command) {
        return update(command.bucket(), command.key(), command.versionId(), version -> version.withTags(command.tags()));
    }

    ObjectVersion setLegalHold(SetObjectLegalHold command) {
        return update(command.bucket(), command.key(), command.versionId(),
                version -> version.withLock(version.lock().withLegalHold(command.on())));
    }

    /** Rewrites one version (not a delete marker) in place: same key, same place among its versions. */
    private ObjectVersion update(String bucket, String objectKey, String versionId,
            UnaryOperator<ObjectVersion> change) {
        byte[] key = KeyCodec.validKey(objectKey);
        String resource = bucket + "/" + objectKey;
        return locks.underKey(bucket, objectKey, () -> {
            requireBucket(bucket);
            ObjectVersion current = catalog.current(bucket, key);
            Cf cf;
            byte[] rawKey;
            ObjectVersion version;
            if (versionId == null || current != null && versionId.equals(current.versionId())) {
                if (current == null || current.deleteMarker() && versionId == null) {
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
            if (version.deleteMarker()) {
                throw new NoSuchVersionException(resource + "?versionId=" + version.versionId());
            }
            ObjectVersion updated = change.apply(version);
            try (Batch batch = meta.batch()) {
                batch.put(cf, rawKey, RecordCodec.encode(updated)).commit(true);
            }
            return updated;
        });
    }

    /** Removes {@code version} through {@code edit}, freeing its blobs and its share of the bucket's (and its prefixes') usage. */
    private void remove(Bucket bucket, ObjectVersion version, Consumer<Batch> edit) {
        Set<String> freed = blobIds(version.body());
        UsageLedger.Reservation reservation = usage.reserve(bucket, version.key(), change(version, null));
        try (Batch batch = meta.batch()) {
            edit.accept(batch);
            freed.forEach(id -> ledger.free(batch, id));
            reservation.commitWith(batch, () -> batch.commit(true));
        }
        ledger.delete(freed);
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

    static Usage usageOf(ObjectVersion version) {
        return version == null || version.deleteMarker() ? Usage.ZERO : new Usage(version.size(), 1);
    }

    static Set<String> blobIds(ObjectBody body) {
        return body == null ? Set.of() : body.blobIds().collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
