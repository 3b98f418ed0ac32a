package io.stowage.bench.load;

import io.stowage.bench.load.LoadOptions.Options;
import io.stowage.bench.load.LoadOptions.Scenario;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * The warm-up and the measured window: the workers (virtual threads) send requests back to back;
 * the operations that end inside the window are counted. Also measures the client's CPU share.
 */
final class MeasuredPhase {

    record Result(Stats stats, double seconds, double cpuShare) {
    }

    private MeasuredPhase() {
    }

    /** The merged result; errors are in the context's {@link Errors}. */
    static Result run(LoadContext ctx, String[] paths) throws InterruptedException {
        Options o = ctx.options();
        Window window = new Window(System.nanoTime(), o.warmupNanos(), o.durationNanos(), ctx.errors());
        Workers workers = new Workers(ctx, paths, window);
        // multipart: --concurrency is the parts in flight of the one upload at a time
        int count = o.scenario() == Scenario.MULTIPART ? 1 : o.concurrency();
        Stats[] stats = new Stats[count];
        Thread[] threads = new Thread[count];
        for (int w = 0; w < count; w++) {
            Worker worker = workers.create(w);
            Stats s = stats[w] = new Stats();
            threads[w] = Thread.ofVirtual().name("load-" + w).start(() -> loop(worker, window, s));
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        sleepUntil(window.start);
        long cpu0 = os.getProcessCpuTime();
        long wall0 = System.nanoTime();
        while (window.open(System.nanoTime())) {
            Thread.sleep(20);
        }
        long cpu1 = os.getProcessCpuTime();
        long wall1 = System.nanoTime();
        window.stop();
        for (Thread t : threads) {
            t.join();
        }
        Stats total = new Stats();
        for (Stats s : stats) {
            total.add(s);
        }
        double seconds = window.seconds();
        if (window.exhausted()) {
            if (window.exhaustedInWarmup()) {
                ctx.errors().add("delete: the " + o.objects() + " prepared objects ran out during the warm-up; raise --objects");
            } else {
                LoadMain.log(String.format(Locale.ROOT, "prepared objects ran out: measured %.1f s instead of %.1f s",
                        seconds, o.durationNanos() / 1e9));
            }
        }
        double cpuShare = (cpu1 - cpu0) / ((wall1 - wall0) * (double) Runtime.getRuntime().availableProcessors());
        return new Result(total, seconds, cpuShare);
    }

    private static void loop(Worker worker, Window window, Stats stats) {
        while (true) {
            long t0 = System.nanoTime();
            if (!window.open(t0)) {
                return;
            }
            Worker.Outcome r = worker.next();
            long t1 = System.nanoTime();
            if (r == null) {
                window.exhausted(t0);
                return;
            }
            if (r.ok() && window.counts(t1)) {
                stats.record(r.op(), t1 - t0, r.bytes(), r.keys());
            }
        }
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long d;
        while ((d = nanos - System.nanoTime()) > 0) {
            Thread.sleep(Math.max(1, d / 1_000_000));
        }
    }
}
