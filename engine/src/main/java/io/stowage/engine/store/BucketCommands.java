package io.stowage.engine.store;

import io.stowage.engine.command.CreateBucket;
import io.stowage.engine.command.DeleteBucket;
import io.stowage.engine.error.BucketAlreadyExistsException;
import io.stowage.engine.error.BucketAlreadyOwnedByYouException;
import io.stowage.engine.error.BucketNotEmptyException;
import io.stowage.engine.error.NoSuchBucketException;
import io.stowage.engine.model.Bucket;
import io.stowage.engine.model.UploadRef;
import io.stowage.engine.model.Versioning;
import io.stowage.engine.store.codec.KeyCodec;
import io.stowage.engine.store.codec.RecordCodec;
import io.stowage.engine.store.lock.LockTable;
import io.stowage.engine.store.meta.Batch;
import io.stowage.engine.store.meta.Catalog;
import io.stowage.engine.store.meta.Cf;
import io.stowage.engine.store.meta.MetaStore;
import io.stowage.engine.store.meta.UploadCatalog;
import java.util.Optional;

/**
 * Applies CreateBucket and DeleteBucket under the bucket's exclusive lock; deleting a bucket aborts
 * its uploads and removes the grants on it.
 */
final class BucketCommands {

    private final MetaStore meta;
    private final Catalog catalog;
    private final UploadCatalog uploads;
    private final MultipartCommands multipart;
    private final BlobLedger ledger;
    private final LockTable locks;
    private final IamCommands iam;
    private final UsageLedger usage;
    private final PrefixQuotas prefixQuotas;

    BucketCommands(MetaStore meta, Catalog catalog, UploadCatalog uploads, MultipartCommands multipart, BlobLedger ledger,
            LockTable locks, IamCommands iam, UsageLedger usage, PrefixQuotas prefixQuotas) {
        this.meta = meta;
        this.catalog = catalog;
        this.uploads = uploads;
        this.multipart = multipart;
        this.ledger = ledger;
        this.locks = locks;
        this.iam = iam;
        this.usage = usage;
        this.prefixQuotas = prefixQuotas;
    }

    Bucket create(CreateBucket command) {
        return locks.underBucket(command.name(), () -> {
            Optional<Bucket> existing = catalog.bucket(command.name());
            if (existing.isPresent()) {
                throw existing.get().owner().equals(command.owner())
                        ? new BucketAlreadyOwnedByYouException(command.name())
                        : new BucketAlreadyExistsException(command.name());
            }
            Bucket bucket = new Bucket(command.name(), command.region(), command.owner(), command.createdAtMillis(),
                    command.objectLockEnabled() ? Versioning.ENABLED : Versioning.UNVERSIONED, command.quota(),
                    command.objectLockEnabled());
            return iam.underIam(() -> {
                iam.requireOwner(bucket.owner());
                try (Batch batch = meta.batch()) {
                    command.configs().forEach((kind, document) ->
                            batch.put(Cf.BUCKET_CONFIG, KeyCodec.bucketConfig(bucket.name(), kind), KeyCodec.utf8(document)));
                    batch.put(Cf.BUCKETS, KeyCodec.bucket(bucket.name()), RecordCodec.encode(bucket)).commit(true);
                }
                return bucket;
            });
        });
    }

    void delete(DeleteBucket command) {
        locks.underBucket(command.name(), () -> {
            if (catalog.bucket(command.name()).isEmpty()) {
                throw new NoSuchBucketException(command.name());
            }
            byte[] prefix = KeyCodec.bucketPrefix(command.name());
            if (meta.anyWithPrefix(Cf.OBJECTS, prefix) || meta.anyWithPrefix(Cf.VERSIONS, prefix)) {
                throw new BucketNotEmptyException(command.name());
            }
            // Uploads in progress are not objects: they end with their bucket.
            for (UploadRef upload : uploads.uploads(prefix, Long.MAX_VALUE, Integer.MAX_VALUE)) {
                ledger.delete(multipart.abortInBatch(upload.bucket(), KeyCodec.validKey(upload.key()), upload.uploadId()));
            }
            // Grants, settings, prefix quotas and counters end with their bucket: a new bucket of the same name starts clean.
            iam.underIam(() -> {
                try (Batch batch = meta.batch()) {
                    iam.deleteGrantsOnBucket(batch, command.name());
                    BucketSettingsCommands.deleteConfigsIn(batch, command.name());
                    usage.deleteIn(batch, command.name());
                    prefixQuotas.deleteAllIn(batch, command.name());
                    batch.delete(Cf.BUCKETS, KeyCodec.bucket(command.name())).commit(true);
                }
                return null;
            });
            usage.forget(command.name());
            prefixQuotas.forget(command.name());
            return null;
        });
    }
}
