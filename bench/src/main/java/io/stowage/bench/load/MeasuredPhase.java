package io.stowage.bench.load;

import io.stowage.bench.load.LoadOptions.Options;
import io.stowage.bench.load.LoadOptions.Scenario;

import java.util.Locale;

/**
 * The warm-up and the measured window: the workers send requests back to back; the operations that
 * end inside the window are counted. Also measures the client's (and the server's) CPU share.
 */
final class MeasuredPhase {

    record Result(Stats stats, double seconds, CpuMeter.Shares cpu) {
    }

    private MeasuredPhase() {
    }

    /** The merged result; errors are in the context's {@link Errors}. */
    static Result run(LoadContext ctx, byte[][] paths) throws InterruptedException {
        Options o = ctx.options();
        Window window = new Window(System.nanoTime(), o.warmupNanos(), o.durationNanos(), ctx.errors());
        Load load;
        if (o.scenario() == Scenario.MULTIPART) {
            load = MultipartLoad.start(ctx, window);
        } else {
            Workers workers = new Workers(ctx, paths);
            Worker[] each = new Worker[o.concurrency()];
            for (int w = 0; w < each.length; w++) {
                each[w] = workers.create(w);
            }
            load = Drivers.start(ctx, each, window);
        }
        CpuMeter cpu = new CpuMeter(o.serverPid());
        sleepUntil(window.start);
        cpu.start();
        while (window.open(System.nanoTime())) {
            Thread.sleep(20);
        }
        CpuMeter.Shares shares = cpu.stop();
        window.stop();
        Stats total = load.await();
        double seconds = window.seconds();
        if (window.exhausted()) {
            if (window.exhaustedInWarmup()) {
                ctx.errors().add("delete: the " + o.objects() + " prepared objects ran out during the warm-up; raise --objects");
            } else {
                LoadMain.log(String.format(Locale.ROOT, "prepared objects ran out: measured %.1f s instead of %.1f s",
                        seconds, o.durationNanos() / 1e9));
            }
        }
        return new Result(total, seconds, shares);
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long d;
        while ((d = nanos - System.nanoTime()) > 0) {
            Thread.sleep(Math.max(1, d / 1_000_000));
        }
    }
}
