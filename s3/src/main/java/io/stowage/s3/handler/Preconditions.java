package io.stowage.s3.handler;

import io.stowage.engine.model.ObjectVersion;
import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import java.time.Instant;

/** Conditional request headers (RFC 9110 section 13, in S3's order) evaluated against an object. */
public final class Preconditions {

    public enum Outcome { PROCEED, NOT_MODIFIED }

    private Preconditions() {
    }

    /** For GET and HEAD: If-Match / If-Unmodified-Since fail with 412, If-None-Match / If-Modified-Since answer 304. */
    public static Outcome evaluate(ObjectVersion v, String ifMatch, String ifNoneMatch, String ifModifiedSince, String ifUnmodifiedSince) {
        long lastModifiedSeconds = v.lastModifiedMillis() / 1000;
        if (ifMatch != null) {
            if (!etagMatches(ifMatch, v.etag())) {
                throw failed();
            }
        } else if (ifUnmodifiedSince != null) {
            Instant since = HttpDates.parseHeader(ifUnmodifiedSince);
            if (since != null && lastModifiedSeconds > since.getEpochSecond()) {
                throw failed();
            }
        }
        if (ifNoneMatch != null) {
            if (etagMatches(ifNoneMatch, v.etag())) {
                return Outcome.NOT_MODIFIED;
            }
        } else if (ifModifiedSince != null) {
            Instant since = HttpDates.parseHeader(ifModifiedSince);
            if (since != null && lastModifiedSeconds <= since.getEpochSecond()) {
                return Outcome.NOT_MODIFIED;
            }
        }
        return Outcome.PROCEED;
    }

    /** For the copy source: every failed condition is 412, as S3 answers CopyObject. */
    public static void evaluateCopySource(ObjectVersion v, String ifMatch, String ifNoneMatch, String ifModifiedSince, String ifUnmodifiedSince) {
        if (evaluate(v, ifMatch, ifNoneMatch, ifModifiedSince, ifUnmodifiedSince) == Outcome.NOT_MODIFIED) {
            throw failed();
        }
    }

    /** Whether an If-Match / If-None-Match list ("*", quoted or bare ETags, comma separated) matches. */
    public static boolean etagMatches(String header, String etag) {
        for (String candidate : header.split(",")) {
            String c = candidate.trim();
            if (c.startsWith("W/")) {
                c = c.substring(2);
            }
            if (c.equals("*") || unquote(c).equals(etag)) {
                return true;
            }
        }
        return false;
    }

    public static String unquote(String etag) {
        String e = etag.trim();
        return e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"") ? e.substring(1, e.length() - 1) : e;
    }

    private static S3Exception failed() {
        return new S3Exception(S3ErrorCode.PreconditionFailed);
    }
}
