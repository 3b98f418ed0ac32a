package io.stowage.bench.load;

import static io.stowage.bench.load.XmlTags.tag;
import static io.stowage.bench.load.XmlTags.xmlUnescape;

import io.stowage.bench.load.http.Expect;
import io.stowage.bench.load.http.Response;

/** One ListObjectsV2 page, as much of it as the list scenarios check. */
record ListPage(int keyCount, boolean truncated, String nextToken, long bytes) {

    static final int SIZE = 1000;

    /** The page, or null if the body lacks a numeric KeyCount, or NextContinuationToken while truncated. */
    static ListPage parse(String body) {
        String count = tag(body, "KeyCount");
        boolean truncated = "true".equals(tag(body, "IsTruncated"));
        String next = tag(body, "NextContinuationToken");
        if (count == null || !count.matches("[0-9]{1,9}") || truncated && next == null) {
            return null;
        }
        return new ListPage(Integer.parseInt(count), truncated, next == null ? null : xmlUnescape(next), body.length());
    }

    /** The request of a page of {@code bucket} ({@code prefix} with delimiter "/" if not null) from {@code token}. */
    static Request request(String bucket, String prefix, String token) {
        return Request.of(Method.GET, "/" + bucket, query(prefix, token), null, Expect.KEPT_BODY);
    }

    /** The page of a response, or null with the error recorded. */
    static ListPage read(Response r, Errors errors) {
        String err = ResponseCheck.check("LIST", r, -1);
        if (err != null) {
            errors.add(err);
            return null;
        }
        String body = r.bodyText();
        ListPage page = parse(body);
        if (page == null) {
            errors.add("LIST: malformed response " + ResponseCheck.abbreviate(body));
        }
        return page;
    }

    /** The canonical query of a page of {@link #SIZE} keys: parameters sorted and encoded as SigV4 wants. */
    static String query(String prefix, String token) {
        StringBuilder q = new StringBuilder(128);
        if (token != null) {
            q.append("continuation-token=").append(UriEncoding.encode(token, false)).append('&');
        }
        if (prefix != null) {
            q.append("delimiter=%2F&");
        }
        q.append("list-type=2&max-keys=").append(SIZE);
        if (prefix != null) {
            q.append("&prefix=").append(UriEncoding.encode(prefix, false));
        }
        return q.toString();
    }
}
