package io.stowage.engine.store.listing;

import io.stowage.engine.model.ListUploadsRequest;
import io.stowage.engine.model.MultipartUpload;
import io.stowage.engine.model.UploadListing;
import io.stowage.engine.store.codec.KeyCodec;
import io.stowage.engine.store.codec.RecordCodec;
import io.stowage.engine.store.meta.Cf;
import io.stowage.engine.store.meta.MetaStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rocksdb.RocksIterator;

/** One page of uploads in progress: by key, then by upload id (initiation order); prefixes collapsed. */
public final class UploadLister {

    private final MetaStore meta;

    public UploadLister(MetaStore meta) {
        this.meta = meta;
    }

    /** The caller has checked that the bucket exists. */
    public UploadListing list(ListUploadsRequest request) {
        List<MultipartUpload> uploads = new ArrayList<>();
        List<String> commonPrefixes = new ArrayList<>();
        if (request.maxUploads() <= 0) {
            return new UploadListing(uploads, commonPrefixes, false, null, null);
        }
        byte[] marker = request.keyMarker() == null ? null : KeyCodec.utf8(request.keyMarker());
        String uploadIdMarker = marker == null ? null : request.uploadIdMarker();
        String lastKey = null;
        String lastUploadId = null;
        boolean truncated = false;
        try (ListingScope scope = new ListingScope(request.bucket(), request.prefix(), request.delimiter());
                RocksIterator it = meta.iterator(Cf.UPLOADS, scope.readOptions())) {
            scope.seek(it, marker, uploadIdMarker != null);
            for (byte[] key = scope.key(it); key != null; key = scope.key(it)) {
                byte[] commonPrefix = scope.commonPrefix(key);
                if (commonPrefix != null && ListingScope.coveredByMarker(commonPrefix, marker)) {
                    scope.seekPast(it, commonPrefix);
                    continue;
                }
                MultipartUpload upload = commonPrefix == null ? RecordCodec.decodeUpload(it.value()) : null;
                if (upload != null && uploadIdMarker != null && Arrays.equals(key, marker)
                        && upload.uploadId().compareTo(uploadIdMarker) <= 0) {
                    it.next();
                    continue;
                }
                if (uploads.size() + commonPrefixes.size() == request.maxUploads()) {
                    truncated = true;
                    break;
                }
                if (commonPrefix != null) {
                    commonPrefixes.add(KeyCodec.string(commonPrefix));
                    lastKey = KeyCodec.string(commonPrefix);
                    lastUploadId = null;
                    scope.seekPast(it, commonPrefix);
                } else {
                    uploads.add(upload);
                    lastKey = upload.key();
                    lastUploadId = upload.uploadId();
                    it.next();
                }
            }
        }
        return truncated
                ? new UploadListing(uploads, commonPrefixes, true, lastKey, lastUploadId)
                : new UploadListing(uploads, commonPrefixes, false, null, null);
    }
}
