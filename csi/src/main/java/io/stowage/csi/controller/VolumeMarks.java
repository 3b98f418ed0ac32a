package io.stowage.csi.controller;

import io.stowage.backend.BackendException;
import io.stowage.backend.BucketBackend;
import io.stowage.backend.s3.S3ObjectClient;
import io.stowage.csi.BucketNames;
import io.stowage.csi.VolumeHandle;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The marks that say CreateVolume made a bucket or a prefix: DeleteVolume deletes only what carries one, so a bucket
 * or prefix that existed before, with someone's data in it, is never purged because a volume got its name.
 *
 * <p>A volume's own bucket carries the tag {@value #TAG} with the CSI volume name. A volume in a shared bucket has
 * the marker object {@code .stowage-csi-volumes/<prefix>} in that bucket, outside every volume's prefix (prefixes
 * never start with a '.'), so no mount of the volume shows it and no prefix quota counts it.
 */
final class VolumeMarks {

    static final String TAG = "stowage.io/csi-volume";
    static final String MARKER_FOLDER = ".stowage-csi-volumes/";

    private VolumeMarks() {
    }

    /** Whether the bucket carries the tag of the volume it is named after. */
    static boolean bucketMarked(BucketBackend backend, String bucket) {
        String volume = backend.bucketTags(bucket).get(TAG);
        return volume != null && BucketNames.derive(volume, BucketNames.MAX_LENGTH).equals(bucket);
    }

    /** Whether the bucket has no tags at all, ours or anyone's. */
    static boolean bucketUntagged(BucketBackend backend, String bucket) {
        return backend.bucketTags(bucket).isEmpty();
    }

    static void markBucket(BucketBackend backend, String bucket, String volumeName) {
        backend.setBucketTags(bucket, Map.of(TAG, volumeName));
    }

    /** The key of the marker object of a volume in a shared bucket. */
    static String markerKey(VolumeHandle handle) {
        String prefix = handle.objectPrefix();
        return MARKER_FOLDER + prefix.substring(0, prefix.length() - 1);
    }

    /** Whether the marker is there; a shared bucket that does not exist holds none. */
    static boolean prefixMarked(S3ObjectClient s3, VolumeHandle handle) {
        String key = markerKey(handle);
        try {
            return s3.listObjects(handle.bucket(), key, null, 1).objects().stream().anyMatch(o -> o.key().equals(key));
        } catch (BackendException e) {
            if (e.reason() == BackendException.Reason.NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    /** Writes the marker, the CSI volume name as its content for whoever lists the bucket. */
    static void markPrefix(S3ObjectClient s3, VolumeHandle handle, String volumeName) {
        s3.putObject(handle.bucket(), markerKey(handle), volumeName.getBytes(StandardCharsets.UTF_8));
    }

    static void unmarkPrefix(S3ObjectClient s3, VolumeHandle handle) {
        s3.deleteObjects(handle.bucket(), List.of(markerKey(handle)));
    }

    /** Whether no object's key starts with {@code prefix} ("" for the whole bucket). */
    static boolean empty(S3ObjectClient s3, String bucket, String prefix) {
        return s3.listObjects(bucket, prefix, null, 1).objects().isEmpty();
    }
}
