package io.stowage.engine.store;

import io.stowage.engine.error.QuotaExceededException;
import io.stowage.engine.model.Bucket;
import io.stowage.engine.model.Usage;
import io.stowage.engine.store.codec.KeyCodec;
import io.stowage.engine.store.meta.Batch;
import io.stowage.engine.store.meta.Cf;
import io.stowage.engine.store.meta.MetaStore;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bytes and objects of every bucket, exactly: each write adds its change to the bucket's
 * counters in the same batch as the object record, and an in-memory copy admits writes against
 * the quota. Growth is reserved before the commit (so concurrent writers can never overshoot a
 * limit together) and shrinkage is applied after it (so a failed delete never frees room).
 */
final class UsageLedger {

    /** What one write reserved, to be committed with it. */
    final class Reservation {
        private final String bucket;
        private final Usage delta;

        private Reservation(String bucket, Usage delta) {
            this.bucket = bucket;
            this.delta = delta;
        }

        /**
         * Adds the change to {@code batch} and runs {@code commit} (which commits the batch). The
         * reservation is kept when it succeeds and given back when it throws.
         */
        void commitWith(Batch batch, Runnable commit) {
            if (delta.bytes() != 0) {
                batch.add(Cf.USAGE, KeyCodec.usageBytes(bucket), delta.bytes());
            }
            if (delta.objects() != 0) {
                batch.add(Cf.USAGE, KeyCodec.usageObjects(bucket), delta.objects());
            }
            try {
                commit.run();
            } catch (RuntimeException e) {
                change(bucket, growing(delta).negate());
                throw e;
            }
            change(bucket, shrinking(delta));
        }
    }

    private final MetaStore meta;
    private final ConcurrentHashMap<String, Usage> usage = new ConcurrentHashMap<>();

    UsageLedger(MetaStore meta) {
        this.meta = meta;
    }

    Usage usage(String bucket) {
        return usage.computeIfAbsent(bucket, this::load);
    }

    /** @throws QuotaExceededException when the growth would take the bucket over its quota */
    Reservation reserve(Bucket bucket, Usage delta) {
        Usage growth = growing(delta);
        usage.compute(bucket.name(), (name, current) -> {
            Usage base = current == null ? load(name) : current;
            Usage next = base.plus(growth);
            if (growth.grows() && !bucket.quota().allows(next)) {
                throw new QuotaExceededException(name);
            }
            return next;
        });
        return new Reservation(bucket.name(), delta);
    }

    /** Adds the removal of a bucket's counters to its deletion batch. */
    void deleteIn(Batch batch, String bucket) {
        batch.delete(Cf.USAGE, KeyCodec.usageBytes(bucket)).delete(Cf.USAGE, KeyCodec.usageObjects(bucket));
    }

    /** Forgets a deleted bucket's in-memory usage. */
    void forget(String bucket) {
        usage.remove(bucket);
    }

    private void change(String bucket, Usage delta) {
        if (delta.bytes() != 0 || delta.objects() != 0) {
            usage.compute(bucket, (name, current) -> (current == null ? load(name) : current).plus(delta));
        }
    }

    private Usage load(String bucket) {
        return new Usage(meta.counter(Cf.USAGE, KeyCodec.usageBytes(bucket)),
                meta.counter(Cf.USAGE, KeyCodec.usageObjects(bucket)));
    }

    private static Usage growing(Usage delta) {
        return new Usage(Math.max(0, delta.bytes()), Math.max(0, delta.objects()));
    }

    private static Usage shrinking(Usage delta) {
        return new Usage(Math.min(0, delta.bytes()), Math.min(0, delta.objects()));
    }
}
