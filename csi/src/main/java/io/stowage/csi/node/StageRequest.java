package io.stowage.csi.node;

import java.nio.file.Path;
import java.util.List;

/**
 * Mount a bucket (or a prefix in it) with a FUSE mounter at a volume's staging path.
 *
 * @param prefix the key prefix the volume is, without slashes at either end; "" for the whole bucket
 * @param mounter s3fs, rclone or geesefs
 * @param options extra mounter options, one argument each, appended after the driver's own
 * @param readOnly mount read-only
 */
public record StageRequest(String volumeId, String bucket, String prefix, Path stagingPath, String mounter,
                           List<String> options, S3Access access, boolean readOnly) {

    public StageRequest {
        prefix = prefix == null ? "" : prefix;
        options = options == null ? List.of() : List.copyOf(options);
    }
}
