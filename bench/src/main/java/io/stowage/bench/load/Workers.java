package io.stowage.bench.load;

import io.stowage.bench.load.LoadOptions.Options;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** The measured phase's workers of each scenario but multipart (see {@link MultipartLoad}). */
final class Workers {

    private final LoadContext ctx;
    private final byte[][] paths;
    private final AtomicInteger nextDelete = new AtomicInteger();

    /** {@code paths}: the prepared objects, or null for the scenarios that need none. */
    Workers(LoadContext ctx, byte[][] paths) {
        this.ctx = ctx;
        this.paths = paths;
    }

    Worker create(int w) {
        Options o = ctx.options();
        ObjectRequests r = ctx.objectRequests();
        return switch (o.scenario()) {
            case PUT -> new ObjectWorker(Op.PUT, r, newKeys("/" + ctx.bucket() + "/put/w" + w + "/"));
            case GET -> new ObjectWorker(Op.GET, r, this::randomPath);
            case HEAD -> new ObjectWorker(Op.HEAD, r, this::randomPath);
            case DELETE -> new ObjectWorker(Op.DELETE, r, () -> {
                int i = nextDelete.getAndIncrement();
                return i < paths.length ? paths[i] : null;
            });
            case MIXED -> new MixedWorker(r, paths, w, o.concurrency());
            case LIST, LIST_DELIMITER -> new ListWorker(ctx.bucket(), o.objects(),
                    o.scenario() == LoadOptions.Scenario.LIST_DELIMITER, ctx.errors());
            case MULTIPART -> throw new IllegalArgumentException("multipart uploads run in MultipartLoad");
        };
    }

    /** prefix + 0, prefix + 1, ... */
    private static Supplier<byte[]> newKeys(String prefix) {
        long[] seq = {0};
        return () -> (prefix + seq[0]++).getBytes(StandardCharsets.US_ASCII);
    }

    private byte[] randomPath() {
        return paths[ThreadLocalRandom.current().nextInt(paths.length)];
    }
}
