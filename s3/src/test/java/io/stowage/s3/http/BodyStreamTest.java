package io.stowage.s3.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BodyStreamTest {

    private static ByteBuf bytes(int n) {
        return Unpooled.wrappedBuffer(new byte[n]);
    }

    @Test
    void readsNothingFromTheSocketBeforeTheHandlerAsksAndStopsAtTheReadAheadWindow() throws Exception {
        EmbeddedChannel channel = new EmbeddedChannel();
        BodyStream body = new BodyStream(channel, false);
        body.offer(bytes(1000), false);
        assertThat(body.readAgain()).as("no read ahead before the handler starts reading").isFalse();

        byte[] buffer = new byte[600];
        assertThat(body.read(buffer)).isEqualTo(600);
        assertThat(body.readAgain()).as("started, 400 bytes buffered").isTrue();

        body.offer(bytes(BodyStream.READ_AHEAD), false);
        assertThat(body.readAgain()).as("window full").isFalse();
        assertThat(body.read(buffer)).isEqualTo(400);
        assertThat(body.readAgain()).as("window full").isFalse();
        assertThat(body.read(buffer)).isEqualTo(600);
        assertThat(body.readAgain()).as("below the window again").isTrue();
        body.close();
    }

    @Test
    void endsAfterTheLastContentAndStopsReading() throws Exception {
        BodyStream body = new BodyStream(new EmbeddedChannel(), false);
        body.offer(bytes(10), true);
        assertThat(body.readAllBytes()).hasSize(10);
        assertThat(body.read()).isEqualTo(-1);
        assertThat(body.isComplete()).isTrue();
        assertThat(body.readAgain()).isFalse();
    }

    @Test
    void aClosedConnectionFailsTheReader() throws Exception {
        BodyStream body = new BodyStream(new EmbeddedChannel(), false);
        CompletableFuture<Integer> reader = CompletableFuture.supplyAsync(() -> {
            try {
                return body.read(new byte[10]);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(50);
        body.fail(new ClosedChannelException());
        assertThatThrownBy(() -> reader.get(5, TimeUnit.SECONDS)).hasRootCauseInstanceOf(ClosedChannelException.class);
    }

    @Test
    void theFirstReadSendsContinueWhenTheClientWaitsForIt() throws Exception {
        EmbeddedChannel channel = new EmbeddedChannel();
        BodyStream body = new BodyStream(channel, true);
        assertThat(body.continueWithheld()).isTrue();
        body.offer(bytes(0), true);
        assertThat(body.read()).isEqualTo(-1);
        body.close();

        BodyStream waiting = new BodyStream(channel, true);
        CompletableFuture<Integer> reader = CompletableFuture.supplyAsync(() -> {
            try {
                return waiting.read(new byte[4]);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        HttpResponse continued = null;
        for (int i = 0; i < 100 && continued == null; i++) {
            channel.runPendingTasks();
            continued = channel.readOutbound();
            Thread.sleep(10);
        }
        assertThat(continued).isNotNull();
        assertThat(continued.status()).isEqualTo(HttpResponseStatus.CONTINUE);
        assertThat(waiting.continueWithheld()).isFalse();
        waiting.offer(bytes(4), true);
        assertThat(reader.get(5, TimeUnit.SECONDS)).isEqualTo(4);
    }
}
