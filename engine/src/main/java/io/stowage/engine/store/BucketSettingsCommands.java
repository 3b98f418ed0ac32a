package io.stowage.engine.store;

import io.stowage.engine.command.DeleteBucketConfig;
import io.stowage.engine.command.PutBucketConfig;
import io.stowage.engine.command.SetBucketVersioning;
import io.stowage.engine.error.InvalidBucketStateException;
import io.stowage.engine.model.Versioning;
import io.stowage.engine.command.SetBucketOwner;
import io.stowage.engine.command.SetBucketQuota;
import io.stowage.engine.error.NoSuchBucketException;
import io.stowage.engine.model.Bucket;
import io.stowage.engine.model.BucketConfigKind;
import io.stowage.engine.store.codec.KeyCodec;
import io.stowage.engine.store.codec.RecordCodec;
import io.stowage.engine.store.lock.LockTable;
import io.stowage.engine.store.meta.Batch;
import io.stowage.engine.store.meta.Catalog;
import io.stowage.engine.store.meta.Cf;
import io.stowage.engine.store.meta.MetaStore;
import java.util.Optional;

/** Applies the commands that change a bucket's owner, quota and configuration documents, under the bucket's lock. */
final class BucketSettingsCommands {

    private final MetaStore meta;
    private final Catalog catalog;
    private final IamCommands iam;
    private final LockTable locks;

    BucketSettingsCommands(MetaStore meta, Catalog catalog, IamCommands iam, LockTable locks) {
        this.meta = meta;
        this.catalog = catalog;
        this.iam = iam;
        this.locks = locks;
    }

    Bucket setOwner(SetBucketOwner command) {
        return locks.underBucket(command.bucket(), () -> iam.underIam(() -> {
            iam.requireOwner(command.owner());
            return store(require(command.bucket()).withOwner(command.owner()));
        }));
    }

    Bucket setQuota(SetBucketQuota command) {
        return locks.underBucket(command.bucket(), () -> store(require(command.bucket()).withQuota(command.quota())));
    }

    Bucket setVersioning(SetBucketVersioning command) {
        return locks.underBucket(command.bucket(), () -> {
            Bucket bucket = require(command.bucket());
            if (bucket.objectLockEnabled() && command.versioning() != Versioning.ENABLED) {
                throw new InvalidBucketStateException("An Object Lock configuration is present on this bucket, so the"
                        + " versioning state cannot be changed.", command.bucket());
            }
            return store(bucket.withVersioning(command.versioning()));
        });
    }

    void putConfig(PutBucketConfig command) {
        locks.underBucket(command.bucket(), () -> {
            require(command.bucket());
            try (Batch batch = meta.batch()) {
                batch.put(Cf.BUCKET_CONFIG, KeyCodec.bucketConfig(command.bucket(), command.kind()),
                        KeyCodec.utf8(command.document())).commit(true);
            }
            return null;
        });
    }

    void deleteConfig(DeleteBucketConfig command) {
        locks.underBucket(command.bucket(), () -> {
            require(command.bucket());
            try (Batch batch = meta.batch()) {
                batch.delete(Cf.BUCKET_CONFIG, KeyCodec.bucketConfig(command.bucket(), command.kind())).commit(true);
            }
            return null;
        });
    }

    Optional<String> config(String bucket, BucketConfigKind kind) {
        return Optional.ofNullable(meta.get(Cf.BUCKET_CONFIG, KeyCodec.bucketConfig(bucket, kind))).map(KeyCodec::string);
    }

    /** Adds the removal of every configuration document of a bucket to its deletion batch. */
    static void deleteConfigsIn(Batch batch, String bucket) {
        for (BucketConfigKind kind : BucketConfigKind.values()) {
            batch.delete(Cf.BUCKET_CONFIG, KeyCodec.bucketConfig(bucket, kind));
        }
    }

    private Bucket require(String bucket) {
        return catalog.bucket(bucket).orElseThrow(() -> new NoSuchBucketException(bucket));
    }

    private Bucket store(Bucket bucket) {
        try (Batch batch = meta.batch()) {
            batch.put(Cf.BUCKETS, KeyCodec.bucket(bucket.name()), RecordCodec.encode(bucket)).commit(true);
        }
        return bucket;
    }
}
