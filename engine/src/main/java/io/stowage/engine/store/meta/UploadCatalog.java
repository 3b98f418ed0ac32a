package io.stowage.engine.store.meta;

import io.stowage.engine.model.MultipartUpload;
import io.stowage.engine.model.Part;
import io.stowage.engine.model.UploadRef;
import io.stowage.engine.store.codec.KeyCodec;
import io.stowage.engine.store.codec.RecordCodec;
import java.util.ArrayList;
import java.util.List;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksIterator;

/** Typed reads of multipart uploads in progress and their parts. */
public final class UploadCatalog {

    private final MetaStore meta;

    public UploadCatalog(MetaStore meta) {
        this.meta = meta;
    }

    /** The upload, or null when it is not in progress for that key. */
    public MultipartUpload upload(String bucket, byte[] key, String uploadId) {
        byte[] record = meta.get(Cf.UPLOADS, KeyCodec.upload(bucket, key, uploadId));
        return record == null ? null : RecordCodec.decodeUpload(record);
    }

    public Part part(String uploadId, int number) {
        byte[] record = meta.get(Cf.PARTS, KeyCodec.part(uploadId, number));
        return record == null ? null : RecordCodec.decodePart(record);
    }

    /** Parts with numbers above {@code afterNumber}, in order, at most {@code limit}. */
    public List<Part> parts(String uploadId, int afterNumber, int limit) {
        List<Part> parts = new ArrayList<>();
        byte[] prefix = KeyCodec.partPrefix(uploadId);
        try (ReadOptions options = new ReadOptions(); RocksIterator it = meta.iterator(Cf.PARTS, options)) {
            for (it.seek(KeyCodec.part(uploadId, afterNumber + 1)); it.isValid() && KeyCodec.startsWith(it.key(), prefix)
                    && parts.size() < limit; it.next()) {
                parts.add(RecordCodec.decodePart(it.value()));
            }
        }
        return parts;
    }

    /** Uploads whose key in the uploads CF starts with {@code prefix} (a bucket prefix, or empty for all). */
    public List<UploadRef> uploads(byte[] prefix, long initiatedBefore, int limit) {
        List<UploadRef> found = new ArrayList<>();
        try (ReadOptions options = new ReadOptions(); RocksIterator it = meta.iterator(Cf.UPLOADS, options)) {
            for (it.seek(prefix); it.isValid() && KeyCodec.startsWith(it.key(), prefix) && found.size() < limit; it.next()) {
                MultipartUpload upload = RecordCodec.decodeUpload(it.value());
                if (upload.initiatedMillis() < initiatedBefore) {
                    found.add(new UploadRef(bucketOf(it.key()), upload.key(), upload.uploadId()));
                }
            }
        }
        return found;
    }

    private static String bucketOf(byte[] uploadKey) {
        int end = 0;
        while (uploadKey[end] != 0) {
            end++;
        }
        return KeyCodec.string(java.util.Arrays.copyOf(uploadKey, end));
    }
}
