package io.stowage.engine.store;

import io.stowage.engine.error.QuotaExceededException;
import io.stowage.engine.model.Bucket;
import io.stowage.engine.model.Quota;
import io.stowage.engine.model.Usage;
import io.stowage.engine.store.codec.KeyCodec;
import io.stowage.engine.store.meta.Batch;
import io.stowage.engine.store.meta.Cf;
import io.stowage.engine.store.meta.MetaStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bytes and objects of every bucket, and of every prefix with a quota, exactly: each write adds its change to the
 * counters of its bucket and of the quota'd prefixes of its key in the same batch as the object record, and an
 * in-memory copy admits writes against the quotas. Growth is reserved before the commit (so concurrent writers can
 * never overshoot a limit together) and shrinkage is applied after it (so a failed delete never frees room).
 */
final class UsageLedger {

    /** Whose usage a counter pair holds: a whole bucket (prefix "") or a prefix with a quota. */
    private record Scope(String bucket, String prefix) {

        byte[] bytesKey() {
            return prefix.isEmpty() ? KeyCodec.usageBytes(bucket) : KeyCodec.prefixUsageBytes(bucket, prefix);
        }

        byte[] objectsKey() {
            return prefix.isEmpty() ? KeyCodec.usageObjects(bucket) : KeyCodec.prefixUsageObjects(bucket, prefix);
        }

        String resource() {
            return prefix.isEmpty() ? bucket : bucket + "/" + prefix;
        }
    }

    /** What one write reserved, to be committed with it. */
    final class Reservation {
        private final List<Scope> scopes;
        private final Usage delta;

        private Reservation(List<Scope> scopes, Usage delta) {
            this.scopes = scopes;
            this.delta = delta;
        }

        /**
         * Adds the change to {@code batch} and runs {@code commit} (which commits the batch). The
         * reservation is kept when it succeeds and given back when it throws.
         */
        void commitWith(Batch batch, Runnable commit) {
            for (Scope scope : scopes) {
                if (delta.bytes() != 0) {
                    batch.add(Cf.USAGE, scope.bytesKey(), delta.bytes());
                }
                if (delta.objects() != 0) {
                    batch.add(Cf.USAGE, scope.objectsKey(), delta.objects());
                }
            }
            try {
                commit.run();
            } catch (RuntimeException e) {
                scopes.forEach(scope -> change(scope, growing(delta).negate()));
                throw e;
            }
            scopes.forEach(scope -> change(scope, shrinking(delta)));
        }
    }

    private final MetaStore meta;
    private final PrefixQuotas prefixQuotas;
    private final ConcurrentHashMap<Scope, Usage> usage = new ConcurrentHashMap<>();

    UsageLedger(MetaStore meta, PrefixQuotas prefixQuotas) {
        this.meta = meta;
        this.prefixQuotas = prefixQuotas;
    }

    Usage usage(String bucket) {
        return usage(new Scope(bucket, ""));
    }

    /** The usage under a prefix with a quota. */
    Usage usage(String bucket, String prefix) {
        return usage(new Scope(bucket, prefix));
    }

    /**
     * Reserves the growth of a write to {@code key} in its bucket and in every prefix quota the key falls under.
     *
     * @throws QuotaExceededException when the growth would take the bucket or one of those prefixes over its quota
     */
    Reservation reserve(Bucket bucket, String key, Usage delta) {
        List<Scope> scopes = new ArrayList<>();
        List<Quota> limits = new ArrayList<>();
        scopes.add(new Scope(bucket.name(), ""));
        limits.add(bucket.quota());
        for (Map.Entry<String, Quota> prefix : prefixQuotas.covering(bucket.name(), key).entrySet()) {
            scopes.add(new Scope(bucket.name(), prefix.getKey()));
            limits.add(prefix.getValue());
        }
        Usage growth = growing(delta);
        for (int i = 0; i < scopes.size(); i++) {
            try {
                reserve(scopes.get(i), limits.get(i), growth);
            } catch (QuotaExceededException e) {
                scopes.subList(0, i).forEach(reserved -> change(reserved, growth.negate()));
                throw e;
            }
        }
        return new Reservation(List.copyOf(scopes), delta);
    }

    private void reserve(Scope scope, Quota limit, Usage growth) {
        usage.compute(scope, (s, current) -> {
            Usage next = (current == null ? load(s) : current).plus(growth);
            if (growth.grows() && !limit.allows(next)) {
                throw new QuotaExceededException(s.resource());
            }
            return next;
        });
    }

    /** Adds the removal of a bucket's counters, and those of its prefix quotas, to its deletion batch. */
    void deleteIn(Batch batch, String bucket) {
        deleteIn(batch, new Scope(bucket, ""));
        prefixQuotas.of(bucket).keySet().forEach(prefix -> deleteIn(batch, new Scope(bucket, prefix)));
    }

    /** Adds the removal of a prefix's counters to the batch that removes its quota. */
    void deletePrefixIn(Batch batch, String bucket, String prefix) {
        deleteIn(batch, new Scope(bucket, prefix));
    }

    /** Forgets a deleted bucket's in-memory usage, its prefixes' included. */
    void forget(String bucket) {
        usage.keySet().removeIf(scope -> scope.bucket().equals(bucket));
    }

    /** Forgets the in-memory usage of a prefix whose quota was removed. */
    void forgetPrefix(String bucket, String prefix) {
        usage.remove(new Scope(bucket, prefix));
    }

    private Usage usage(Scope scope) {
        return usage.computeIfAbsent(scope, this::load);
    }

    private static void deleteIn(Batch batch, Scope scope) {
        batch.delete(Cf.USAGE, scope.bytesKey()).delete(Cf.USAGE, scope.objectsKey());
    }

    private void change(Scope scope, Usage delta) {
        if (delta.bytes() != 0 || delta.objects() != 0) {
            usage.compute(scope, (s, current) -> (current == null ? load(s) : current).plus(delta));
        }
    }

    private Usage load(Scope scope) {
        return new Usage(meta.counter(Cf.USAGE, scope.bytesKey()), meta.counter(Cf.USAGE, scope.objectsKey()));
    }

    private static Usage growing(Usage delta) {
        return new Usage(Math.max(0, delta.bytes()), Math.max(0, delta.objects()));
    }

    private static Usage shrinking(Usage delta) {
        return new Usage(Math.min(0, delta.bytes()), Math.min(0, delta.objects()));
    }
}
