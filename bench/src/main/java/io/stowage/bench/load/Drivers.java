package io.stowage.bench.load;

import io.stowage.bench.load.http.Response;
import io.stowage.bench.load.http.ResponseListener;

import java.util.concurrent.CountDownLatch;

/**
 * Runs each worker on a connection of its own: the connection's event loop sends the worker's next
 * request as soon as the answer to the previous one has been read and checked, so no thread ever
 * hands work to another. The operations that end inside the window are counted.
 */
final class Drivers implements Load {

    private final Driver[] drivers;
    private final CountDownLatch stopped;
    private final Errors errors;

    private Drivers(LoadContext ctx, Worker[] workers, Window window) {
        drivers = new Driver[workers.length];
        stopped = new CountDownLatch(workers.length);
        errors = ctx.errors();
        for (int i = 0; i < workers.length; i++) {
            drivers[i] = new Driver(workers[i], ctx.connection(), window);
        }
    }

    static Drivers start(LoadContext ctx, Worker[] workers, Window window) {
        Drivers d = new Drivers(ctx, workers, window);
        for (Driver driver : d.drivers) {
            driver.connection.eventLoop().execute(driver::next);
        }
        return d;
    }

    @Override
    public Stats await() throws InterruptedException {
        stopped.await();
        Stats total = new Stats();
        for (Driver d : drivers) {
            total.add(d.stats);
            d.connection.close();
        }
        return total;
    }

    private final class Driver implements ResponseListener {

        private final Worker worker;
        private final S3Connection connection;
        private final Window window;
        private final Stats stats = new Stats();
        private long sentAt;

        Driver(Worker worker, S3Connection connection, Window window) {
            this.worker = worker;
            this.connection = connection;
            this.window = window;
        }

        void next() {
            long now = System.nanoTime();
            if (!window.open(now)) {
                stopped.countDown();
                return;
            }
            Request r;
            try {
                r = worker.next();
            } catch (RuntimeException e) {
                stop("worker: " + e);
                return;
            }
            if (r == null) {
                window.exhausted(now);
                stopped.countDown();
                return;
            }
            sentAt = now;
            connection.send(r, this);
        }

        @Override
        public void onResponse(Response response) {
            long now = System.nanoTime();
            Worker.Outcome o;
            try {
                o = worker.finish(response);
            } catch (RuntimeException e) {
                stop("checking a response: " + e);
                return;
            }
            if (o.ok() && window.counts(now)) {
                stats.record(o.op(), now - sentAt, o.bytes(), o.keys());
            }
            next();
        }

        /** An exception on the event loop would leave this driver waiting forever: it ends the run instead. */
        private void stop(String error) {
            errors.add(error);
            stopped.countDown();
        }
    }
}
