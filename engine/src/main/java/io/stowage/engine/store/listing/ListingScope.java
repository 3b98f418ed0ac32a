package io.stowage.engine.store.listing;

import io.stowage.engine.error.StorageException;
import io.stowage.engine.store.codec.KeyCodec;
import java.util.Arrays;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;

/**
 * The key range of one listing (bucket, prefix) and its delimiter arithmetic, shared by the
 * objects and versions column families (their keys both start with {@code bucket 0x00 key}).
 * UTF-8 never contains 0xFF, so {@code x 0xFF} sorts after every key starting with {@code x}.
 */
final class ListingScope implements AutoCloseable {

    private static final byte[] AFTER_ALL = {(byte) 0xFF};
    /** Keys never contain 0x00, so {@code key 0x01} sorts after the key and all its versions. */
    private static final byte[] AFTER_KEY = {1};

    private final byte[] bucketPrefix;
    private final byte[] prefix;
    private final byte[] delimiter;
    private final Slice upperBound;
    private final ReadOptions readOptions;

    ListingScope(String bucket, String prefix, String delimiter) {
        this.bucketPrefix = KeyCodec.bucketPrefix(bucket);
        this.prefix = prefix == null ? new byte[0] : KeyCodec.utf8(prefix);
        this.delimiter = delimiter == null || delimiter.isEmpty() ? null : KeyCodec.utf8(delimiter);
        this.upperBound = new Slice(KeyCodec.concat(bucketPrefix, this.prefix, AFTER_ALL));
        this.readOptions = new ReadOptions().setIterateUpperBound(upperBound);
    }

    ReadOptions readOptions() {
        return readOptions;
    }

    /**
     * Positions at the first entry of the scope that is after {@code marker}'s key and all its
     * versions, or at {@code marker}'s first entry when {@code inclusive}; null marker for none.
     */
    void seek(RocksIterator it, byte[] marker, boolean inclusive) {
        byte[] start = KeyCodec.concat(bucketPrefix, prefix);
        if (marker != null) {
            byte[] fromMarker = KeyCodec.concat(bucketPrefix, marker, inclusive ? new byte[0] : AFTER_KEY);
            if (Arrays.compareUnsigned(fromMarker, start) > 0) {
                start = fromMarker;
            }
        }
        it.seek(start);
    }

    /** Positions after every entry whose key starts with {@code commonPrefix}. */
    void seekPast(RocksIterator it, byte[] commonPrefix) {
        it.seek(KeyCodec.concat(bucketPrefix, commonPrefix, AFTER_ALL));
    }

    /** The object key of the entry the iterator is at, or null at the end of the scope. */
    byte[] key(RocksIterator it) {
        if (it.isValid()) {
            return KeyCodec.logicalKey(it.key(), bucketPrefix.length);
        }
        try {
            it.status();
        } catch (RocksDBException e) {
            throw new StorageException("listing failed", e);
        }
        return null;
    }

    /** The common prefix {@code key} rolls up into: prefix + remainder up to and including the delimiter, or null. */
    byte[] commonPrefix(byte[] key) {
        if (delimiter == null) {
            return null;
        }
        int at = indexOf(key, delimiter, prefix.length);
        return at < 0 ? null : Arrays.copyOf(key, at + delimiter.length);
    }

    /** Whether a common prefix is at or before the marker, i.e. was returned by an earlier page. */
    static boolean coveredByMarker(byte[] commonPrefix, byte[] marker) {
        return marker != null && KeyCodec.startsWith(marker, commonPrefix);
    }

    private static int indexOf(byte[] bytes, byte[] needle, int from) {
        for (int i = from; i <= bytes.length - needle.length; i++) {
            if (Arrays.equals(bytes, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void close() {
        readOptions.close();
        upperBound.close();
    }
}
