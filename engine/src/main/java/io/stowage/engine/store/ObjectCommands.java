package io.stowage.engine.store;

import io.stowage.engine.command.DeleteObject;
import io.stowage.engine.command.PutObject;
import io.stowage.engine.command.WritePrecondition;
import io.stowage.engine.error.NoSuchBucketException;
import io.stowage.engine.error.PreconditionFailedException;
import io.stowage.engine.error.StorageException;
import io.stowage.engine.model.Bucket;
import io.stowage.engine.model.ObjectBody;
import io.stowage.engine.model.ObjectVersion;
import io.stowage.engine.model.Versioning;
import io.stowage.engine.store.blob.BlobStore;
import io.stowage.engine.store.codec.KeyCodec;
import io.stowage.engine.store.codec.RecordCodec;
import io.stowage.engine.store.lock.LockTable;
import io.stowage.engine.store.meta.Batch;
import io.stowage.engine.store.meta.Catalog;
import io.stowage.engine.store.meta.Cf;
import io.stowage.engine.store.meta.MetaStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies PutObject and DeleteObject. Each commits one synced batch that also moves blob
 * ownership (the blobs CF) and queues freed blobs in the gc CF; file moves and deletions happen
 * after the commit and are redone by the recovery sweep if a crash interrupts them.
 */
final class ObjectCommands {

    private static final Logger LOG = LoggerFactory.getLogger(ObjectCommands.class);
    private static final byte[] EMPTY = new byte[0];

    private final MetaStore meta;
    private final Catalog catalog;
    private final BlobStore blobs;
    private final LockTable locks;

    ObjectCommands(MetaStore meta, Catalog catalog, BlobStore blobs, LockTable locks) {
        this.meta = meta;
        this.catalog = catalog;
        this.blobs = blobs;
        this.locks = locks;
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
            String newBlob = blobId(version.body());
            String oldBlob = previous == null ? null : blobId(previous.body());
            boolean moveIntoPlace = newBlob != null && !newBlob.equals(oldBlob);
            if (moveIntoPlace && !blobs.inTmp(newBlob)) {
                throw new StorageException("body " + newBlob + " is not a finished, uncommitted body", null);
            }
            String freed = oldBlob != null && !oldBlob.equals(newBlob) ? oldBlob : null;
            try (Batch batch = meta.batch()) {
                batch.put(Cf.OBJECTS, KeyCodec.object(bucket, key), RecordCodec.encode(version));
                if (newBlob != null) {
                    batch.put(Cf.BLOBS, KeyCodec.blob(newBlob),
                            KeyCodec.ownerRef(bucket, version.key(), version.versionId()));
                }
                free(batch, freed);
                batch.commit(true);
            }
            if (moveIntoPlace) {
                moveIntoPlace(newBlob);
            }
            deleteFreed(freed);
            return version;
        });
    }

    ObjectVersion delete(DeleteObject command) {
        String bucket = command.bucket();
        byte[] key = KeyCodec.validKey(command.key());
        return locks.underKey(bucket, command.key(), () -> {
            requireBucket(bucket);
            ObjectVersion current = catalog.current(bucket, key);
            String versionId = command.versionId();
            if (versionId == null || current != null && versionId.equals(current.versionId())) {
                return current == null ? null : remove(Cf.OBJECTS, KeyCodec.object(bucket, key), current);
            }
            Catalog.StoredVersion older = catalog.nonCurrent(bucket, key, versionId);
            return older == null ? null : remove(Cf.VERSIONS, older.rawKey(), older.version());
        });
    }

    private ObjectVersion remove(Cf cf, byte[] rawKey, ObjectVersion version) {
        String freed = blobId(version.body());
        try (Batch batch = meta.batch()) {
            batch.delete(cf, rawKey);
            free(batch, freed);
            batch.commit(true);
        }
        deleteFreed(freed);
        return version;
    }

    private Bucket requireBucket(String bucket) {
        return catalog.bucket(bucket).orElseThrow(() -> new NoSuchBucketException(bucket));
    }

    private static void checkPrecondition(WritePrecondition precondition, ObjectVersion current, String resource) {
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

    private static String blobId(ObjectBody body) {
        return body instanceof ObjectBody.Blob blob ? blob.blobId() : null;
    }

    private static void free(Batch batch, String blobId) {
        if (blobId != null) {
            batch.delete(Cf.BLOBS, KeyCodec.blob(blobId)).put(Cf.GC, KeyCodec.blob(blobId), EMPTY);
        }
    }

    // After the commit the command has succeeded: failures of file operations are left to recovery.

    private void moveIntoPlace(String blobId) {
        try {
            blobs.promote(blobId);
        } catch (StorageException e) {
            LOG.warn("Committed blob {} stays in tmp/ until the next recovery sweep", blobId, e);
        }
    }

    private void deleteFreed(String blobId) {
        if (blobId == null) {
            return;
        }
        try (Batch batch = meta.batch()) {
            blobs.delete(blobId);
            batch.delete(Cf.GC, KeyCodec.blob(blobId)).commit(false);
        } catch (StorageException e) {
            LOG.warn("Freed blob {} stays queued for deletion until the next recovery sweep", blobId, e);
        }
    }
}
