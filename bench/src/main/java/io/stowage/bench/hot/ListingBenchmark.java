package io.stowage.bench.hot;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.stowage.bench.EngineDirs;
import io.stowage.engine.BodyWriter;
import io.stowage.engine.Engine;
import io.stowage.engine.EngineConfig;
import io.stowage.engine.command.CreateBucket;
import io.stowage.engine.command.PutObject;
import io.stowage.engine.model.ListObjectsRequest;
import io.stowage.engine.model.ObjectBody;
import io.stowage.engine.model.ObjectListing;
import io.stowage.engine.model.ObjectVersion;
import io.stowage.engine.store.RocksEngine;
import io.stowage.s3.access.Caller;
import io.stowage.s3.access.RequestAccess;
import io.stowage.s3.handler.ListingHandler;
import io.stowage.s3.handler.S3Request;
import io.stowage.s3.http.ResponseBody;
import io.stowage.s3.http.S3Response;
import io.stowage.s3.router.QueryParams;
import io.stowage.s3.router.Route;
import io.stowage.s3.router.S3Operation;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Listing a page of 1000 from a bucket of 100 000 keys ({@value #DIRS} "directories" of
 * {@value #KEYS_PER_DIR} keys, {@code dir-042/object-000123.jpg}), on one thread, sampled per
 * call so the report has the median and tail:
 *
 * <ul>
 *   <li>{@code engineList}: {@link RocksEngine#listObjects} alone, in three shapes (see
 *       {@link Page#shape}).
 *   <li>{@code listV2}: {@link ListingHandler#listV2} over the same engine, i.e. engine listing
 *       plus the ListObjectsV2 XML document as bytes; what a request costs minus HTTP and SigV4.
 *   <li>{@code renderV2}: {@link ListingHandler#listV2} over a stub engine that returns a
 *       prepared 1000-object page: the XML rendering alone, with and without
 *       {@code encoding-type=url}.
 * </ul>
 *
 * The store is built once per trial in a temp dir (deleted afterwards): 100 000 puts through
 * {@code engine.apply(PutObject)} from 32 threads (so the synced writes group-commit), each with
 * an empty inline body (a record the size of a blob object's), then the engine is reopened so
 * the records are read from SST files through the block cache, as in a store that was not just
 * written. See docs/benchmarks.md, "Hot paths (JMH)".
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xms1g", "-Xmx1g"})
@Threads(1)
public class ListingBenchmark {

    static final String BUCKET = "listing";
    static final String OWNER = "bench-owner";
    static final int DIRS = 100;
    static final int KEYS_PER_DIR = 1000;
    static final int PAGE = 1000;
    static final int STARTS = 16;
    static final long MODIFIED = 1_795_000_000_000L;

    static String key(int dir, int n) {
        return String.format("dir-%03d/object-%06d.jpg", dir, n);
    }

    static ObjectVersion version(String key, SplittableRandom random, ObjectBody body) {
        byte[] md5 = new byte[16];
        random.nextBytes(md5);
        return new ObjectVersion(key, ObjectVersion.NULL_ID, false, 20_000 + random.nextInt(5_000_000),
                HexFormat.of().formatHex(md5), MODIFIED + random.nextInt(86_400_000), OWNER,
                Map.of("content-type", "image/jpeg"), Map.of(), Map.of(), body, null);
    }

    /** The engine over a bucket of 100 000 keys, one per trial. */
    @State(Scope.Benchmark)
    public static class Store {

        Path dir;
        RocksEngine engine;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            dir = Files.createTempDirectory("stowage-bench-listing-");
            long started = System.nanoTime();
            try (RocksEngine writer = RocksEngine.open(EngineConfig.defaults(dir))) {
                writer.apply(new CreateBucket(BUCKET, "us-east-1", OWNER, System.currentTimeMillis()));
                int threads = 32;
                ExecutorService pool = Executors.newFixedThreadPool(threads);
                try {
                    List<Future<?>> done = new ArrayList<>();
                    for (int t = 0; t < threads; t++) {
                        int thread = t;
                        done.add(pool.submit(() -> {
                            SplittableRandom random = new SplittableRandom(thread);
                            for (int i = thread; i < DIRS * KEYS_PER_DIR; i += threads) {
                                put(writer, version(key(i / KEYS_PER_DIR, i % KEYS_PER_DIR), random, emptyBody(writer)));
                            }
                            return null;
                        }));
                    }
                    for (Future<?> f : done) {
                        f.get();
                    }
                } finally {
                    pool.shutdown();
                }
            }
            // reopening replays the WAL into SST files: listings then read through the block cache
            engine = RocksEngine.open(EngineConfig.defaults(dir));
            System.out.printf("%n[store of %d keys built in %.1f s]%n", DIRS * KEYS_PER_DIR,
                    (System.nanoTime() - started) / 1e9);
        }

        private static ObjectBody emptyBody(RocksEngine engine) {
            try (BodyWriter writer = engine.newBody(0)) {
                return writer.finish();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        private static void put(RocksEngine engine, ObjectVersion version) {
            engine.apply(new PutObject(BUCKET, version));
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            EngineDirs.closeAndDelete(engine, dir);
        }
    }

    /** The engine requests of one shape; successive calls cycle through 16 of them. */
    @State(Scope.Thread)
    public static class Page {

        /**
         * flat: no delimiter, 1000 objects after a start key at one of 16 random positions (a
         * page of a full-bucket walk, truncated); dir: prefix "dir-NNN/" and delimiter "/", the
         * 1000 objects of one directory; root: delimiter "/" at the root, the page is the 100
         * common prefixes, each found by a seek past the previous one.
         */
        @Param({"flat", "dir", "root"})
        String shape;

        ListObjectsRequest[] requests;
        int next;

        @Setup(Level.Trial)
        public void setUp(Store store) {
            SplittableRandom random = new SplittableRandom(7);
            requests = new ListObjectsRequest[STARTS];
            for (int i = 0; i < STARTS; i++) {
                int start = random.nextInt(DIRS * KEYS_PER_DIR - PAGE);
                int dir = random.nextInt(DIRS);
                requests[i] = switch (shape) {
                    case "flat" -> new ListObjectsRequest(BUCKET, "", null,
                            key(start / KEYS_PER_DIR, start % KEYS_PER_DIR), PAGE);
                    case "dir" -> new ListObjectsRequest(BUCKET, String.format("dir-%03d/", dir), "/", null, PAGE);
                    case "root" -> new ListObjectsRequest(BUCKET, "", "/", null, PAGE);
                    default -> throw new IllegalArgumentException("unknown shape " + shape);
                };
                ObjectListing listing = store.engine.listObjects(requests[i]);
                int expected = shape.equals("root") ? DIRS : PAGE;
                int got = listing.objects().size() + listing.commonPrefixes().size();
                if (got != expected) {
                    throw new IllegalStateException(shape + " listed " + got + " entries, expected " + expected);
                }
            }
        }
    }

    /** ListObjectsV2 requests as a client paging through the bucket sends them (continuation tokens). */
    @State(Scope.Thread)
    public static class V2Requests {

        ListingHandler handler;
        S3Request[] requests;
        int next;

        @Setup(Level.Trial)
        public void setUp(Store store) {
            handler = new ListingHandler(store.engine);
            SplittableRandom random = new SplittableRandom(7);
            requests = new S3Request[STARTS];
            for (int i = 0; i < STARTS; i++) {
                int start = random.nextInt(DIRS * KEYS_PER_DIR - PAGE);
                String token = Base64.getUrlEncoder().withoutPadding().encodeToString(
                        key(start / KEYS_PER_DIR, start % KEYS_PER_DIR).getBytes(StandardCharsets.UTF_8));
                requests[i] = request("list-type=2&continuation-token=" + token + "&max-keys=1000");
            }
            checkXml(handler.listV2(requests[0]), PAGE);
        }
    }

    /** A stub engine answering every listObjects with one prepared 1000-object page. */
    @State(Scope.Thread)
    public static class Rendering {

        /** none (keys as is) or url (encoding-type=url, as the AWS CLI sends it). */
        @Param({"none", "url"})
        String encoding;

        ListingHandler handler;
        S3Request request;

        @Setup(Level.Trial)
        public void setUp() {
            SplittableRandom random = new SplittableRandom(3);
            List<ObjectVersion> objects = new ArrayList<>(PAGE);
            for (int i = 0; i < PAGE; i++) {
                objects.add(version(key(42 + i / KEYS_PER_DIR, 500 + i % KEYS_PER_DIR), random,
                        new ObjectBody.Inline(new byte[0])));
            }
            ObjectListing page = new ObjectListing(List.copyOf(objects), List.of(), true, objects.getLast().key());
            Engine stub = (Engine) Proxy.newProxyInstance(Engine.class.getClassLoader(), new Class<?>[] {Engine.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("listObjects")) {
                            return page;
                        }
                        throw new UnsupportedOperationException(method.getName());
                    });
            handler = new ListingHandler(stub);
            String query = "list-type=2&max-keys=1000&start-after="
                    + URLEncoder.encode(key(42, 499), StandardCharsets.UTF_8);
            request = request(encoding.equals("url") ? query + "&encoding-type=url" : query);
            checkXml(handler.listV2(request), PAGE);
        }
    }

    static S3Request request(String rawQuery) {
        return new S3Request("bench", "GET", new Route(S3Operation.LIST_OBJECTS_V2, BUCKET, null),
                QueryParams.parse(rawQuery), new DefaultHttpHeaders(),
                new RequestAccess(null, new Caller(OWNER, "bench-key", true, List.of()), null), null, -1);
    }

    static void checkXml(S3Response response, int entries) {
        byte[] xml = ((ResponseBody.Bytes) response.body()).data();
        String text = new String(xml, StandardCharsets.UTF_8);
        int contents = text.split("<Contents>", -1).length - 1;
        if (response.status() != 200 || contents != entries) {
            throw new IllegalStateException("status " + response.status() + ", " + contents + " entries");
        }
        System.out.printf("%n[ListObjectsV2 page: %d entries, %d bytes of XML]%n", contents, xml.length);
    }

    @Benchmark
    public ObjectListing engineList(Store store, Page page) {
        return store.engine.listObjects(page.requests[page.next++ % STARTS]);
    }

    @Benchmark
    public S3Response listV2(V2Requests requests) {
        return requests.handler.listV2(requests.requests[requests.next++ % STARTS]);
    }

    @Benchmark
    public S3Response renderV2(Rendering rendering) {
        return rendering.handler.listV2(rendering.request);
    }
}
