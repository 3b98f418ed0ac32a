package io.stowage.bench.load;

import io.stowage.bench.load.LoadOptions.Options;

import java.io.IOException;

/**
 * A warp-like S3 load generator. See docs/benchmarks.md ("Load generator") and {@link #usage()}.
 *
 * <p>Phases: create the bucket, prepare objects, warm-up (not counted), measured duration,
 * cleanup. Every response is checked; a run with any error prints it and exits 1.
 */
public final class LoadMain {

    private LoadMain() {
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
        LoadContext ctx = LoadContext.of(o);
        int status;
        try {
            status = run(ctx);
        } finally {
            ctx.transport().close();
        }
        System.exit(status);
    }

    static String usage() {
        return """
                usage: java -cp benchmarks.jar io.stowage.bench.load.LoadMain --endpoint http://127.0.0.1:9000
                         --access-key AK --secret-key SK [--region us-east-1]
                         --scenario put|get|head|delete|mixed|list|list-delimiter|multipart
                         [--size 4KiB] [--concurrency 32] [--duration 30s] [--warmup 5s] [--objects N]
                         [--part-size 16MiB] [--bucket NAME] [--keep-bucket] [--cleanup batch|single]
                         [--json out.jsonl] [--server-pid PID] [--event-loops 1]
                  --objects     prepared objects: get/head/mixed 1000, delete 50000 (pre-created; the
                                measured phase ends early if they run out), list/list-delimiter 100000
                                (keys p000/o0000000 .. p099/..., 100 prefixes)
                  --size        object size (multipart: default 1GiB)
                  --part-size   multipart part size; --concurrency parts of one upload are in flight
                  --bucket      use (and create if missing) this bucket; objects already there with the
                                expected count are not re-created. With --keep-bucket nothing is deleted.
                  --cleanup     delete the objects with DeleteObjects of 1000 keys (batch) or one DELETE
                                per key, one at a time (single)
                  --server-pid  also report the CPU this process (the server under test) used in the
                                measured window, from /proc/PID/stat, next to the client's
                  --event-loops threads of the HTTP client; each of the --concurrency connections
                                stays on one of them""";
    }

    static int run(LoadContext ctx) throws Exception {
        Options o = ctx.options();
        if (o.serverPid() != 0) {
            try {
                ProcStat.cpuNanos(o.serverPid());
            } catch (IOException e) {
                System.err.println("error: --server-pid " + o.serverPid() + ": cannot read its CPU time (" + e + ")");
                return 2;
            }
        }
        log("bucket " + ctx.bucket() + "; transport " + ctx.transport().kind() + ", " + o.eventLoops()
                + " event loop(s)");
        Bucket bucket = new Bucket(ctx);
        String createError = bucket.create();
        if (createError != null) {
            System.err.println(createError);
            return 1;
        }
        MeasuredPhase.Result result = null;
        try {
            byte[][] paths = o.prepares() ? Keys.paths(ctx.bucket(), o.objects()) : null;
            if (paths != null) {
                bucket.prepare(paths);
            }
            if (!ctx.errors().any()) {
                result = MeasuredPhase.run(ctx, paths);
            }
        } finally {
            if (!o.keepBucket()) {
                bucket.cleanup();
            }
        }
        Errors errors = ctx.errors();
        if (errors.any()) {
            System.err.println("FAILED: " + errors.count() + " errors (a run with errors is not a result); first ones:");
            for (String e : errors.first()) {
                System.err.println("  " + e);
            }
            return 1;
        }
        new Report(o, ctx.transport().kind()).print(result);
        return 0;
    }

    static void log(String s) {
        System.err.println("[load] " + s);
    }
}
