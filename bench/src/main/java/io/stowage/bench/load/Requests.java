package io.stowage.bench.load;

import java.net.http.HttpResponse;

/**
 * One worker's checked requests on single objects and list pages: each tells whether the response
 * was good and records the error in {@link Errors} if not.
 */
final class Requests {

    private final S3Client c;
    private final Errors errors;
    private final byte[] payload;
    private final long size;

    Requests(S3Client c, Errors errors, byte[] payload, long size) {
        this.c = c;
        this.errors = errors;
        this.payload = payload;
        this.size = size;
    }

    boolean put(String path) {
        try {
            HttpResponse<Long> r = c.send("PUT", path, "", new PayloadPublisher(payload, (int) size), true, null,
                    S3Client.COUNTING);
            return errors.check(ResponseCheck.check("PUT", r.statusCode(), r.body(), -1), path);
        } catch (Exception e) {
            return errors.add("PUT " + path + ": " + e);
        }
    }

    /** Reads the body as it arrives and keeps only its length. */
    boolean get(String path) {
        try {
            HttpResponse<Long> r = c.send("GET", path, "", null, false, null, S3Client.COUNTING);
            return errors.check(ResponseCheck.check("GET", r.statusCode(), r.body(), size), path);
        } catch (Exception e) {
            return errors.add("GET " + path + ": " + e);
        }
    }

    boolean head(String path) {
        try {
            HttpResponse<Long> r = c.send("HEAD", path, "", null, false, null, S3Client.COUNTING);
            String err = ResponseCheck.check("HEAD", r.statusCode(), 0, -1);
            if (err == null) {
                long length = r.headers().firstValueAsLong("content-length").orElse(-1);
                if (length != size) {
                    err = "HEAD: Content-Length " + length + ", expected " + size;
                }
            }
            return errors.check(err, path);
        } catch (Exception e) {
            return errors.add("HEAD " + path + ": " + e);
        }
    }

    boolean delete(String path) {
        try {
            HttpResponse<Long> r = c.send("DELETE", path, "", null, false, null, S3Client.COUNTING);
            return errors.check(ResponseCheck.check("DELETE", r.statusCode(), r.body(), -1), path);
        } catch (Exception e) {
            return errors.add("DELETE " + path + ": " + e);
        }
    }

    /** A ListObjectsV2 page of {@code bucket} ({@code prefix} with delimiter "/" if not null), or null on error. */
    ListPage list(String bucket, String prefix, String token) {
        try {
            HttpResponse<String> r = c.send("GET", "/" + bucket, ListPage.query(prefix, token), null, false, null,
                    HttpResponse.BodyHandlers.ofString());
            String err = ResponseCheck.check("LIST", r.statusCode(), 0, -1);
            if (err != null) {
                errors.add(err + " " + abbreviate(r.body()));
                return null;
            }
            ListPage page = ListPage.parse(r.body());
            if (page == null) {
                errors.add("LIST: malformed response " + abbreviate(r.body()));
            }
            return page;
        } catch (Exception e) {
            errors.add("LIST: " + e);
            return null;
        }
    }

    static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
