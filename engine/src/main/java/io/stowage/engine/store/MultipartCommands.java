package io.stowage.engine.store;

import io.stowage.engine.command.AbortMultipartUpload;
import io.stowage.engine.command.CompleteMultipartUpload;
import io.stowage.engine.command.CreateMultipartUpload;
import io.stowage.engine.command.UploadPart;
import io.stowage.engine.error.InvalidPartException;
import io.stowage.engine.error.NoSuchBucketException;
import io.stowage.engine.error.NoSuchUploadException;
import io.stowage.engine.model.Bucket;
import io.stowage.engine.model.MultipartUpload;
import io.stowage.engine.model.ObjectBody;
import io.stowage.engine.model.ObjectVersion;
import io.stowage.engine.model.Part;
import io.stowage.engine.store.codec.KeyCodec;
import io.stowage.engine.store.codec.RecordCodec;
import io.stowage.engine.store.lock.LockTable;
import io.stowage.engine.store.meta.Batch;
import io.stowage.engine.store.meta.Catalog;
import io.stowage.engine.store.meta.Cf;
import io.stowage.engine.store.meta.MetaStore;
import io.stowage.engine.store.meta.UploadCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Applies the multipart commands. Parts are blobs owned by their upload; completion re-owns the
 * chosen parts' blobs to the object in the same synced batch that writes the object and removes
 * the upload, so a crash leaves the upload either still completable or completed.
 */
final class MultipartCommands {

    private static final int ALL_PARTS = Part.MAX_NUMBER;

    private final MetaStore meta;
    private final Catalog catalog;
    private final UploadCatalog uploads;
    private final BlobLedger ledger;
    private final LockTable locks;
    private final UsageLedger usage;
    private final VersionChain chain;

    MultipartCommands(MetaStore meta, Catalog catalog, UploadCatalog uploads, BlobLedger ledger, LockTable locks,
            UsageLedger usage) {
        this.meta = meta;
        this.catalog = catalog;
        this.uploads = uploads;
        this.ledger = ledger;
        this.locks = locks;
        this.usage = usage;
        this.chain = new VersionChain(catalog);
    }

    MultipartUpload create(CreateMultipartUpload command) {
        MultipartUpload upload = command.upload();
        byte[] key = KeyCodec.validKey(upload.key());
        return locks.underKey(command.bucket(), upload.key(), () -> {
            requireBucket(command.bucket());
            try (Batch batch = meta.batch()) {
                batch.put(Cf.UPLOADS, KeyCodec.upload(command.bucket(), key, upload.uploadId()), RecordCodec.encode(upload))
                        .commit(true);
            }
            return upload;
        });
    }

    Part uploadPart(UploadPart command) {
        Part part = command.part();
        if (part.number() < Part.MIN_NUMBER || part.number() > Part.MAX_NUMBER) {
            throw new IllegalArgumentException("part number out of range: " + part.number());
        }
        byte[] key = KeyCodec.validKey(command.key());
        return locks.underKey(command.bucket(), command.key(), () -> {
            requireUpload(command.bucket(), key, command.key(), command.uploadId());
            Part previous = uploads.part(command.uploadId(), part.number());
            Set<String> added = ObjectCommands.blobIds(part.body());
            Set<String> freed = previous == null ? Set.of() : ObjectCommands.blobIds(previous.body());
            added.forEach(ledger::checkNew);
            try (Batch batch = meta.batch()) {
                batch.put(Cf.PARTS, KeyCodec.part(command.uploadId(), part.number()), RecordCodec.encode(part));
                ledger.commitWith(batch, added,
                        KeyCodec.partOwnerRef(command.bucket(), command.key(), command.uploadId(), part.number()), freed);
            }
            return part;
        });
    }

    ObjectVersion complete(CompleteMultipartUpload command) {
        ObjectVersion version = command.version();
        if (!(version.body() instanceof ObjectBody.Multipart body)) {
            throw new IllegalArgumentException("a completed upload's body is Multipart");
        }
        String bucket = command.bucket();
        byte[] key = KeyCodec.validKey(version.key());
        String resource = bucket + "/" + version.key();
        return locks.underKey(bucket, version.key(), () -> {
            requireUpload(bucket, key, version.key(), command.uploadId());
            List<Part> stored = uploads.parts(command.uploadId(), 0, ALL_PARTS);
            for (Part chosen : body.parts()) {
                Part current = stored.stream().filter(p -> p.number() == chosen.number()).findFirst().orElse(null);
                if (current == null || !current.etag().equals(chosen.etag())
                        || !ObjectCommands.blobIds(current.body()).equals(ObjectCommands.blobIds(chosen.body()))) {
                    throw new InvalidPartException(resource + " part " + chosen.number());
                }
            }
            ObjectVersion previous = catalog.current(bucket, key);
            ObjectCommands.checkPrecondition(command.precondition(), previous, resource);
            Bucket target = catalog.bucket(bucket).orElseThrow(() -> new NoSuchBucketException(bucket));
            VersionChain.Placement placement = chain.place(target, key, previous, version, version.versionId());
            ObjectVersion placed = placement.version();
            Set<String> kept = ObjectCommands.blobIds(body);
            List<String> freed = new ArrayList<>();
            stored.forEach(p -> p.body().blobIds().filter(id -> !kept.contains(id)).forEach(freed::add));
            freed.addAll(placement.freedBlobs());
            UsageLedger.Reservation reservation = usage.reserve(target, version.key(), placement.usageChange());
            try (Batch batch = meta.batch()) {
                placement.writeTo(batch);
                for (String id : kept) {
                    ledger.own(batch, id, KeyCodec.ownerRef(bucket, placed.key(), placed.versionId()));
                }
                freed.forEach(id -> ledger.free(batch, id));
                deleteUpload(batch, bucket, key, command.uploadId(), stored);
                reservation.commitWith(batch, () -> batch.commit(true));
            }
            ledger.delete(freed);
            return placed;
        });
    }

    void abort(AbortMultipartUpload command) {
        byte[] key = KeyCodec.validKey(command.key());
        locks.underKey(command.bucket(), command.key(), () -> {
            requireUpload(command.bucket(), key, command.key(), command.uploadId());
            List<String> freed = abortInBatch(command.bucket(), key, command.uploadId());
            ledger.delete(freed);
            return null;
        });
    }

    /** Aborts an upload in one synced batch and returns the blobs to delete after it. */
    List<String> abortInBatch(String bucket, byte[] key, String uploadId) {
        List<Part> stored = uploads.parts(uploadId, 0, ALL_PARTS);
        List<String> freed = new ArrayList<>();
        stored.forEach(p -> p.body().blobIds().forEach(freed::add));
        try (Batch batch = meta.batch()) {
            freed.forEach(id -> ledger.free(batch, id));
            deleteUpload(batch, bucket, key, uploadId, stored);
            batch.commit(true);
        }
        return freed;
    }

    private static void deleteUpload(Batch batch, String bucket, byte[] key, String uploadId, List<Part> parts) {
        for (Part p : parts) {
            batch.delete(Cf.PARTS, KeyCodec.part(uploadId, p.number()));
        }
        batch.delete(Cf.UPLOADS, KeyCodec.upload(bucket, key, uploadId));
    }

    private MultipartUpload requireUpload(String bucket, byte[] key, String keyString, String uploadId) {
        if (catalog.bucket(bucket).isEmpty()) {
            throw new NoSuchBucketException(bucket);
        }
        MultipartUpload upload = uploads.upload(bucket, key, uploadId);
        if (upload == null) {
            throw new NoSuchUploadException(bucket + "/" + keyString + "?uploadId=" + uploadId);
        }
        return upload;
    }

    private void requireBucket(String bucket) {
        if (catalog.bucket(bucket).isEmpty()) {
            throw new NoSuchBucketException(bucket);
        }
    }
}
