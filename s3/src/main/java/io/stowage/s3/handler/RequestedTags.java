package io.stowage.s3.handler;

import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import io.stowage.s3.router.S3Operation;
import io.stowage.s3.tagging.TagSet;
import java.util.Map;

/**
 * The tags a write gives its object: x-amz-tagging on PutObject, CreateMultipartUpload and CopyObject (with
 * x-amz-tagging-directive REPLACE; COPY, the default, keeps the source's). Tagging on a write needs
 * s3:PutObjectTagging besides s3:PutObject, as in S3.
 */
final class RequestedTags {

    private RequestedTags() {
    }

    /** The tags of x-amz-tagging, or none without the header. */
    static Map<String, String> of(S3Request request) {
        String header = request.header("x-amz-tagging");
        if (header == null) {
            return Map.of();
        }
        TagSet tags = TagSet.parseHeader(header);
        request.access().check(S3Operation.PUT_OBJECT_TAGGING, request.bucket(), request.key());
        return tags.tags();
    }

    /** The tags of a copy: the source's, or with REPLACE those of x-amz-tagging. */
    static Map<String, String> ofCopy(S3Request request, Map<String, String> sourceTags) {
        String directive = request.header("x-amz-tagging-directive");
        if (directive == null || directive.strip().equals("COPY")) {
            return sourceTags;
        }
        if (!directive.strip().equals("REPLACE")) {
            throw new S3Exception(S3ErrorCode.InvalidArgument, "Unknown tagging directive.");
        }
        return of(request);
    }
}
