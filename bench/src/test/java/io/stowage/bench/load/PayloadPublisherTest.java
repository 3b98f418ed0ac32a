package io.stowage.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

class PayloadPublisherTest {

    /** Requests one slice at a time from inside onNext, as the HTTP client may. */
    private static final class Collector implements Flow.Subscriber<ByteBuffer> {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        Flow.Subscription subscription;
        int slices;
        boolean readOnly = true;
        boolean complete;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(ByteBuffer item) {
            slices++;
            readOnly &= item.isReadOnly();
            byte[] b = new byte[item.remaining()];
            item.get(b);
            out.writeBytes(b);
            subscription.request(1);
        }

        @Override
        public void onError(Throwable throwable) {
            throw new AssertionError(throwable);
        }

        @Override
        public void onComplete() {
            complete = true;
        }
    }

    @Test
    void publishesTheFirstBytesOfThePayloadInReadOnlySlices() {
        byte[] payload = new byte[3 * PayloadPublisher.SLICE + 100];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 31);
        }
        int length = 2 * PayloadPublisher.SLICE + 7;
        PayloadPublisher p = new PayloadPublisher(payload, length);
        Collector c = new Collector();
        p.subscribe(c);
        assertThat(p.contentLength()).isEqualTo(length);
        assertThat(c.complete).isTrue();
        assertThat(c.slices).isEqualTo(3);
        assertThat(c.readOnly).isTrue();
        assertThat(c.out.toByteArray()).isEqualTo(java.util.Arrays.copyOf(payload, length));
        assertThat(payload[0]).isEqualTo((byte) 0);
    }

    @Test
    void canBeSubscribedAgainForEachRequest() {
        byte[] payload = {1, 2, 3};
        PayloadPublisher p = new PayloadPublisher(payload, 3);
        for (int i = 0; i < 2; i++) {
            Collector c = new Collector();
            p.subscribe(c);
            assertThat(c.out.toByteArray()).containsExactly(1, 2, 3);
            assertThat(c.complete).isTrue();
        }
    }
}
