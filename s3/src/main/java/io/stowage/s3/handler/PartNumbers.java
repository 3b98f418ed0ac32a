package io.stowage.s3.handler;

import io.stowage.engine.model.Part;
import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;

/** The partNumber query parameter of UploadPart, UploadPartCopy, GetObject and HeadObject. */
final class PartNumbers {

    static final String INVALID = "Part number must be an integer between 1 and 10000, inclusive";

    private PartNumbers() {
    }

    /** @throws S3Exception InvalidArgument unless an integer from 1 to 10000 */
    static int parse(String value) {
        if (value != null) {
            try {
                int n = Integer.parseInt(value.trim());
                if (n >= Part.MIN_NUMBER && n <= Part.MAX_NUMBER) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // falls through
            }
        }
        throw new S3Exception(S3ErrorCode.InvalidArgument, INVALID);
    }
}
