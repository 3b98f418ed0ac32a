package io.stowage.s3.auth;

import java.io.InputStream;
import java.util.Map;

/**
 * A request body with its SigV4 payload protection removed and checked: it yields the object's
 * bytes and throws {@link io.stowage.s3.error.S3Exception} from {@code read} when a check fails,
 * always before it signals end of stream. Only treat the body as valid once {@code read} has
 * returned -1.
 */
public abstract class PayloadStream extends InputStream {

    /** The trailing headers (lower-case names) of an aws-chunked body; complete only after end of stream. */
    public abstract Map<String, String> trailers();
}
