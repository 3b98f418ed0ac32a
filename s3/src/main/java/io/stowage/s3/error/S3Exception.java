package io.stowage.s3.error;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one exception type for S3 errors. Handlers throw it; the HTTP layer turns it into the XML
 * error body. Unchecked so it can also surface from a body stream's read().
 */
public final class S3Exception extends RuntimeException {

    private final S3ErrorCode code;
    private final String resource;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public S3Exception(S3ErrorCode code) {
        this(code, code.defaultMessage(), null);
    }

    public S3Exception(S3ErrorCode code, String message) {
        this(code, message, null);
    }

    public S3Exception(S3ErrorCode code, String message, String resource) {
        super(message, null, false, false);
        this.code = code;
        this.resource = resource;
    }

    public S3ErrorCode code() {
        return code;
    }

    /** Adds a header the error response carries (such as x-amz-delete-marker on a delete marker's 404). */
    public S3Exception header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public Map<String, String> headers() {
        return Collections.unmodifiableMap(headers);
    }

    /** The bucket or key concerned, or null for the request's own resource. */
    public String resource() {
        return resource;
    }
}
