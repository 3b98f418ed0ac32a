package io.stowage.engine.store.listing;

import io.stowage.engine.model.ListVersionsRequest;
import io.stowage.engine.model.ObjectVersion;
import io.stowage.engine.model.VersionListing;
import io.stowage.engine.store.codec.KeyCodec;
import io.stowage.engine.store.codec.RecordCodec;
import io.stowage.engine.store.meta.Cf;
import io.stowage.engine.store.meta.MetaStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rocksdb.RocksIterator;

/**
 * One page of versions: walks the objects CF (current versions) and the versions CF (older ones)
 * side by side in key order; per key the current version comes first, then the older ones in
 * versionSortKey order.
 */
public final class VersionLister {

    private final MetaStore meta;

    public VersionLister(MetaStore meta) {
        this.meta = meta;
    }

    /** The caller has checked that the bucket exists. */
    public VersionListing list(ListVersionsRequest request) {
        Page page = new Page(request.maxKeys());
        if (request.maxKeys() <= 0) {
            return page.listing();
        }
        byte[] marker = request.keyMarker() == null ? null : KeyCodec.utf8(request.keyMarker());
        String versionMarker = marker == null ? null : request.versionIdMarker();
        try (ListingScope scope = new ListingScope(request.bucket(), request.prefix(), request.delimiter());
                RocksIterator current = meta.iterator(Cf.OBJECTS, scope.readOptions());
                RocksIterator older = meta.iterator(Cf.VERSIONS, scope.readOptions())) {
            scope.seek(current, marker, versionMarker != null);
            scope.seek(older, marker, versionMarker != null);
            for (byte[] key = first(scope.key(current), scope.key(older)); key != null;
                    key = first(scope.key(current), scope.key(older))) {
                byte[] commonPrefix = scope.commonPrefix(key);
                if (commonPrefix != null) {
                    if (!ListingScope.coveredByMarker(commonPrefix, marker) && !page.addPrefix(commonPrefix)) {
                        break;
                    }
                    scope.seekPast(current, commonPrefix);
                    scope.seekPast(older, commonPrefix);
                    continue;
                }
                page.skipThrough(Arrays.equals(key, marker) ? versionMarker : null);
                if (Arrays.equals(scope.key(current), key)) {
                    if (!page.addVersion(key, RecordCodec.decodeVersion(current.value()), true)) {
                        break;
                    }
                    current.next();
                }
                while (Arrays.equals(scope.key(older), key)) {
                    if (!page.addVersion(key, RecordCodec.decodeVersion(older.value()), false)) {
                        return page.listing();
                    }
                    older.next();
                }
            }
        }
        return page.listing();
    }

    /** The smaller of two keys; null means exhausted. */
    private static byte[] first(byte[] a, byte[] b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return Arrays.compareUnsigned(a, b) <= 0 ? a : b;
    }

    /** The entries collected so far and where the page ends. */
    private static final class Page {
        private final int maxKeys;
        private final List<VersionListing.Entry> versions = new ArrayList<>();
        private final List<String> commonPrefixes = new ArrayList<>();
        private boolean truncated;
        private String lastKey;
        private String lastVersionId;
        private String skipThroughVersionId;

        Page(int maxKeys) {
            this.maxKeys = maxKeys;
        }

        /** Drops the coming versions of the current key up to and including this id (null: none). */
        void skipThrough(String versionId) {
            skipThroughVersionId = versionId;
        }

        boolean addPrefix(byte[] commonPrefix) {
            if (full()) {
                return false;
            }
            commonPrefixes.add(KeyCodec.string(commonPrefix));
            lastKey = KeyCodec.string(commonPrefix);
            lastVersionId = null;
            return true;
        }

        /** Adds a version unless skipped; false when the page is full (and so truncated). */
        boolean addVersion(byte[] key, ObjectVersion version, boolean latest) {
            if (skipThroughVersionId != null) {
                if (skipThroughVersionId.equals(version.versionId())) {
                    skipThroughVersionId = null;
                }
                return true;
            }
            if (full()) {
                return false;
            }
            versions.add(new VersionListing.Entry(version, latest));
            lastKey = KeyCodec.string(key);
            lastVersionId = version.versionId();
            return true;
        }

        private boolean full() {
            truncated = versions.size() + commonPrefixes.size() >= maxKeys;
            return truncated;
        }

        VersionListing listing() {
            return truncated
                    ? new VersionListing(versions, commonPrefixes, true, lastKey, lastVersionId)
                    : new VersionListing(versions, commonPrefixes, false, null, null);
        }
    }
}
