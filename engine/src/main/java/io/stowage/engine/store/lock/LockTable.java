package io.stowage.engine.store.lock;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Serializes commands: bucket commands exclude everything in their bucket; object commands share
 * the bucket and exclude each other per key stripe, so writes to different keys commit concurrently.
 */
public final class LockTable {

    private static final int STRIPES = 1024;

    private final ConcurrentHashMap<String, ReadWriteLock> buckets = new ConcurrentHashMap<>();
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

    public LockTable() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    public <T> T underBucket(String bucket, Supplier<T> action) {
        ReadWriteLock lock = bucketLock(bucket);
        lock.writeLock().lock();
        try {
            return action.get();
        } finally {
            lock.writeLock().unlock();
        }
    }

    public <T> T underKey(String bucket, String key, Supplier<T> action) {
        ReadWriteLock lock = bucketLock(bucket);
        lock.readLock().lock();
        try {
            int hash = 31 * bucket.hashCode() + key.hashCode();
            ReentrantLock stripe = stripes[Math.floorMod(hash ^ (hash >>> 16), STRIPES)];
            stripe.lock();
            try {
                return action.get();
            } finally {
                stripe.unlock();
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    private ReadWriteLock bucketLock(String bucket) {
        return buckets.computeIfAbsent(bucket, name -> new ReentrantReadWriteLock());
    }
}
