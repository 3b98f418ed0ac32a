package io.stowage.engine.store.listing;

import io.stowage.engine.model.ListObjectsRequest;
import io.stowage.engine.model.ObjectListing;
import io.stowage.engine.model.ObjectVersion;
import io.stowage.engine.store.codec.KeyCodec;
import io.stowage.engine.store.codec.RecordCodec;
import io.stowage.engine.store.meta.Cf;
import io.stowage.engine.store.meta.MetaStore;
import java.util.ArrayList;
import java.util.List;
import org.rocksdb.RocksIterator;

/** One page of current objects: delete markers are skipped, common prefixes are seeked past, not walked. */
public final class ObjectLister {

    private final MetaStore meta;

    public ObjectLister(MetaStore meta) {
        this.meta = meta;
    }

    /** The caller has checked that the bucket exists. */
    public ObjectListing list(ListObjectsRequest request) {
        List<ObjectVersion> objects = new ArrayList<>();
        List<String> commonPrefixes = new ArrayList<>();
        if (request.maxKeys() <= 0) {
            return new ObjectListing(objects, commonPrefixes, false, null);
        }
        byte[] marker = request.startAfter() == null ? null : KeyCodec.utf8(request.startAfter());
        byte[] last = null;
        boolean truncated = false;
        try (ListingScope scope = new ListingScope(request.bucket(), request.prefix(), request.delimiter());
                RocksIterator it = meta.iterator(Cf.OBJECTS, scope.readOptions())) {
            scope.seek(it, marker, false);
            for (byte[] key = scope.key(it); key != null; key = scope.key(it)) {
                byte[] commonPrefix = scope.commonPrefix(key);
                if (commonPrefix != null && ListingScope.coveredByMarker(commonPrefix, marker)) {
                    scope.seekPast(it, commonPrefix);
                    continue;
                }
                if (RecordCodec.isDeleteMarker(it.value())) {
                    it.next();
                    continue;
                }
                if (objects.size() + commonPrefixes.size() == request.maxKeys()) {
                    truncated = true;
                    break;
                }
                if (commonPrefix != null) {
                    commonPrefixes.add(KeyCodec.string(commonPrefix));
                    last = commonPrefix;
                    scope.seekPast(it, commonPrefix);
                } else {
                    objects.add(RecordCodec.decodeVersion(it.value()));
                    last = key;
                    it.next();
                }
            }
        }
        return new ObjectListing(objects, commonPrefixes, truncated, truncated ? KeyCodec.string(last) : null);
    }
}
