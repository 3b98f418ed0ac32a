package io.stowage.bench.load;

import static io.stowage.bench.load.XmlTags.tag;
import static io.stowage.bench.load.XmlTags.xmlUnescape;

/** One ListObjectsV2 page, as much of it as the list scenarios check. */
record ListPage(int keyCount, boolean truncated, String nextToken, long bytes) {

    static final int SIZE = 1000;

    /** The page, or null if the body lacks KeyCount, or NextContinuationToken while truncated. */
    static ListPage parse(String body) {
        String count = tag(body, "KeyCount");
        boolean truncated = "true".equals(tag(body, "IsTruncated"));
        String next = tag(body, "NextContinuationToken");
        if (count == null || truncated && next == null) {
            return null;
        }
        return new ListPage(Integer.parseInt(count), truncated, next == null ? null : xmlUnescape(next), body.length());
    }

    /** The canonical query of a page of {@link #SIZE} keys: parameters sorted and encoded as SigV4 wants. */
    static String query(String prefix, String token) {
        StringBuilder q = new StringBuilder(128);
        if (token != null) {
            q.append("continuation-token=").append(SigV4Signer.uriEncode(token, false)).append('&');
        }
        if (prefix != null) {
            q.append("delimiter=%2F&");
        }
        q.append("list-type=2&max-keys=").append(SIZE);
        if (prefix != null) {
            q.append("&prefix=").append(SigV4Signer.uriEncode(prefix, false));
        }
        return q.toString();
    }
}
