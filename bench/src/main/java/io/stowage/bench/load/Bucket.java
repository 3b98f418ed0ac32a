package io.stowage.bench.load;

import static io.stowage.bench.load.XmlTags.allTags;
import static io.stowage.bench.load.XmlTags.xmlEscape;

import io.netty.buffer.Unpooled;
import io.stowage.bench.load.LoadOptions.Cleanup;
import io.stowage.bench.load.LoadOptions.Options;
import io.stowage.bench.load.http.Expect;
import io.stowage.bench.load.http.Response;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/** The run's bucket before and after the measured phase: creation, prepared objects, cleanup. */
final class Bucket {

    private final LoadContext ctx;
    private final Options o;
    private final String name;
    private final Errors errors;

    Bucket(LoadContext ctx) {
        this.ctx = ctx;
        this.o = ctx.options();
        this.name = ctx.bucket();
        this.errors = ctx.errors();
    }

    /**
     * Creates the bucket, or returns the error; with {@code --bucket}, an existing one will do (s3rver
     * answers BucketAlreadyExists for one of the caller's own; a foreign one fails the first request).
     */
    String create() {
        Response created;
        try (S3Connection c = ctx.connection()) {
            created = c.call(Request.of(Method.PUT, "/" + name, "", null, Expect.KEPT_BODY));
        }
        if (created.error() != null) {
            return "create bucket: " + created.error();
        }
        String body = created.bodyText();
        boolean exists = created.status() == 409
                && (body.contains("BucketAlreadyOwnedByYou") || body.contains("BucketAlreadyExists"));
        if (created.status() != 200 && !(o.bucket() != null && exists)) {
            return "create bucket: status " + created.status() + " " + body;
        }
        return null;
    }

    /** Puts the objects at {@code paths}, unless a reused bucket already holds that many. */
    void prepare(byte[][] paths) throws InterruptedException {
        if (o.bucket() != null) {
            long existing = countKeys();
            if (existing == paths.length) {
                LoadMain.log("bucket already holds " + existing + " objects, not re-created");
                return;
            }
            LoadMain.log("bucket holds " + existing + " objects, (re)creating " + paths.length);
        }
        int count = Math.max(64, o.concurrency());
        long t0 = System.nanoTime();
        AtomicInteger next = new AtomicInteger();
        Worker[] workers = new Worker[count];
        for (int w = 0; w < count; w++) {
            workers[w] = new ObjectWorker(Op.PUT, ctx.objectRequests(), () -> {
                int i = next.getAndIncrement();
                return i < paths.length ? paths[i] : null;
            });
        }
        Drivers.start(ctx, workers, Window.unbounded(errors)).await();
        LoadMain.log(String.format(Locale.ROOT, "prepared %d objects of %d bytes in %.1f s (%d connections)",
                paths.length, o.size(), (System.nanoTime() - t0) / 1e9, count));
    }

    private long countKeys() {
        try (S3Connection c = ctx.connection()) {
            String token = null;
            long count = 0;
            do {
                ListPage p = ListPage.read(c.call(ListPage.request(name, null, token)), errors);
                if (p == null) {
                    return -1;
                }
                count += p.keyCount();
                token = p.truncated() ? p.nextToken() : null;
            } while (token != null);
            return count;
        }
    }

    /** Deletes every object, then the bucket; errors count as the run's. */
    void cleanup() {
        try (S3Connection c = ctx.connection()) {
            long errorsBefore = errors.count();
            long deleted = 0;
            long t0 = System.nanoTime();
            while (errors.count() == errorsBefore) {
                Response r = c.call(Request.of(Method.GET, "/" + name, "list-type=2&max-keys=" + ListPage.SIZE, null,
                        Expect.KEPT_BODY));
                String err = ResponseCheck.check("cleanup list", r, -1);
                if (err != null) {
                    errors.add(err);
                    return;
                }
                List<String> keys = allTags(r.bodyText(), "Key");
                if (keys.isEmpty()) {
                    break;
                }
                if (o.cleanup() == Cleanup.BATCH) {
                    deleteObjects(c, keys);
                } else {
                    deleteEach(c, keys);
                }
                deleted += keys.size();
            }
            if (errors.count() != errorsBefore) {
                return;
            }
            Response r = c.call(Request.of(Method.DELETE, "/" + name, "", null, Expect.DISCARDED_BODY));
            String err = ResponseCheck.check("DELETE", r, -1);
            if (err != null) {
                errors.add("cleanup delete bucket: " + err);
            }
            LoadMain.log(String.format(Locale.ROOT, "cleanup: deleted %d objects and the bucket in %.1f s", deleted,
                    (System.nanoTime() - t0) / 1e9));
        } catch (Exception e) {
            errors.add("cleanup: " + e);
        }
    }

    private void deleteObjects(S3Connection c, List<String> keys) throws Exception {
        StringBuilder xml = new StringBuilder(keys.size() * 48 + 64).append("<Delete><Quiet>true</Quiet>");
        for (String k : keys) {
            xml.append("<Object><Key>").append(xmlEscape(k)).append("</Key></Object>");
        }
        byte[] body = xml.append("</Delete>").toString().getBytes(StandardCharsets.UTF_8);
        String md5 = Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(body));
        Response d = c.call(new Request(Method.POST, Request.ascii("/" + name), Request.ascii("delete="),
                Unpooled.wrappedBuffer(body), md5, Expect.KEPT_BODY));
        String err = ResponseCheck.check("cleanup DeleteObjects", d, -1);
        if (err == null && d.bodyText().contains("<Error>")) {
            err = "cleanup DeleteObjects: " + ResponseCheck.abbreviate(d.bodyText());
        }
        if (err != null) {
            errors.add(err);
        }
    }

    /** One at a time: s3rver 3.7 answers 500 to concurrent DELETEs that empty the same directory. */
    private void deleteEach(S3Connection c, List<String> keys) {
        ObjectRequests requests = ctx.objectRequests();
        for (String key : keys) {
            byte[] path = Keys.path(name, key).getBytes(StandardCharsets.US_ASCII);
            if (!requests.check(Op.DELETE, path, c.call(requests.request(Op.DELETE, path)))) {
                return;
            }
        }
    }
}
