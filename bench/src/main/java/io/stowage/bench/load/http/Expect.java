package io.stowage.bench.load.http;

/**
 * What a request's caller needs from the response: whether it has a body at all (not the answer to
 * a HEAD), whether to keep the body's bytes (otherwise they are counted and dropped) and whether to
 * keep the ETag header.
 */
public record Expect(boolean body, boolean keepBody, boolean etag) {

    public static final Expect DISCARDED_BODY = new Expect(true, false, false);
    public static final Expect KEPT_BODY = new Expect(true, true, false);
    public static final Expect ETAG = new Expect(true, false, true);
    /** The answer to a HEAD: headers only, whatever its Content-Length says. */
    public static final Expect NO_BODY = new Expect(false, false, false);
}
