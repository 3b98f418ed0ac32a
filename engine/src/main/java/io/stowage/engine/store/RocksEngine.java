package io.stowage.engine.store;

import io.stowage.engine.BodyWriter;
import io.stowage.engine.Engine;
import io.stowage.engine.EngineConfig;
import io.stowage.engine.command.Command;
import io.stowage.engine.command.CreateBucket;
import io.stowage.engine.command.DeleteBucket;
import io.stowage.engine.command.DeleteObject;
import io.stowage.engine.command.PutObject;
import io.stowage.engine.error.NoSuchBucketException;
import io.stowage.engine.error.NoSuchKeyException;
import io.stowage.engine.error.NoSuchVersionException;
import io.stowage.engine.model.Bucket;
import io.stowage.engine.model.ListObjectsRequest;
import io.stowage.engine.model.ListVersionsRequest;
import io.stowage.engine.model.ObjectBody;
import io.stowage.engine.model.ObjectListing;
import io.stowage.engine.model.ObjectVersion;
import io.stowage.engine.model.OpenedObject;
import io.stowage.engine.model.VersionListing;
import io.stowage.engine.store.blob.BlobStore;
import io.stowage.engine.store.codec.KeyCodec;
import io.stowage.engine.store.listing.ObjectLister;
import io.stowage.engine.store.listing.VersionLister;
import io.stowage.engine.store.lock.LockTable;
import io.stowage.engine.store.meta.Catalog;
import io.stowage.engine.store.meta.Cf;
import io.stowage.engine.store.meta.MetaStore;
import io.stowage.engine.store.recovery.RecoverySweep;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The engine over a data directory: metadata in RocksDB ({@code meta/}), bodies inline in
 * metadata or in blob files ({@code blobs/}, {@code tmp/}). Reads take no locks.
 */
public final class RocksEngine implements Engine {

    private static final int OPEN_ATTEMPTS = 5;

    private final EngineConfig config;
    private final MetaStore meta;
    private final BlobStore blobs;
    private final Catalog catalog;
    private final BucketCommands bucketCommands;
    private final ObjectCommands objectCommands;
    private final ObjectLister objectLister;
    private final VersionLister versionLister;
    private final AtomicBoolean closed = new AtomicBoolean();

    private RocksEngine(EngineConfig config, MetaStore meta, BlobStore blobs) {
        this.config = config;
        this.meta = meta;
        this.blobs = blobs;
        this.catalog = new Catalog(meta);
        LockTable locks = new LockTable();
        this.bucketCommands = new BucketCommands(meta, catalog, locks);
        this.objectCommands = new ObjectCommands(meta, catalog, blobs, locks);
        this.objectLister = new ObjectLister(meta);
        this.versionLister = new VersionLister(meta);
    }

    public static RocksEngine open(EngineConfig config) {
        BlobStore blobs = new BlobStore(config.dataDir());
        MetaStore meta = MetaStore.open(config.dataDir().resolve("meta"));
        try {
            new RecoverySweep(meta, blobs).run();
        } catch (RuntimeException e) {
            meta.close();
            throw e;
        }
        return new RocksEngine(config, meta, blobs);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R> R apply(Command<R> command) {
        Object result = switch (command) {
            case CreateBucket create -> bucketCommands.create(create);
            case DeleteBucket delete -> {
                bucketCommands.delete(delete);
                yield null;
            }
            case PutObject put -> objectCommands.put(put);
            case DeleteObject delete -> objectCommands.delete(delete);
        };
        return (R) result;
    }

    @Override
    public Optional<Bucket> bucket(String name) {
        return catalog.bucket(name);
    }

    @Override
    public List<Bucket> buckets() {
        return catalog.buckets();
    }

    @Override
    public ObjectVersion object(String bucket, String key, String versionId) {
        requireBucket(bucket);
        byte[] keyBytes = KeyCodec.validKey(key);
        ObjectVersion current = catalog.current(bucket, keyBytes);
        if (versionId == null) {
            if (current == null) {
                throw new NoSuchKeyException(bucket + "/" + key);
            }
            return current;
        }
        if (current != null && versionId.equals(current.versionId())) {
            return current;
        }
        Catalog.StoredVersion older = catalog.nonCurrent(bucket, keyBytes, versionId);
        if (older == null) {
            throw new NoSuchVersionException(bucket + "/" + key + "?versionId=" + versionId);
        }
        return older.version();
    }

    @Override
    public OpenedObject open(String bucket, String key, String versionId) {
        for (int attempt = 0; attempt < OPEN_ATTEMPTS; attempt++) {
            ObjectVersion version = object(bucket, key, versionId);
            if (!(version.body() instanceof ObjectBody.Blob blob)) {
                return new OpenedObject(version, null);
            }
            try {
                FileChannel channel = blobs.open(blob.blobId());
                return new OpenedObject(version, channel);
            } catch (NoSuchFileException e) {
                // an overwrite or delete freed the blob after we read the metadata: read it again
            }
        }
        throw new NoSuchKeyException(bucket + "/" + key);
    }

    @Override
    public ObjectListing listObjects(ListObjectsRequest request) {
        requireBucket(request.bucket());
        return objectLister.list(request);
    }

    @Override
    public VersionListing listVersions(ListVersionsRequest request) {
        requireBucket(request.bucket());
        return versionLister.list(request);
    }

    @Override
    public BodyWriter newBody(long expectedLength) {
        return blobs.newBody(expectedLength, config.inlineThreshold());
    }

    @Override
    public void discard(ObjectBody body) {
        // a body committed meanwhile (or the current body reused by a copy) is not ours to delete
        if (body instanceof ObjectBody.Blob blob && meta.get(Cf.BLOBS, KeyCodec.blob(blob.blobId())) == null) {
            blobs.deleteTmp(blob.blobId());
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            meta.close();
        }
    }

    private void requireBucket(String bucket) {
        if (catalog.bucket(bucket).isEmpty()) {
            throw new NoSuchBucketException(bucket);
        }
    }
}
