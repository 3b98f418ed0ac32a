package io.stowage.engine.store;

import static io.stowage.engine.store.EngineFixture.big;
import static io.stowage.engine.store.EngineFixture.createBucket;
import static io.stowage.engine.store.EngineFixture.files;
import static io.stowage.engine.store.EngineFixture.put;
import static io.stowage.engine.store.EngineFixture.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.engine.command.DeleteObject;
import io.stowage.engine.model.ListObjectsRequest;
import io.stowage.engine.model.ObjectBody;
import io.stowage.engine.model.ObjectListing;
import io.stowage.engine.model.ObjectVersion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksEngineConcurrencyTest {

    private static final int THREADS = 8;
    private static final int ROUNDS = 60;

    @TempDir
    Path dir;

    @Test
    void concurrentWritersLeaveConsistentObjectsAndNoLeakedBlobs() throws Exception {
        try (RocksEngine engine = EngineFixture.open(dir)) {
            createBucket(engine, "b");
            try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int thread = t;
                    futures.add(pool.submit(() -> {
                        for (int i = 0; i < ROUNDS; i++) {
                            // blobs and inline bodies, on a shared key, a per-thread key and a churned key
                            String content = i % 3 == 0 ? "t" + thread + "-" + i : big("t" + thread + "-" + i);
                            put(engine, "b", "shared", content);
                            put(engine, "b", "own-" + thread, content);
                            put(engine, "b", "churn-" + (i % 5), content);
                            if (i % 7 == 0) {
                                engine.apply(new DeleteObject("b", "churn-" + (i % 5), null));
                            }
                            read(engine, "b", "shared");
                        }
                        return null;
                    }));
                }
                for (Future<?> future : futures) {
                    future.get();
                }
            }

            String shared = read(engine, "b", "shared");
            String seed = shared.contains(":") ? shared.substring(0, shared.indexOf(':')) : shared;
            assertThat(seed).matches("t\\d-\\d+");
            assertThat(shared).isIn(seed, big(seed));
            for (int t = 0; t < THREADS; t++) {
                String value = read(engine, "b", "own-" + t);
                assertThat(value).isIn("t" + t + "-" + (ROUNDS - 1), big("t" + t + "-" + (ROUNDS - 1)));
            }
            ObjectListing listing = engine.listObjects(new ListObjectsRequest("b", "", null, null, 1000));
            Set<Path> referenced = new HashSet<>();
            for (ObjectVersion version : listing.objects()) {
                if (version.body() instanceof ObjectBody.Blob blob) {
                    referenced.add(EngineFixture.blobFile(dir, blob.blobId()));
                }
            }
            assertThat(new HashSet<>(files(dir.resolve("blobs")))).isEqualTo(referenced);
            assertThat(files(dir.resolve("tmp"))).isEmpty();
        }
    }
}
