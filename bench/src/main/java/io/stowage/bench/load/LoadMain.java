package io.stowage.bench.load;

import static io.stowage.bench.load.XmlTags.allTags;
import static io.stowage.bench.load.XmlTags.tag;
import static io.stowage.bench.load.XmlTags.xmlEscape;
import static io.stowage.bench.load.XmlTags.xmlUnescape;

import io.stowage.bench.load.LoadOptions.Options;
import io.stowage.bench.load.LoadOptions.Scenario;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A warp-like S3 load generator. See docs/benchmarks.md ("Load generator") and {@link #usage()}.
 *
 * <p>Phases: create the bucket, prepare objects, warm-up (not counted), measured duration,
 * cleanup. Every response is checked; a run with any error prints it and exits 1.
 */
public final class LoadMain {

    enum Op { GET, PUT, HEAD, DELETE, LIST }

    static final int PREFIXES = 100;
    static final int PAGE = 1000;

    private final Options o;
    private final HttpClient http = S3Client.newHttp();
    private final String host;
    private final byte[] payload;
    private final String bucket;
    private final boolean reuseBucket;
    private String[] paths; // "/bucket/key", prepared keys
    private final AtomicLong errorCount = new AtomicLong();
    private final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
    private volatile boolean stop;
    // measured window, System.nanoTime
    private long measureStart;
    private volatile long measureEnd;
    private final AtomicInteger nextDelete = new AtomicInteger();
    private final AtomicLong exhaustedAt = new AtomicLong(Long.MAX_VALUE);

    LoadMain(Options o) {
        this.o = o;
        URI uri = URI.create(o.endpoint());
        this.host = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
        this.payload = new byte[Math.max(1, o.size())];
        ThreadLocalRandom.current().nextBytes(payload);
        this.reuseBucket = o.bucket() != null;
        this.bucket = o.bucket() != null ? o.bucket()
                : "load-" + o.scenario().label + "-" + Long.toHexString(System.currentTimeMillis()) + "-"
                        + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000));
    }

    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(usage());
            System.exit(2);
            return;
        }
        int code = new LoadMain(o).run();
        System.exit(code);
    }

    static String usage() {
        return """
                usage: java -cp benchmarks.jar io.stowage.bench.load.LoadMain --endpoint http://127.0.0.1:9000
                         --access-key AK --secret-key SK [--region us-east-1]
                         --scenario put|get|head|delete|mixed|list|list-delimiter
                         [--size 4KiB] [--concurrency 32] [--duration 30s] [--warmup 5s] [--objects N]
                         [--bucket NAME] [--keep-bucket] [--json out.jsonl]
                  --objects   prepared objects: get/head/mixed 1000, delete 50000 (pre-created; the
                              measured phase ends early if they run out), list/list-delimiter 100000
                              (keys p000/o0000000 .. p099/..., 100 prefixes)
                  --bucket    use (and create if missing) this bucket; objects already there with the
                              expected count are not re-created. With --keep-bucket nothing is deleted.""";
    }

    S3Client client() {
        return new S3Client(http, o.endpoint(), host, new SigV4Signer(o.accessKey(), o.secretKey(), o.region(), "s3"));
    }

    static String key(int i) {
        return String.format(Locale.ROOT, "p%03d/o%07d", i % PREFIXES, i / PREFIXES);
    }

    int run() throws Exception {
        log("bucket " + bucket);
        S3Client c = client();
        HttpResponse<String> created = c.send("PUT", "/" + bucket, "", null, false, null,
                HttpResponse.BodyHandlers.ofString());
        boolean alreadyOwned = created.statusCode() == 409 && created.body().contains("BucketAlreadyOwnedByYou");
        if (created.statusCode() != 200 && !(reuseBucket && alreadyOwned)) {
            System.err.println("create bucket: status " + created.statusCode() + " " + created.body());
            return 1;
        }
        Stats total = null;
        double cpuShare = 0;
        double seconds = 0;
        try {
            if (o.scenario() != Scenario.PUT) {
                paths = new String[o.objects()];
                for (int i = 0; i < o.objects(); i++) {
                    paths[i] = "/" + bucket + "/" + SigV4Signer.uriEncode(key(i), true);
                }
                prepare();
            }
            if (errorCount.get() == 0) {
                Stats[] stats = new Stats[o.concurrency()];
                Thread[] threads = new Thread[o.concurrency()];
                long begin = System.nanoTime();
                measureStart = begin + o.warmupNanos();
                measureEnd = measureStart + o.durationNanos();
                for (int w = 0; w < o.concurrency(); w++) {
                    int worker = w;
                    stats[w] = new Stats();
                    threads[w] = Thread.ofVirtual().name("load-" + w).start(() -> work(worker, stats[worker]));
                }
                var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
                sleepUntil(measureStart);
                long cpu0 = os.getProcessCpuTime();
                long wall0 = System.nanoTime();
                while (System.nanoTime() < measureEnd && exhaustedAt.get() == Long.MAX_VALUE && !stop) {
                    Thread.sleep(20);
                }
                long cpu1 = os.getProcessCpuTime();
                long wall1 = System.nanoTime();
                stop = true;
                for (Thread t : threads) {
                    t.join();
                }
                long end = Math.min(measureEnd, exhaustedAt.get());
                seconds = (end - measureStart) / 1e9;
                cpuShare = (double) (cpu1 - cpu0) / ((wall1 - wall0) * (double) Runtime.getRuntime().availableProcessors());
                total = new Stats();
                for (Stats s : stats) {
                    total.add(s);
                }
                if (exhaustedAt.get() != Long.MAX_VALUE) {
                    if (exhaustedAt.get() <= measureStart) {
                        error("delete: the " + o.objects() + " prepared objects ran out during the warm-up; raise --objects");
                    } else {
                        log(String.format(Locale.ROOT, "prepared objects ran out: measured %.1f s instead of %.1f s",
                                seconds, o.durationNanos() / 1e9));
                    }
                }
            }
        } finally {
            stop = true;
            if (!o.keepBucket()) {
                cleanup();
            }
        }
        if (errorCount.get() > 0) {
            System.err.println("FAILED: " + errorCount.get() + " errors (a run with errors is not a result); first ones:");
            for (String e : errors) {
                System.err.println("  " + e);
            }
            return 1;
        }
        report(total, seconds, cpuShare);
        return 0;
    }

    // ---------------------------------------------------------------- phases

    private void prepare() throws InterruptedException {
        if (reuseBucket) {
            long existing = countKeys();
            if (existing == o.objects()) {
                log("bucket already holds " + existing + " objects, not re-created");
                return;
            }
            log("bucket holds " + existing + " objects, (re)creating " + o.objects());
        }
        int n = o.objects();
        int workers = Math.max(64, o.concurrency());
        AtomicInteger next = new AtomicInteger();
        long t0 = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            threads.add(Thread.ofVirtual().start(() -> {
                S3Client c = client();
                int i;
                while (!stop && errorCount.get() == 0 && (i = next.getAndIncrement()) < n) {
                    put(c, paths[i]);
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        log(String.format(Locale.ROOT, "prepared %d objects of %d bytes in %.1f s (%d workers)", n, o.size(),
                (System.nanoTime() - t0) / 1e9, workers));
    }

    private long countKeys() {
        S3Client c = client();
        String token = null;
        long count = 0;
        do {
            Page p = listPage(c, null, token);
            if (p == null) {
                return -1;
            }
            count += p.keyCount;
            token = p.truncated ? p.nextToken : null;
        } while (token != null);
        return count;
    }

    private void cleanup() {
        try {
            S3Client c = client();
            long deleted = 0;
            long t0 = System.nanoTime();
            while (true) {
                HttpResponse<String> r = c.send("GET", "/" + bucket, "list-type=2&max-keys=" + PAGE, null, false,
                        null, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    error("cleanup list: status " + r.statusCode());
                    return;
                }
                List<String> keys = allTags(r.body(), "Key");
                if (keys.isEmpty()) {
                    break;
                }
                StringBuilder xml = new StringBuilder(keys.size() * 48 + 64).append("<Delete><Quiet>true</Quiet>");
                for (String k : keys) {
                    xml.append("<Object><Key>").append(xmlEscape(k)).append("</Key></Object>");
                }
                byte[] body = xml.append("</Delete>").toString().getBytes(StandardCharsets.UTF_8);
                String md5 = Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(body));
                HttpResponse<String> d = c.send("POST", "/" + bucket, "delete=",
                        HttpRequest.BodyPublishers.ofByteArray(body), true, md5, HttpResponse.BodyHandlers.ofString());
                if (d.statusCode() != 200 || d.body().contains("<Error>")) {
                    error("cleanup DeleteObjects: status " + d.statusCode() + " " + abbreviate(d.body()));
                    return;
                }
                deleted += keys.size();
            }
            HttpResponse<Long> r = c.send("DELETE", "/" + bucket, "", null, false, null, S3Client.COUNTING);
            if (r.statusCode() != 204) {
                error("cleanup delete bucket: status " + r.statusCode());
            }
            log(String.format(Locale.ROOT, "cleanup: deleted %d objects and the bucket in %.1f s", deleted,
                    (System.nanoTime() - t0) / 1e9));
        } catch (Exception e) {
            error("cleanup: " + e);
        }
    }

    // ---------------------------------------------------------------- workers

    private void work(int w, Stats s) {
        S3Client c = client();
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        // mixed: this worker owns keys i with i % concurrency == w, so its deletes never race another's reads
        int[] live = null;
        int[] dead = null;
        int liveCount = 0;
        int deadCount = 0;
        if (o.scenario() == Scenario.MIXED) {
            int owned = (o.objects() - w + o.concurrency() - 1) / o.concurrency();
            live = new int[owned];
            dead = new int[owned];
            for (int i = w; i < o.objects(); i += o.concurrency()) {
                live[liveCount++] = i;
            }
        }
        long putSeq = 0;
        String listToken = null;
        String listPrefix = null;
        long scanKeys = 0;
        while (!stop) {
            long t0 = System.nanoTime();
            if (t0 >= measureEnd) {
                break;
            }
            Op op;
            boolean ok;
            long bytes = 0;
            long keys = 0;
            switch (o.scenario()) {
                case PUT -> {
                    op = Op.PUT;
                    String path = "/" + bucket + "/put/w" + w + "/" + putSeq++;
                    ok = put(c, path);
                    bytes = o.size();
                }
                case GET -> {
                    op = Op.GET;
                    ok = get(c, paths[rnd.nextInt(o.objects())]);
                    bytes = o.size();
                }
                case HEAD -> {
                    op = Op.HEAD;
                    ok = head(c, paths[rnd.nextInt(o.objects())]);
                }
                case DELETE -> {
                    op = Op.DELETE;
                    int i = nextDelete.getAndIncrement();
                    if (i >= o.objects()) {
                        exhaustedAt.compareAndSet(Long.MAX_VALUE, t0);
                        return;
                    }
                    ok = delete(c, paths[i]);
                }
                case MIXED -> {
                    int r = rnd.nextInt(100);
                    op = r < 45 ? Op.GET : r < 60 ? Op.PUT : r < 90 ? Op.HEAD : Op.DELETE;
                    if (op != Op.PUT && liveCount == 0) {
                        op = Op.PUT;
                    }
                    switch (op) {
                        case GET -> {
                            ok = get(c, paths[live[rnd.nextInt(liveCount)]]);
                            bytes = o.size();
                        }
                        case HEAD -> ok = head(c, paths[live[rnd.nextInt(liveCount)]]);
                        case DELETE -> {
                            int j = rnd.nextInt(liveCount);
                            int k = live[j];
                            live[j] = live[--liveCount];
                            dead[deadCount++] = k;
                            ok = delete(c, paths[k]);
                        }
                        default -> {
                            int k;
                            if (deadCount > 0) {
                                int j = rnd.nextInt(deadCount);
                                k = dead[j];
                                dead[j] = dead[--deadCount];
                                live[liveCount++] = k;
                            } else {
                                k = live[rnd.nextInt(liveCount)];
                            }
                            ok = put(c, paths[k]);
                            bytes = o.size();
                        }
                    }
                }
                case LIST, LIST_DELIMITER -> {
                    op = Op.LIST;
                    boolean delimited = o.scenario() == Scenario.LIST_DELIMITER;
                    if (delimited && listToken == null) {
                        listPrefix = String.format(Locale.ROOT, "p%03d/", rnd.nextInt(PREFIXES));
                    }
                    Page p = listPage(c, delimited ? listPrefix : null, listToken);
                    ok = p != null;
                    if (ok) {
                        bytes = p.bytes;
                        keys = p.keyCount;
                        scanKeys += p.keyCount;
                        if (p.truncated && p.keyCount != PAGE) {
                            ok = error("LIST: truncated page of " + p.keyCount + " keys, expected " + PAGE);
                        }
                        listToken = p.truncated ? p.nextToken : null;
                        if (listToken == null) {
                            long expected = delimited ? expectedInPrefix(listPrefix) : o.objects();
                            if (scanKeys != expected) {
                                ok = error("LIST: a scan returned " + scanKeys + " keys, expected " + expected);
                            }
                            scanKeys = 0;
                        }
                    }
                }
                default -> throw new IllegalStateException();
            }
            long t1 = System.nanoTime();
            if (ok && t0 >= measureStart && t1 <= measureEnd && t1 <= exhaustedAt.get()) {
                s.record(op, t1 - t0, bytes, keys);
            }
        }
    }

    private long expectedInPrefix(String prefix) {
        int p = Integer.parseInt(prefix.substring(1, 4));
        return o.objects() / PREFIXES + (p < o.objects() % PREFIXES ? 1 : 0);
    }

    // ---------------------------------------------------------------- requests

    private boolean put(S3Client c, String path) {
        try {
            HttpResponse<Long> r = c.send("PUT", path, "", HttpRequest.BodyPublishers.ofByteArray(payload, 0, o.size()),
                    true, null, S3Client.COUNTING);
            return checked(ResponseCheck.check("PUT", r.statusCode(), r.body(), -1), path);
        } catch (Exception e) {
            return error("PUT " + path + ": " + e);
        }
    }

    private boolean get(S3Client c, String path) {
        try {
            HttpResponse<Long> r = c.send("GET", path, "", null, false, null, S3Client.COUNTING);
            return checked(ResponseCheck.check("GET", r.statusCode(), r.body(), o.size()), path);
        } catch (Exception e) {
            return error("GET " + path + ": " + e);
        }
    }

    private boolean head(S3Client c, String path) {
        try {
            HttpResponse<Long> r = c.send("HEAD", path, "", null, false, null, S3Client.COUNTING);
            String err = ResponseCheck.check("HEAD", r.statusCode(), 0, -1);
            if (err == null) {
                long length = r.headers().firstValueAsLong("content-length").orElse(-1);
                if (length != o.size()) {
                    err = "HEAD: Content-Length " + length + ", expected " + o.size();
                }
            }
            return checked(err, path);
        } catch (Exception e) {
            return error("HEAD " + path + ": " + e);
        }
    }

    private boolean delete(S3Client c, String path) {
        try {
            HttpResponse<Long> r = c.send("DELETE", path, "", null, false, null, S3Client.COUNTING);
            return checked(ResponseCheck.check("DELETE", r.statusCode(), r.body(), -1), path);
        } catch (Exception e) {
            return error("DELETE " + path + ": " + e);
        }
    }

    record Page(int keyCount, boolean truncated, String nextToken, long bytes) {
    }

    private Page listPage(S3Client c, String prefix, String token) {
        StringBuilder q = new StringBuilder(128);
        if (token != null) {
            q.append("continuation-token=").append(SigV4Signer.uriEncode(token, false)).append('&');
        }
        if (prefix != null) {
            q.append("delimiter=%2F&");
        }
        q.append("list-type=2&max-keys=").append(PAGE);
        if (prefix != null) {
            q.append("&prefix=").append(SigV4Signer.uriEncode(prefix, false));
        }
        try {
            HttpResponse<String> r = c.send("GET", "/" + bucket, q.toString(), null, false, null,
                    HttpResponse.BodyHandlers.ofString());
            String err = ResponseCheck.check("LIST", r.statusCode(), 0, -1);
            if (err != null) {
                error(err + " " + abbreviate(r.body()));
                return null;
            }
            String body = r.body();
            String count = tag(body, "KeyCount");
            boolean truncated = "true".equals(tag(body, "IsTruncated"));
            String next = tag(body, "NextContinuationToken");
            if (count == null || truncated && next == null) {
                error("LIST: malformed response " + abbreviate(body));
                return null;
            }
            return new Page(Integer.parseInt(count), truncated, next == null ? null : xmlUnescape(next),
                    body.length());
        } catch (Exception e) {
            error("LIST: " + e);
            return null;
        }
    }

    private boolean checked(String err, String path) {
        return err == null || error(err + " (" + path + ")");
    }

    private boolean error(String message) {
        if (errorCount.incrementAndGet() <= 20) {
            errors.add(message);
        }
        stop = true;
        return false;
    }

    // ---------------------------------------------------------------- results

    static final class Stats {
        final LatencyHistogram all = new LatencyHistogram();
        final LatencyHistogram[] byOp = new LatencyHistogram[Op.values().length];
        final long[] bytes = new long[Op.values().length];
        long keys;

        Stats() {
            for (int i = 0; i < byOp.length; i++) {
                byOp[i] = new LatencyHistogram();
            }
        }

        void record(Op op, long nanos, long b, long k) {
            all.record(nanos);
            byOp[op.ordinal()].record(nanos);
            bytes[op.ordinal()] += b;
            keys += k;
        }

        void add(Stats s) {
            all.add(s.all);
            for (int i = 0; i < byOp.length; i++) {
                byOp[i].add(s.byOp[i]);
                bytes[i] += s.bytes[i];
            }
            keys += s.keys;
        }

        long totalBytes() {
            long t = 0;
            for (long b : bytes) {
                t += b;
            }
            return t;
        }
    }

    private void report(Stats s, double seconds, double cpuShare) throws IOException {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        System.out.println(String.format(Locale.ROOT, "%-14s %8s %5s %6s %9s %10s %9s %9s %9s %9s %9s %6s %6s %5s",
                "scenario", "size", "conc", "secs", "ops", "ops/s", "MiB/s", "p50 ms", "p99 ms", "p99.9 ms",
                "max ms", "errors", "cpu", "load"));
        List<String> opLines = new ArrayList<>();
        Map<String, Object> perOp = new LinkedHashMap<>();
        if (o.scenario() == Scenario.MIXED) {
            for (Op op : Op.values()) {
                LatencyHistogram h = s.byOp[op.ordinal()];
                if (h.count() > 0) {
                    opLines.add(line("  " + op.name().toLowerCase(Locale.ROOT), h, s.bytes[op.ordinal()], seconds,
                            cpuShare, load));
                    perOp.put(op.name().toLowerCase(Locale.ROOT), histJson(h, s.bytes[op.ordinal()], seconds));
                }
            }
        }
        System.out.println(line(o.scenario().label, s.all, s.totalBytes(), seconds, cpuShare, load));
        opLines.forEach(System.out::println);
        if (o.scenario() == Scenario.LIST || o.scenario() == Scenario.LIST_DELIMITER) {
            System.out.println(String.format(Locale.ROOT, "pages/s %.1f, keys listed/s %.0f", s.all.count() / seconds,
                    s.keys / seconds));
        }
        if (o.json() != null) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("time", Instant.now().toString());
            j.put("endpoint", o.endpoint());
            j.put("scenario", o.scenario().label);
            j.put("size", o.size());
            j.put("concurrency", o.concurrency());
            j.put("warmup_s", o.warmupNanos() / 1e9);
            j.put("duration_s", seconds);
            j.put("objects", o.scenario() == Scenario.PUT ? 0 : o.objects());
            j.putAll(histJson(s.all, s.totalBytes(), seconds));
            if (s.keys > 0) {
                j.put("keys_per_s", s.keys / seconds);
            }
            j.put("errors", 0);
            j.put("client_cpu_share", cpuShare);
            j.put("cores", Runtime.getRuntime().availableProcessors());
            j.put("load_average", load);
            if (!perOp.isEmpty()) {
                j.put("ops", perOp);
            }
            Files.writeString(Path.of(o.json()), toJson(j) + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    private String line(String name, LatencyHistogram h, long bytes, double seconds, double cpuShare, double load) {
        return String.format(Locale.ROOT, "%-14s %8s %5d %6.1f %9d %10.1f %9.2f %9.3f %9.3f %9.3f %9.3f %6d %5.0f%% %5.2f",
                name, o.sizeLabel(), o.concurrency(), seconds, h.count(), h.count() / seconds,
                bytes / seconds / (1024.0 * 1024.0), h.percentile(50) / 1e6, h.percentile(99) / 1e6,
                h.percentile(99.9) / 1e6, h.max() / 1e6, 0, cpuShare * 100, load);
    }

    private static Map<String, Object> histJson(LatencyHistogram h, long bytes, double seconds) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", h.count());
        m.put("ops_per_s", h.count() / seconds);
        m.put("mib_per_s", bytes / seconds / (1024.0 * 1024.0));
        m.put("p50_ms", h.percentile(50) / 1e6);
        m.put("p99_ms", h.percentile(99) / 1e6);
        m.put("p999_ms", h.percentile(99.9) / 1e6);
        m.put("max_ms", h.max() / 1e6);
        m.put("mean_ms", h.mean() / 1e6);
        return m;
    }

    @SuppressWarnings("unchecked")
    static String toJson(Object v) {
        if (v instanceof Map<?, ?> m) {
            StringBuilder b = new StringBuilder("{");
            for (Map.Entry<?, ?> e : ((Map<Object, Object>) m).entrySet()) {
                if (b.length() > 1) {
                    b.append(',');
                }
                b.append(toJson(e.getKey().toString())).append(':').append(toJson(e.getValue()));
            }
            return b.append('}').toString();
        }
        if (v instanceof String s) {
            return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        }
        if (v instanceof Double d) {
            return Double.isFinite(d) ? String.format(Locale.ROOT, "%.4f", d) : "null";
        }
        return String.valueOf(v);
    }

    // ---------------------------------------------------------------- helpers

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long d;
        while ((d = nanos - System.nanoTime()) > 0) {
            Thread.sleep(Math.max(1, d / 1_000_000));
        }
    }

    private static void log(String s) {
        System.err.println("[load] " + s);
    }
}
