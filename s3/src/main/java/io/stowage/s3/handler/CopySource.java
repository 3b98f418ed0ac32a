package io.stowage.s3.handler;

import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import io.stowage.s3.router.PercentDecoder;

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
}
