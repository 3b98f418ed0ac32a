package io.stowage.engine.store;

import io.stowage.engine.error.StorageException;
import io.stowage.engine.store.blob.BlobStore;
import io.stowage.engine.store.codec.KeyCodec;
import io.stowage.engine.store.meta.Batch;
import io.stowage.engine.store.meta.Cf;
import io.stowage.engine.store.meta.MetaStore;
import java.util.Collection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Blob ownership around a command's batch: a new blob gets its owner entry in the batch and moves
 * from tmp/ into place after the commit; a freed blob loses its owner entry and gets a gc entry
 * in the batch, and its file is deleted after the commit. File steps that fail after the commit
 * are left to the recovery sweep: the command has already succeeded.
 *
 * <p>Replicated ({@link io.stowage.engine.EngineConfig#replicated}): every replica applies the same
 * command whether or not the blob reached it, so a blob this node lacks is recorded as missing
 * (and fetched from a peer later) instead of refusing the command; and freed files wait for
 * {@link RocksEngine#collectGarbage}, because the commit that freed them is not synced.
 */
final class BlobLedger {

    private static final Logger LOG = LoggerFactory.getLogger(BlobLedger.class);
    private static final byte[] EMPTY = new byte[0];

    private final MetaStore meta;
    private final BlobStore blobs;
    private final boolean replicated;

    BlobLedger(MetaStore meta, BlobStore blobs, boolean replicated) {
        this.meta = meta;
        this.blobs = blobs;
        this.replicated = replicated;
    }

    /** Before the batch: a new body's blob must be a finished, uncommitted one in tmp/ (unless replicated). */
    void checkNew(String blobId) {
        if (!replicated && !blobs.inTmp(blobId)) {
            throw new StorageException("body " + blobId + " is not a finished, uncommitted body", null);
        }
    }

    void own(Batch batch, String blobId, byte[] ownerRef) {
        batch.put(Cf.BLOBS, KeyCodec.blob(blobId), ownerRef);
        if (replicated && !blobs.holds(blobId)) {
            batch.put(Cf.MISSING, KeyCodec.blob(blobId), EMPTY);
        }
    }

    void free(Batch batch, String blobId) {
        batch.delete(Cf.BLOBS, KeyCodec.blob(blobId)).put(Cf.GC, KeyCodec.blob(blobId), EMPTY);
        if (replicated) {
            batch.delete(Cf.MISSING, KeyCodec.blob(blobId));
        }
    }

    /**
     * Completes a command's batch: the new blobs (already checked) become owned by {@code ownerRef},
     * the freed ones are queued for deletion, the batch commits synced, then the file steps run.
     */
    void commitWith(Batch batch, Collection<String> added, byte[] ownerRef, Collection<String> freed) {
        added.forEach(id -> own(batch, id, ownerRef));
        freed.forEach(id -> free(batch, id));
        batch.commit(true);
        promote(added);
        delete(freed);
    }

    /** After the commit: moves new blobs into place. */
    void promote(Collection<String> blobIds) {
        for (String blobId : blobIds) {
            if (replicated && !blobs.inTmp(blobId)) {
                continue; // missing here, or already in place when a replay repeats the command
            }
            try {
                blobs.promote(blobId);
            } catch (StorageException e) {
                LOG.warn("Committed blob {} stays in tmp/ until the next recovery sweep", blobId, e);
            }
        }
    }

    /** After the commit: deletes freed blobs and their gc entries (replicated: left to the collector). */
    void delete(Collection<String> blobIds) {
        if (replicated) {
            return;
        }
        for (String blobId : blobIds) {
            try (Batch batch = meta.batch()) {
                blobs.delete(blobId);
                batch.delete(Cf.GC, KeyCodec.blob(blobId)).commit(false);
            } catch (StorageException e) {
                LOG.warn("Freed blob {} stays queued for deletion until the next recovery sweep", blobId, e);
            }
        }
    }
}
