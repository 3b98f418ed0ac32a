package io.stowage.bench.load;

import io.stowage.bench.load.http.Response;

/** Whether a response counts as a success: "a run with errors is not a result". */
public final class ResponseCheck {

    private ResponseCheck() {
    }

    /**
     * The error, or null when the response is good: it arrived whole, with a 2xx status (204 for a
     * DELETE) and, if {@code expectedBody} is not -1, a body of exactly that many bytes.
     */
    public static String check(String op, Response r, long expectedBody) {
        if (r.error() != null) {
            return op + ": " + r.error();
        }
        boolean statusOk = op.equals("DELETE") ? r.status() == 204 : r.status() >= 200 && r.status() < 300;
        if (!statusOk) {
            return op + ": status " + r.status() + (r.body() == null ? "" : " " + abbreviate(r.bodyText()));
        }
        if (expectedBody >= 0 && r.bodyLength() != expectedBody) {
            return op + ": body of " + r.bodyLength() + " bytes, expected " + expectedBody;
        }
        return null;
    }

    /** A HEAD: a good response whose Content-Length is the object's size. */
    public static String checkHead(Response r, long size) {
        String err = check("HEAD", r, -1);
        if (err == null && r.contentLength() != size) {
            err = "HEAD: Content-Length " + r.contentLength() + ", expected " + size;
        }
        return err;
    }

    static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
