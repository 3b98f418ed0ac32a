package io.stowage.bench.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * The requests the load generator sends, over one shared {@link HttpClient} (HTTP/1.1,
 * keep-alive). One instance per worker: it owns its signer and its date cache.
 */
final class S3Client {

    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final String[] NAMES = {"host", "x-amz-content-sha256", "x-amz-date"};

    private final HttpClient http;
    private final String base;
    private final SigV4Signer signer;
    private final String[] values = new String[3];
    private long dateSecond = Long.MIN_VALUE;
    private String amzDate;

    S3Client(HttpClient http, String endpoint, String host, SigV4Signer signer) {
        this.http = http;
        this.base = endpoint;
        this.signer = signer;
        values[0] = host;
    }

    static HttpClient newHttp() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor())
                .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    private String amzDate() {
        long now = System.currentTimeMillis() / 1000;
        if (now != dateSecond) {
            dateSecond = now;
            amzDate = AMZ_DATE.format(java.time.Instant.ofEpochSecond(now));
        }
        return amzDate;
    }

    /** Sends a request; {@code query} is already canonical (sorted, strictly encoded), path already encoded. */
    <T> HttpResponse<T> send(String method, String path, String query, HttpRequest.BodyPublisher body,
            boolean unsignedPayload, String contentMd5, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        String date = amzDate();
        String payload = unsignedPayload ? SigV4Signer.UNSIGNED_PAYLOAD : SigV4Signer.EMPTY_SHA256;
        values[1] = payload;
        values[2] = date;
        String auth = signer.authorization(method, path, query, NAMES, values, payload, date);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(query.isEmpty() ? base + path : base + path + "?" + query))
                .timeout(Duration.ofSeconds(120))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body)
                .header("x-amz-content-sha256", payload).header("x-amz-date", date).header("Authorization", auth);
        if (contentMd5 != null) {
            b.header("Content-MD5", contentMd5);
        }
        return http.send(b.build(), handler);
    }

    /** A body handler that reads the whole body and keeps only its length. */
    static final HttpResponse.BodyHandler<Long> COUNTING = info -> new CountingSubscriber();

    private static final class CountingSubscriber implements HttpResponse.BodySubscriber<Long> {
        private final CompletableFuture<Long> result = new CompletableFuture<>();
        private long count;

        @Override
        public CompletionStage<Long> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> item) {
            for (ByteBuffer b : item) {
                count += b.remaining();
            }
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            result.complete(count);
        }
    }
}
