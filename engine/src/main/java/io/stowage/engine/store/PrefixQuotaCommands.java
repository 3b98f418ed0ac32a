package io.stowage.engine.store;

import io.stowage.engine.command.DeletePrefixQuota;
import io.stowage.engine.command.SetPrefixQuota;
import io.stowage.engine.error.ConflictException;
import io.stowage.engine.error.InvalidInputException;
import io.stowage.engine.error.InvalidObjectNameException;
import io.stowage.engine.error.NoSuchBucketException;
import io.stowage.engine.error.PrefixNotEmptyException;
import io.stowage.engine.model.PrefixQuota;
import io.stowage.engine.model.Quota;
import io.stowage.engine.store.codec.KeyCodec;
import io.stowage.engine.store.lock.LockTable;
import io.stowage.engine.store.meta.Batch;
import io.stowage.engine.store.meta.Catalog;
import io.stowage.engine.store.meta.Cf;
import io.stowage.engine.store.meta.MetaStore;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Applies SetPrefixQuota and DeletePrefixQuota under the bucket's exclusive lock, so no write is in flight while a
 * prefix's quota and counters appear or go. A new quota needs an empty prefix: its counters then start at zero and
 * never need a scan.
 */
final class PrefixQuotaCommands {

    private final MetaStore meta;
    private final Catalog catalog;
    private final LockTable locks;
    private final PrefixQuotas quotas;
    private final UsageLedger usage;
    private final int maxPerBucket;

    PrefixQuotaCommands(MetaStore meta, Catalog catalog, LockTable locks, PrefixQuotas quotas, UsageLedger usage,
            int maxPerBucket) {
        this.meta = meta;
        this.catalog = catalog;
        this.locks = locks;
        this.quotas = quotas;
        this.usage = usage;
        this.maxPerBucket = maxPerBucket;
    }

    void set(SetPrefixQuota command) {
        String bucket = command.bucket();
        String prefix = validPrefix(bucket, command.prefix());
        locks.underBucket(bucket, () -> {
            requireBucket(bucket);
            Map<String, Quota> existing = quotas.of(bucket);
            if (!existing.containsKey(prefix)) {
                if (existing.size() >= maxPerBucket) {
                    throw new ConflictException("a bucket has at most " + maxPerBucket
                            + " prefix quotas: delete one first", bucket);
                }
                byte[] under = KeyCodec.object(bucket, KeyCodec.utf8(prefix));
                if (meta.anyWithPrefix(Cf.OBJECTS, under) || meta.anyWithPrefix(Cf.VERSIONS, under)) {
                    throw new PrefixNotEmptyException(bucket + "/" + prefix);
                }
            }
            try (Batch batch = meta.batch()) {
                quotas.putIn(batch, bucket, prefix, command.quota());
                batch.commit(true);
            }
            quotas.changed(bucket, prefix, command.quota());
            return null;
        });
    }

    void delete(DeletePrefixQuota command) {
        String bucket = command.bucket();
        String prefix = validPrefix(bucket, command.prefix());
        locks.underBucket(bucket, () -> {
            requireBucket(bucket);
            if (!quotas.of(bucket).containsKey(prefix)) {
                return null;
            }
            try (Batch batch = meta.batch()) {
                quotas.deleteIn(batch, bucket, prefix);
                usage.deletePrefixIn(batch, bucket, prefix);
                batch.commit(true);
            }
            quotas.changed(bucket, prefix, null);
            usage.forgetPrefix(bucket, prefix);
            return null;
        });
    }

    /** The bucket's prefix quotas with their usage, by prefix. */
    List<PrefixQuota> list(String bucket) {
        requireBucket(bucket);
        return quotas.of(bucket).entrySet().stream()
                .map(e -> new PrefixQuota(e.getKey(), e.getValue(), usage.usage(bucket, e.getKey())))
                .sorted(Comparator.comparing(PrefixQuota::prefix))
                .toList();
    }

    private static String validPrefix(String bucket, String prefix) {
        if (prefix == null || prefix.isEmpty() || !prefix.endsWith("/")) {
            throw new InvalidInputException("a prefix quota's prefix is not empty and ends with '/'",
                    bucket + "/" + prefix);
        }
        try {
            KeyCodec.validKey(prefix);
        } catch (InvalidObjectNameException e) {
            throw new InvalidInputException("a prefix quota's prefix is a valid object key (at most "
                    + KeyCodec.MAX_KEY_BYTES + " bytes of UTF-8, no U+0000)", bucket + "/" + prefix);
        }
        return prefix;
    }

    private void requireBucket(String bucket) {
        if (catalog.bucket(bucket).isEmpty()) {
            throw new NoSuchBucketException(bucket);
        }
    }
}
