package io.stowage.s3.handler;

import io.stowage.engine.Engine;
import io.stowage.engine.model.ObjectVersion;
import io.stowage.engine.model.OpenedObject;
import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import io.stowage.s3.router.PercentDecoder;
import java.io.IOException;

/** The parsed x-amz-copy-source header of CopyObject and UploadPartCopy. */
record CopySource(String bucket, String key, String versionId) {

    static CopySource parse(String header) {
        String value = header.trim();
        String versionId = null;
        int q = value.indexOf("?versionId=");
        if (q >= 0) {
            versionId = PercentDecoder.decode(value.substring(q + "?versionId=".length()), true);
            value = value.substring(0, q);
        }
        String path = PercentDecoder.decode(value, false);
        if (path.startsWith("/")) {
            path = path.substring(1);
        }
        int slash = path.indexOf('/');
        if (slash <= 0 || slash == path.length() - 1) {
            throw new S3Exception(S3ErrorCode.InvalidArgument, "Copy Source must mention the source bucket and key: sourcebucket/sourcekey");
        }
        return new CopySource(path.substring(0, slash), path.substring(slash + 1), versionId);
    }

    /**
     * Opens the source for a copy: a delete marker is NoSuchKey, and the
     * x-amz-copy-source-if-* conditions must hold (412 otherwise). The caller closes it.
     */
    OpenedObject open(Engine engine, S3Request request) throws IOException {
        OpenedObject opened = engine.open(bucket, key, versionId);
        try {
            ObjectVersion v = opened.version();
            if (v.deleteMarker() && versionId != null) {
                throw new S3Exception(S3ErrorCode.InvalidRequest,
                        "The source of a copy request may not specifically refer to a delete marker by version id.");
            }
            if (v.deleteMarker()) {
                throw new S3Exception(S3ErrorCode.NoSuchKey, S3ErrorCode.NoSuchKey.defaultMessage(), key);
            }
            Preconditions.evaluateCopySource(v,
                    request.header("x-amz-copy-source-if-match"), request.header("x-amz-copy-source-if-none-match"),
                    request.header("x-amz-copy-source-if-modified-since"), request.header("x-amz-copy-source-if-unmodified-since"));
            return opened;
        } catch (RuntimeException e) {
            opened.close();
            throw e;
        }
    }
}
