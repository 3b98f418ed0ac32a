package io.stowage.bench.load;

import io.stowage.bench.load.http.Response;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Scans the prepared keys with ListObjectsV2 pages of 1000 (one operation = one page): the whole
 * bucket, or with {@code delimited} one random prefix at a time with delimiter "/". Checks that
 * truncated pages are full and that each scan returns exactly the prepared number of keys.
 */
final class ListWorker implements Worker {

    private final String bucket;
    private final int objects;
    private final boolean delimited;
    private final Errors errors;
    private String token;
    private String prefix;
    private long scanned;

    ListWorker(String bucket, int objects, boolean delimited, Errors errors) {
        this.bucket = bucket;
        this.objects = objects;
        this.delimited = delimited;
        this.errors = errors;
    }

    @Override
    public Request next() {
        if (delimited && token == null) {
            prefix = Keys.prefix(ThreadLocalRandom.current().nextInt(Keys.PREFIXES));
        }
        return ListPage.request(bucket, delimited ? prefix : null, token);
    }

    @Override
    public Outcome finish(Response response) {
        ListPage p = ListPage.read(response, errors);
        if (p == null) {
            return new Outcome(Op.LIST, false, 0, 0);
        }
        boolean ok = true;
        scanned += p.keyCount();
        if (p.truncated() && p.keyCount() != ListPage.SIZE) {
            ok = errors.add("LIST: truncated page of " + p.keyCount() + " keys, expected " + ListPage.SIZE);
        }
        token = p.truncated() ? p.nextToken() : null;
        if (token == null) {
            long expected = delimited ? Keys.countInPrefix(objects, prefix) : objects;
            if (scanned != expected) {
                ok = errors.add("LIST: a scan returned " + scanned + " keys, expected " + expected);
            }
            scanned = 0;
        }
        return new Outcome(Op.LIST, ok, p.bytes(), p.keyCount());
    }
}
