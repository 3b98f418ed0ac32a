package io.stowage.bench.load;

import java.util.Arrays;

/** The multipart scenario's traffic: one upload at a time, back to back, on a virtual thread. */
final class MultipartLoad implements Load {

    private final Thread thread;
    private final Stats stats = new Stats();
    private final S3Connection[] connections;

    private MultipartLoad(LoadContext ctx, Window window) {
        connections = new S3Connection[ctx.options().concurrency() + 1];
        for (int i = 0; i < connections.length; i++) {
            connections[i] = ctx.connection();
        }
        S3Connection[] parts = Arrays.copyOfRange(connections, 1, connections.length);
        MultipartUpload upload = new MultipartUpload(ctx, window, connections[0], parts);
        String prefix = "/" + ctx.bucket() + "/multipart/";
        long size = ctx.options().size();
        Errors errors = ctx.errors();
        thread = Thread.ofVirtual().name("multipart").unstarted(() -> {
            for (long seq = 0; ; seq++) {
                long t0 = System.nanoTime();
                if (!window.open(t0)) {
                    return;
                }
                boolean ok;
                try {
                    ok = upload.run(prefix + seq);
                } catch (InterruptedException | RuntimeException e) {
                    errors.add("multipart upload: " + e);
                    return;
                }
                long t1 = System.nanoTime();
                if (ok && window.counts(t1)) {
                    stats.record(Op.UPLOAD, t1 - t0, size, 0);
                }
            }
        });
    }

    static MultipartLoad start(LoadContext ctx, Window window) {
        MultipartLoad load = new MultipartLoad(ctx, window);
        load.thread.start();
        return load;
    }

    @Override
    public Stats await() throws InterruptedException {
        thread.join();
        for (S3Connection c : connections) {
            c.close();
        }
        return stats;
    }
}
