package io.stowage.engine.store.meta;

import io.stowage.engine.model.Bucket;
import io.stowage.engine.model.ObjectVersion;
import io.stowage.engine.store.codec.KeyCodec;
import io.stowage.engine.store.codec.RecordCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;

/** Typed reads of buckets and object versions. */
public final class Catalog {

    /** A non-current version with the versions CF key it is stored under. */
    public record StoredVersion(byte[] rawKey, ObjectVersion version) {
    }

    private final MetaStore meta;

    public Catalog(MetaStore meta) {
        this.meta = meta;
    }

    public Optional<Bucket> bucket(String name) {
        return Optional.ofNullable(meta.get(Cf.BUCKETS, KeyCodec.bucket(name))).map(RecordCodec::decodeBucket);
    }

    public List<Bucket> buckets() {
        List<Bucket> buckets = new ArrayList<>();
        try (ReadOptions options = new ReadOptions(); RocksIterator it = meta.iterator(Cf.BUCKETS, options)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                buckets.add(RecordCodec.decodeBucket(it.value()));
            }
        }
        return buckets;
    }

    /** The current version (possibly a delete marker), or null. */
    public ObjectVersion current(String bucket, byte[] key) {
        byte[] record = meta.get(Cf.OBJECTS, KeyCodec.object(bucket, key));
        return record == null ? null : RecordCodec.decodeVersion(record);
    }

    /** The non-current version with this id, or null. */
    public StoredVersion nonCurrent(String bucket, byte[] key, String versionId) {
        return firstNonCurrent(bucket, key, version -> version.versionId().equals(versionId));
    }

    /** The most recently replaced non-current version of a key, or null when it has none. */
    public StoredVersion newestNonCurrent(String bucket, byte[] key) {
        return firstNonCurrent(bucket, key, version -> true);
    }

    private StoredVersion firstNonCurrent(String bucket, byte[] key, Predicate<ObjectVersion> wanted) {
        byte[] prefix = KeyCodec.versionPrefix(bucket, key);
        // stamps are binary: bound by the next possible key (key 0x01), not by prefix 0xFF
        try (Slice bound = new Slice(KeyCodec.concat(KeyCodec.object(bucket, key), new byte[] {1}));
                ReadOptions options = new ReadOptions().setIterateUpperBound(bound);
                RocksIterator it = meta.iterator(Cf.VERSIONS, options)) {
            for (it.seek(prefix); it.isValid(); it.next()) {
                ObjectVersion version = RecordCodec.decodeVersion(it.value());
                if (wanted.test(version)) {
                    return new StoredVersion(it.key(), version);
                }
            }
        }
        return null;
    }
}
