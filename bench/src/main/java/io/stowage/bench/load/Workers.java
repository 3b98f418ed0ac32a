package io.stowage.bench.load;

import io.stowage.bench.load.LoadOptions.Options;
import io.stowage.bench.load.Worker.Outcome;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** The measured phase's workers of each scenario. */
final class Workers {

    private final LoadContext ctx;
    private final String[] paths;
    private final Window window;
    private final AtomicInteger nextDelete = new AtomicInteger();

    /** {@code paths}: the prepared objects, or null for the scenarios that need none. */
    Workers(LoadContext ctx, String[] paths, Window window) {
        this.ctx = ctx;
        this.paths = paths;
        this.window = window;
    }

    Worker create(int w) {
        Options o = ctx.options();
        Requests r = ctx.requests();
        long size = o.size();
        return switch (o.scenario()) {
            case PUT -> {
                String prefix = "/" + ctx.bucket() + "/put/w" + w + "/";
                AtomicLong seq = new AtomicLong();
                yield () -> new Outcome(Op.PUT, r.put(prefix + seq.getAndIncrement()), size, 0);
            }
            case GET -> () -> new Outcome(Op.GET, r.get(randomPath()), size, 0);
            case HEAD -> () -> new Outcome(Op.HEAD, r.head(randomPath()), 0, 0);
            case DELETE -> () -> {
                int i = nextDelete.getAndIncrement();
                return i < paths.length ? new Outcome(Op.DELETE, r.delete(paths[i]), 0, 0) : null;
            };
            case MIXED -> new MixedWorker(r, paths, w, o.concurrency(), size);
            case LIST, LIST_DELIMITER -> new ListWorker(r, ctx.bucket(), o.objects(),
                    o.scenario() == LoadOptions.Scenario.LIST_DELIMITER, ctx.errors());
            case MULTIPART -> {
                MultipartUpload upload = new MultipartUpload(ctx, window);
                String prefix = "/" + ctx.bucket() + "/multipart/w" + w + "/";
                AtomicLong seq = new AtomicLong();
                yield () -> new Outcome(Op.UPLOAD, upload.run(prefix + seq.getAndIncrement()), size, 0);
            }
        };
    }

    private String randomPath() {
        return paths[ThreadLocalRandom.current().nextInt(paths.length)];
    }
}
