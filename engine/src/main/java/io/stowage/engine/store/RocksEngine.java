package io.stowage.engine.store;

import io.stowage.engine.BlobSource;
import io.stowage.engine.BodyWriter;
import io.stowage.engine.Engine;
import io.stowage.engine.EngineConfig;
import io.stowage.engine.EngineStats;
import io.stowage.engine.LogPosition;
import io.stowage.engine.command.AbortMultipartUpload;
import io.stowage.engine.command.Command;
import io.stowage.engine.command.CreateAccessKey;
import io.stowage.engine.command.CreateUser;
import io.stowage.engine.command.DeleteAccessKey;
import io.stowage.engine.command.DeleteBucketConfig;
import io.stowage.engine.command.DeleteGrant;
import io.stowage.engine.command.DeleteUser;
import io.stowage.engine.command.PutBucketConfig;
import io.stowage.engine.command.PutGrant;
import io.stowage.engine.command.SetAccessKeyStatus;
import io.stowage.engine.command.SetBucketOwner;
import io.stowage.engine.command.SetBucketQuota;
import io.stowage.engine.command.SetPrefixQuota;
import io.stowage.engine.command.DeletePrefixQuota;
import io.stowage.engine.command.SetObjectAcl;
import io.stowage.engine.command.SetObjectLegalHold;
import io.stowage.engine.command.SetObjectRetention;
import io.stowage.engine.command.SetObjectTags;
import io.stowage.engine.command.SetBucketVersioning;
import io.stowage.engine.command.CompleteMultipartUpload;
import io.stowage.engine.command.CreateMultipartUpload;
import io.stowage.engine.command.UploadPart;
import io.stowage.engine.command.CreateBucket;
import io.stowage.engine.command.DeleteBucket;
import io.stowage.engine.command.DeleteObject;
import io.stowage.engine.command.PutObject;
import io.stowage.engine.error.NoSuchBucketException;
import io.stowage.engine.error.NoSuchKeyException;
import io.stowage.engine.error.NoSuchVersionException;
import io.stowage.engine.error.StorageException;
import io.stowage.engine.error.UnavailableException;
import io.stowage.engine.model.Bucket;
import io.stowage.engine.model.BucketConfigKind;
import io.stowage.engine.model.IamState;
import io.stowage.engine.model.PrefixQuota;
import io.stowage.engine.model.Usage;
import io.stowage.engine.model.ListObjectsRequest;
import io.stowage.engine.model.ListUploadsRequest;
import io.stowage.engine.model.MultipartUpload;
import io.stowage.engine.model.Part;
import io.stowage.engine.model.PartListing;
import io.stowage.engine.model.UploadListing;
import io.stowage.engine.model.UploadRef;
import io.stowage.engine.model.ListVersionsRequest;
import io.stowage.engine.model.ObjectBody;
import io.stowage.engine.model.ObjectListing;
import io.stowage.engine.model.ObjectVersion;
import io.stowage.engine.model.OpenedObject;
import io.stowage.engine.model.VersionListing;
import io.stowage.engine.store.blob.BlobStore;
import io.stowage.engine.store.codec.KeyCodec;
import io.stowage.engine.error.NoSuchUploadException;
import io.stowage.engine.store.listing.ObjectLister;
import io.stowage.engine.store.listing.UploadLister;
import io.stowage.engine.store.meta.UploadCatalog;
import io.stowage.engine.store.listing.VersionLister;
import io.stowage.engine.store.lock.LockTable;
import io.stowage.engine.store.meta.Batch;
import io.stowage.engine.store.meta.Catalog;
import io.stowage.engine.store.meta.Cf;
import io.stowage.engine.store.meta.MetaStore;
import io.stowage.engine.store.recovery.BlobReconciler;
import io.stowage.engine.store.recovery.FreedBlobCollector;
import io.stowage.engine.store.recovery.RecoverySweep;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksIterator;
import org.rocksdb.Snapshot;

/**
 * The engine over a data directory: metadata in RocksDB ({@code meta/}), bodies inline in
 * metadata or in blob files ({@code blobs/}, {@code tmp/}). Reads take no locks.
 */
public final class RocksEngine implements Engine {

    private static final int OPEN_ATTEMPTS = 5;

    private final EngineConfig config;
    private final MetaStore meta;
    private final BlobStore blobs;
    private final FileStore disk;
    private final Catalog catalog;
    private final BucketCommands bucketCommands;
    private final ObjectCommands objectCommands;
    private final MultipartCommands multipartCommands;
    private final IamCommands iamCommands;
    private final BucketSettingsCommands settingsCommands;
    private final UsageLedger usage;
    private final PrefixQuotaCommands prefixQuotaCommands;
    private final UploadCatalog uploadCatalog;
    private final UploadLister uploadLister;
    private final ObjectLister objectLister;
    private final VersionLister versionLister;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile BlobSource blobSource;

    private RocksEngine(EngineConfig config, MetaStore meta, BlobStore blobs, FileStore disk) {
        this.config = config;
        this.meta = meta;
        this.blobs = blobs;
        this.disk = disk;
        this.catalog = new Catalog(meta);
        this.uploadCatalog = new UploadCatalog(meta);
        LockTable locks = new LockTable();
        BlobLedger ledger = new BlobLedger(meta, blobs, config.replicated());
        PrefixQuotas prefixQuotas = new PrefixQuotas(meta);
        this.usage = new UsageLedger(meta, prefixQuotas);
        this.prefixQuotaCommands = new PrefixQuotaCommands(
                meta, catalog, locks, prefixQuotas, usage, PrefixQuotas.MAX_PER_BUCKET);
        this.iamCommands = new IamCommands(meta, catalog, locks);
        this.settingsCommands = new BucketSettingsCommands(meta, catalog, iamCommands, locks);
        this.objectCommands = new ObjectCommands(meta, catalog, ledger, locks, usage);
        this.multipartCommands = new MultipartCommands(meta, catalog, uploadCatalog, ledger, locks, usage);
        this.bucketCommands = new BucketCommands(
                meta, catalog, uploadCatalog, multipartCommands, ledger, locks, iamCommands, usage, prefixQuotas);
        this.uploadLister = new UploadLister(meta);
        this.objectLister = new ObjectLister(meta);
        this.versionLister = new VersionLister(meta);
    }

    public static RocksEngine open(EngineConfig config) {
        BlobStore blobs = new BlobStore(config.dataDir());
        FileStore disk = fileStore(config);
        boolean installed = config.replicated() && MetadataInstall.recover(config.dataDir());
        MetaStore meta = MetaStore.open(config.dataDir().resolve("meta"));
        try {
            new RecoverySweep(meta, blobs, config.replicated()).run();
            if (installed) {
                new BlobReconciler(meta, blobs).run();
                MetadataInstall.reconciled(config.dataDir());
            }
        } catch (RuntimeException e) {
            meta.close();
            throw e;
        }
        return new RocksEngine(config, meta, blobs, disk);
    }

    private static FileStore fileStore(EngineConfig config) {
        try {
            return Files.getFileStore(config.dataDir());
        } catch (IOException e) {
            throw new StorageException("cannot find the file system of " + config.dataDir(), e);
        }
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
            case SetObjectAcl acl -> objectCommands.setAcl(acl);
            case SetObjectRetention retention -> objectCommands.setRetention(retention);
            case SetObjectLegalHold hold -> objectCommands.setLegalHold(hold);
            case SetObjectTags tags -> objectCommands.setTags(tags);
            case SetBucketVersioning versioning -> settingsCommands.setVersioning(versioning);
            case CreateMultipartUpload create -> multipartCommands.create(create);
            case UploadPart part -> multipartCommands.uploadPart(part);
            case CompleteMultipartUpload complete -> multipartCommands.complete(complete);
            case AbortMultipartUpload abort -> {
                multipartCommands.abort(abort);
                yield null;
            }
            case CreateUser create -> iamCommands.createUser(create);
            case DeleteUser delete -> {
                iamCommands.deleteUser(delete);
                yield null;
            }
            case CreateAccessKey create -> iamCommands.createAccessKey(create);
            case SetAccessKeyStatus status -> iamCommands.setStatus(status);
            case DeleteAccessKey delete -> {
                iamCommands.deleteAccessKey(delete);
                yield null;
            }
            case PutGrant grant -> iamCommands.putGrant(grant);
            case DeleteGrant delete -> {
                iamCommands.deleteGrant(delete);
                yield null;
            }
            case SetBucketOwner owner -> settingsCommands.setOwner(owner);
            case SetBucketQuota quota -> settingsCommands.setQuota(quota);
            case PutBucketConfig put -> {
                settingsCommands.putConfig(put);
                yield null;
            }
            case DeleteBucketConfig delete -> {
                settingsCommands.deleteConfig(delete);
                yield null;
            }
            case SetPrefixQuota quota -> {
                prefixQuotaCommands.set(quota);
                yield null;
            }
            case DeletePrefixQuota delete -> {
                prefixQuotaCommands.delete(delete);
                yield null;
            }
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
    public EngineStats stats() {
        if (closed.get()) {
            throw new StorageException("the engine is closed", null);
        }
        // one ownership record per committed blob file
        return new EngineStats(meta.stats(), meta.estimatedKeys(Cf.BLOBS), diskSpace());
    }

    private EngineStats.Disk diskSpace() {
        try {
            return new EngineStats.Disk(disk.getTotalSpace(), disk.getUsableSpace());
        } catch (IOException e) {
            throw new StorageException("cannot read the free space of " + config.dataDir(), e);
        }
    }

    @Override
    public IamState iam() {
        return iamCommands.state();
    }

    @Override
    public Optional<String> bucketConfig(String bucket, BucketConfigKind kind) {
        return settingsCommands.config(bucket, kind);
    }

    @Override
    public Usage usage(String bucket) {
        requireBucket(bucket);
        return usage.usage(bucket);
    }

    @Override
    public List<PrefixQuota> prefixQuotas(String bucket) {
        return prefixQuotaCommands.list(bucket);
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
                FileChannel channel = openBlob(blob.blobId());
                return new OpenedObject(version, channel);
            } catch (NoSuchFileException e) {
                // an overwrite or delete freed the blob after we read the metadata: read it again
            } catch (IOException e) {
                throw new UnavailableException("the bytes of " + bucket + "/" + key
                        + " are not on this node yet and no peer could send them", e);
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
    public MultipartUpload upload(String bucket, String key, String uploadId) {
        requireBucket(bucket);
        MultipartUpload upload = uploadCatalog.upload(bucket, KeyCodec.validKey(key), uploadId);
        if (upload == null) {
            throw new NoSuchUploadException(bucket + "/" + key + "?uploadId=" + uploadId);
        }
        return upload;
    }

    @Override
    public List<Part> parts(String bucket, String key, String uploadId) {
        upload(bucket, key, uploadId);
        return uploadCatalog.parts(uploadId, 0, Part.MAX_NUMBER);
    }

    @Override
    public PartListing listParts(String bucket, String key, String uploadId, int partNumberMarker, int maxParts) {
        MultipartUpload upload = upload(bucket, key, uploadId);
        if (maxParts <= 0) {
            return new PartListing(upload, List.of(), false, 0);
        }
        List<Part> parts = uploadCatalog.parts(uploadId, partNumberMarker, maxParts + 1);
        boolean truncated = parts.size() > maxParts;
        List<Part> page = truncated ? parts.subList(0, maxParts) : parts;
        return new PartListing(upload, List.copyOf(page), truncated, truncated ? page.getLast().number() : 0);
    }

    @Override
    public UploadListing listUploads(ListUploadsRequest request) {
        requireBucket(request.bucket());
        return uploadLister.list(request);
    }

    @Override
    public List<UploadRef> uploadsInitiatedBefore(long epochMillis, int limit) {
        return uploadCatalog.uploads(new byte[0], epochMillis, limit);
    }

    @Override
    public FileChannel openBlob(String blobId) throws IOException {
        try {
            return blobs.open(blobId);
        } catch (NoSuchFileException e) {
            BlobSource source = blobSource;
            if (source == null || meta.get(Cf.MISSING, KeyCodec.blob(blobId)) == null) {
                throw e;
            }
            try (InputStream copy = source.open(blobId)) {
                storeCopy(blobId, copy);
            }
            return blobs.open(blobId);
        }
    }

    /**
     * Replicated engines: applies a command taken from the log at {@code position}, recording the
     * position with the command's writes (see {@link #appliedLogPosition}).
     */
    public <R> R applyLogged(Command<R> command, LogPosition position) {
        return meta.applyingLogEntry(position.encode(), () -> apply(command));
    }

    /**
     * Replicated engines: records the position of the last applied log entry when the entries since the
     * last recorded one changed nothing (a snapshot does, so that any later copy is at least that new).
     */
    public void recordLogPosition(LogPosition position) {
        meta.recordLogPosition(position.encode());
    }

    /**
     * The position of the last logged command that changed anything, or of a later {@link #recordLogPosition},
     * as durable as the metadata; null if none. Replaying the entries after it gives the same state again.
     */
    public LogPosition appliedLogPosition() {
        byte[] position = meta.appliedLogPosition();
        return position == null ? null : LogPosition.decode(position);
    }

    /** Replicated engines: where blobs this node lacks are fetched from when read. */
    public void setBlobSource(BlobSource source) {
        this.blobSource = source;
    }

    /** Opens a blob this node holds, never fetching it from elsewhere (what peers asking for it get). */
    public FileChannel openHeldBlob(String blobId) throws NoSuchFileException {
        return blobs.open(blobId);
    }

    /** Whether this node holds the bytes of a blob (committed or not). */
    public boolean holdsBlob(String blobId) {
        return blobs.holds(blobId);
    }

    /**
     * Stores a copy of a blob written on another node (idempotent: a blob held already is kept and
     * the source is not read). A blob that a command already committed here without its bytes
     * stops being missing.
     *
     * @return false when the blob was already held
     */
    public boolean storeCopy(String blobId, InputStream source) throws IOException {
        if (blobs.holds(blobId)) {
            return false;
        }
        blobs.storeCopy(blobId, source);
        if (meta.get(Cf.MISSING, KeyCodec.blob(blobId)) != null) {
            blobs.promote(blobId);
            try (Batch batch = meta.batch()) {
                batch.delete(Cf.MISSING, KeyCodec.blob(blobId)).commit(false);
            }
        }
        return true;
    }

    /** Up to {@code limit} committed blobs whose bytes have not reached this node. */
    public List<String> missingBlobs(int limit) {
        List<String> ids = new ArrayList<>();
        try (ReadOptions options = new ReadOptions(); RocksIterator it = meta.iterator(Cf.MISSING, options)) {
            for (it.seekToFirst(); it.isValid() && ids.size() < limit; it.next()) {
                ids.add(KeyCodec.blobId(it.key()));
            }
        }
        return ids;
    }

    /**
     * Replicated engines: deletes the files of blobs whose freeing is durable (the metadata log is
     * synced first), and blobs left in tmp/ unreferenced since before {@code staleBeforeMillis}
     * (copies of writes that never committed).
     *
     * @return how many files were deleted
     */
    public int collectGarbage(long staleBeforeMillis) {
        Snapshot snapshot = meta.snapshot();
        int deleted;
        try {
            meta.syncWal();
            deleted = new FreedBlobCollector(meta, blobs).collect(snapshot);
        } finally {
            meta.release(snapshot);
        }
        for (String name : blobs.tmpFiles()) {
            long modified = blobs.tmpFileModifiedMillis(name);
            boolean unreferenced = !BlobStore.isBlobId(name) || meta.get(Cf.BLOBS, KeyCodec.blob(name)) == null;
            if (unreferenced && modified >= 0 && modified < staleBeforeMillis) {
                blobs.deleteTmpFile(name);
                deleted++;
            }
        }
        return deleted;
    }

    /**
     * Writes a consistent copy of the metadata (with its {@link #appliedLogPosition}) to {@code target}, a
     * directory that must not exist, on this data directory's file system. A node that lacks the log
     * entries before it installs such a copy with {@link MetadataInstall}.
     */
    public void checkpointMetadata(Path target) {
        meta.checkpoint(target);
    }

    public EngineConfig config() {
        return config;
    }

    /** Makes every metadata write so far durable. */
    public void syncMetadata() {
        meta.syncWal();
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
