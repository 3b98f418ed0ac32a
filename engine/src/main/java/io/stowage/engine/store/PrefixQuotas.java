package io.stowage.engine.store;

import io.stowage.engine.model.Quota;
import io.stowage.engine.store.codec.KeyCodec;
import io.stowage.engine.store.codec.RecordCodec;
import io.stowage.engine.store.meta.Batch;
import io.stowage.engine.store.meta.Cf;
import io.stowage.engine.store.meta.MetaStore;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksIterator;

/**
 * The prefix quotas of every bucket, stored in {@link Cf#PREFIX_QUOTAS} and cached per bucket as an immutable map that a
 * committed change replaces. Prefixes end with '/', so the quotas a key falls under are found with one lookup per '/'
 * in the key, however many quotas the bucket has.
 */
final class PrefixQuotas {

    /** So that a bucket's quotas stay a small map to copy and to list. */
    static final int MAX_PER_BUCKET = 10_000;

    private final MetaStore meta;
    private final ConcurrentHashMap<String, Map<String, Quota>> byBucket = new ConcurrentHashMap<>();

    PrefixQuotas(MetaStore meta) {
        this.meta = meta;
    }

    /** The bucket's prefix quotas by prefix. */
    Map<String, Quota> of(String bucket) {
        return byBucket.computeIfAbsent(bucket, this::load);
    }

    /** The prefix quotas {@code key} falls under, shortest prefix first. */
    Map<String, Quota> covering(String bucket, String key) {
        Map<String, Quota> quotas = of(bucket);
        if (quotas.isEmpty()) {
            return Map.of();
        }
        Map<String, Quota> found = new LinkedHashMap<>();
        for (int slash = key.indexOf('/'); slash >= 0; slash = key.indexOf('/', slash + 1)) {
            String prefix = key.substring(0, slash + 1);
            Quota quota = quotas.get(prefix);
            if (quota != null) {
                found.put(prefix, quota);
            }
        }
        return found;
    }

    void putIn(Batch batch, String bucket, String prefix, Quota quota) {
        batch.put(Cf.PREFIX_QUOTAS, KeyCodec.prefixQuota(bucket, prefix), RecordCodec.encode(quota));
    }

    void deleteIn(Batch batch, String bucket, String prefix) {
        batch.delete(Cf.PREFIX_QUOTAS, KeyCodec.prefixQuota(bucket, prefix));
    }

    /** Adds the removal of all the bucket's prefix quotas to its deletion batch. */
    void deleteAllIn(Batch batch, String bucket) {
        of(bucket).keySet().forEach(prefix -> deleteIn(batch, bucket, prefix));
    }

    /** Takes in a committed change: the prefix's quota is now {@code quota}, or none when it is null. */
    void changed(String bucket, String prefix, Quota quota) {
        byBucket.compute(bucket, (name, current) -> {
            if (current == null) {
                return load(name);
            }
            Map<String, Quota> next = new HashMap<>(current);
            if (quota == null) {
                next.remove(prefix);
            } else {
                next.put(prefix, quota);
            }
            return Map.copyOf(next);
        });
    }

    /** Forgets a deleted bucket's quotas. */
    void forget(String bucket) {
        byBucket.remove(bucket);
    }

    private Map<String, Quota> load(String bucket) {
        byte[] start = KeyCodec.bucketPrefix(bucket);
        Map<String, Quota> quotas = new HashMap<>();
        try (ReadOptions options = new ReadOptions(); RocksIterator it = meta.iterator(Cf.PREFIX_QUOTAS, options)) {
            for (it.seek(start); it.isValid() && KeyCodec.startsWith(it.key(), start); it.next()) {
                byte[] key = it.key();
                String prefix = KeyCodec.string(Arrays.copyOfRange(key, start.length, key.length));
                quotas.put(prefix, RecordCodec.decodeQuota(it.value()));
            }
        }
        return Map.copyOf(quotas);
    }
}
