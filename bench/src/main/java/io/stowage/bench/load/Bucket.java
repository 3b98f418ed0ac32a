package io.stowage.bench.load;

import static io.stowage.bench.load.XmlTags.allTags;
import static io.stowage.bench.load.XmlTags.xmlEscape;

import io.stowage.bench.load.LoadOptions.Cleanup;
import io.stowage.bench.load.LoadOptions.Options;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
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
    String create() throws Exception {
        HttpResponse<String> created = ctx.client().send("PUT", "/" + name, "", null, false, null,
                HttpResponse.BodyHandlers.ofString());
        boolean exists = created.statusCode() == 409 && (created.body().contains("BucketAlreadyOwnedByYou")
                || created.body().contains("BucketAlreadyExists"));
        if (created.statusCode() != 200 && !(o.bucket() != null && exists)) {
            return "create bucket: status " + created.statusCode() + " " + created.body();
        }
        return null;
    }

    /** Puts the objects at {@code paths}, unless a reused bucket already holds that many. */
    void prepare(String[] paths) throws InterruptedException {
        if (o.bucket() != null) {
            long existing = countKeys();
            if (existing == paths.length) {
                LoadMain.log("bucket already holds " + existing + " objects, not re-created");
                return;
            }
            LoadMain.log("bucket holds " + existing + " objects, (re)creating " + paths.length);
        }
        int workers = Math.max(64, o.concurrency());
        long t0 = System.nanoTime();
        AtomicInteger next = new AtomicInteger();
        inParallel(workers, () -> {
            Requests r = ctx.requests();
            int i;
            while (!errors.any() && (i = next.getAndIncrement()) < paths.length) {
                r.put(paths[i]);
            }
        });
        LoadMain.log(String.format(Locale.ROOT, "prepared %d objects of %d bytes in %.1f s (%d workers)", paths.length,
                o.size(), (System.nanoTime() - t0) / 1e9, workers));
    }

    private long countKeys() {
        Requests r = ctx.requests();
        String token = null;
        long count = 0;
        do {
            ListPage p = r.list(name, null, token);
            if (p == null) {
                return -1;
            }
            count += p.keyCount();
            token = p.truncated() ? p.nextToken() : null;
        } while (token != null);
        return count;
    }

    /** Deletes every object, then the bucket; errors count as the run's. */
    void cleanup() {
        try {
            S3Client c = ctx.client();
            Requests requests = ctx.requests();
            long errorsBefore = errors.count();
            long deleted = 0;
            long t0 = System.nanoTime();
            while (errors.count() == errorsBefore) {
                HttpResponse<String> r = c.send("GET", "/" + name, "list-type=2&max-keys=" + ListPage.SIZE, null, false,
                        null, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    errors.add("cleanup list: status " + r.statusCode());
                    return;
                }
                List<String> keys = allTags(r.body(), "Key");
                if (keys.isEmpty()) {
                    break;
                }
                if (o.cleanup() == Cleanup.BATCH) {
                    deleteObjects(c, keys);
                } else {
                    deleteEach(requests, keys);
                }
                deleted += keys.size();
            }
            if (errors.count() != errorsBefore) {
                return;
            }
            HttpResponse<Long> r = c.send("DELETE", "/" + name, "", null, false, null, S3Client.COUNTING);
            if (r.statusCode() != 204) {
                errors.add("cleanup delete bucket: status " + r.statusCode());
            }
            LoadMain.log(String.format(Locale.ROOT, "cleanup: deleted %d objects and the bucket in %.1f s", deleted,
                    (System.nanoTime() - t0) / 1e9));
        } catch (Exception e) {
            errors.add("cleanup: " + e);
        }
    }

    private void deleteObjects(S3Client c, List<String> keys) throws Exception {
        StringBuilder xml = new StringBuilder(keys.size() * 48 + 64).append("<Delete><Quiet>true</Quiet>");
        for (String k : keys) {
            xml.append("<Object><Key>").append(xmlEscape(k)).append("</Key></Object>");
        }
        byte[] body = xml.append("</Delete>").toString().getBytes(StandardCharsets.UTF_8);
        String md5 = Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(body));
        HttpResponse<String> d = c.send("POST", "/" + name, "delete=", HttpRequest.BodyPublishers.ofByteArray(body),
                true, md5, HttpResponse.BodyHandlers.ofString());
        if (d.statusCode() != 200 || d.body().contains("<Error>")) {
            errors.add("cleanup DeleteObjects: status " + d.statusCode() + " " + Requests.abbreviate(d.body()));
        }
    }

    /** One at a time: s3rver 3.7 answers 500 to concurrent DELETEs that empty the same directory. */
    private void deleteEach(Requests r, List<String> keys) {
        for (String key : keys) {
            if (!r.delete(Keys.path(name, key))) {
                return;
            }
        }
    }

    private static void inParallel(int threads, Runnable task) throws InterruptedException {
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            started.add(Thread.ofVirtual().start(task));
        }
        for (Thread t : started) {
            t.join();
        }
    }
}
