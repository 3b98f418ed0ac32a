package io.stowage.bench.load;

import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A request body made of the first {@code length} bytes of the shared payload, handed to the HTTP
 * client as read-only slices of it. {@code BodyPublishers.ofByteArray} copies the whole body for
 * every request (64 MiB per PUT of that size); this keeps the client's memory at one payload.
 */
final class PayloadPublisher implements HttpRequest.BodyPublisher {

    static final int SLICE = 64 * 1024;

    private final byte[] payload;
    private final int length;

    PayloadPublisher(byte[] payload, int length) {
        if (length > payload.length) {
            throw new IllegalArgumentException("body of " + length + " bytes, payload of " + payload.length);
        }
        this.payload = payload;
        this.length = length;
    }

    @Override
    public long contentLength() {
        return length;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        subscriber.onSubscribe(new Slices(subscriber));
    }

    /** Emits slices as demanded; {@code wip} lets only one thread emit, also when onNext requests more. */
    private final class Slices implements Flow.Subscription {
        private final Flow.Subscriber<? super ByteBuffer> subscriber;
        private final AtomicLong demand = new AtomicLong();
        private final AtomicInteger wip = new AtomicInteger();
        private int offset;
        private volatile boolean done;

        Slices(Flow.Subscriber<? super ByteBuffer> subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            if (done) {
                return;
            }
            if (n <= 0) {
                done = true;
                subscriber.onError(new IllegalArgumentException("request(" + n + ")"));
                return;
            }
            demand.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
            if (wip.getAndIncrement() != 0) {
                return;
            }
            do {
                while (!done && offset < length && demand.get() > 0) {
                    demand.decrementAndGet();
                    int n1 = Math.min(SLICE, length - offset);
                    ByteBuffer slice = ByteBuffer.wrap(payload, offset, n1).slice().asReadOnlyBuffer();
                    offset += n1;
                    subscriber.onNext(slice);
                }
                if (!done && offset == length) {
                    done = true;
                    subscriber.onComplete();
                }
            } while (wip.decrementAndGet() != 0);
        }

        @Override
        public void cancel() {
            done = true;
        }
    }
}
