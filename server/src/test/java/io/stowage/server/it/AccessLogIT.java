package io.stowage.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stowage.server.logging.AccessLog;
import io.stowage.server.logging.JsonLogLayout;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The access log of a real server: one line per request, after its response is out, with the
 * request id the client saw, the operation, status, error code and byte counts; rendered as JSON,
 * each line parses; a presigned URL's signature and the secret key never appear.
 */
@ExtendWith(StowageServerExtension.class)
class AccessLogIT {

    private static final String BUCKET = TestData.bucketName("accesslog");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ConcurrentLinkedQueue<ILoggingEvent> EVENTS = new ConcurrentLinkedQueue<>();
    private static final AppenderBase<ILoggingEvent> APPENDER = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            event.prepareForDeferredProcessing();
            EVENTS.add(event);
        }
    };

    @BeforeAll
    static void captureTheAccessLog(S3Client s3) {
        Logger access = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(AccessLog.LOGGER);
        APPENDER.setContext(access.getLoggerContext());
        APPENDER.start();
        access.addAppender(APPENDER);
        access.setLevel(Level.INFO);
        s3.createBucket(b -> b.bucket(BUCKET));
    }

    @AfterAll
    static void stopCapturing() {
        Logger access = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(AccessLog.LOGGER);
        access.detachAppender(APPENDER);
        access.setLevel(null);
        APPENDER.stop();
    }

    @Test
    void eachRequestIsOneLineWithTheRequestIdTheClientSaw(S3Client s3) throws Exception {
        byte[] body = TestData.bytes(5000, 7);
        PutObjectResponse put = s3.putObject(b -> b.bucket(BUCKET).key("dir/one.bin"), RequestBody.fromBytes(body));
        String putId = put.responseMetadata().requestId();
        JsonNode putLine = lineFor(putId);
        assertThat(putLine.get("operation").asText()).isEqualTo("PutObject");
        assertThat(putLine.get("method").asText()).isEqualTo("PUT");
        assertThat(putLine.get("path").asText()).isEqualTo("/" + BUCKET + "/dir/one.bin");
        assertThat(putLine.get("status").asInt()).isEqualTo(200);
        assertThat(putLine.get("bucket").asText()).isEqualTo(BUCKET);
        assertThat(putLine.get("accessKey").asText()).isEqualTo(StowageServerExtension.ACCESS_KEY);
        assertThat(putLine.get("bytesIn").asLong()).as("body bytes, with aws-chunked framing if any").isGreaterThanOrEqualTo(body.length);
        assertThat(putLine.get("errorCode").isNull()).isTrue();
        assertThat(putLine.get("complete").asBoolean()).isTrue();
        assertThat(putLine.get("message").asText()).contains("PUT /" + BUCKET + "/dir/one.bin\" 200 PutObject");

        String getId = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("dir/one.bin")).response().responseMetadata().requestId();
        JsonNode getLine = lineFor(getId);
        assertThat(getLine.get("operation").asText()).isEqualTo("GetObject");
        assertThat(getLine.get("bytesOut").asLong()).isEqualTo(body.length);
    }

    @Test
    void errorsCarryTheirS3Code(S3Client s3) throws Exception {
        NoSuchKeyException missing = (NoSuchKeyException) catchThrowable(() -> s3.getObject(b -> b.bucket(BUCKET).key("nope")));
        JsonNode line = lineFor(missing.requestId());
        assertThat(line.get("status").asInt()).isEqualTo(404);
        assertThat(line.get("errorCode").asText()).isEqualTo("NoSuchKey");
        assertThat(line.get("operation").asText()).isEqualTo("GetObject");
    }

    @Test
    void presignedSignaturesAndSecretsNeverReachTheLog(S3Client s3, S3Presigner presigner) throws Exception {
        s3.putObject(b -> b.bucket(BUCKET).key("shared.txt"), RequestBody.fromString("hello"));
        URI url = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                .getObjectRequest(g -> g.bucket(BUCKET).key("shared.txt"))).url().toURI();
        String signature = url.getQuery().replaceAll(".*X-Amz-Signature=([0-9a-f]+).*", "$1");
        HttpResponse<String> response;
        try (HttpClient http = HttpClient.newHttpClient()) {
            response = http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
        }
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode line = lineFor(response.headers().firstValue("x-amz-request-id").orElseThrow());
        assertThat(line.get("path").asText()).isEqualTo("/" + BUCKET + "/shared.txt");
        for (String rendered : renderedLines()) {
            assertThat(rendered).doesNotContain(signature).doesNotContain(StowageServerExtension.SECRET_KEY)
                    .doesNotContain("X-Amz-Signature").doesNotContain("X-Amz-Credential");
        }
    }

    private static Throwable catchThrowable(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("expected the call to fail");
    }

    /** The JSON line of a request, waiting briefly: the line is written once the response is out. */
    private static JsonNode lineFor(String requestId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            List<JsonNode> matching = renderedLines().stream().map(AccessLogIT::parse)
                    .filter(n -> requestId.equals(n.path("reqId").asText(null))).toList();
            if (!matching.isEmpty()) {
                assertThat(matching).as("lines for request %s", requestId).hasSize(1);
                return matching.getFirst();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no access log line for request " + requestId + " in " + renderedLines());
    }

    private static List<String> renderedLines() {
        JsonLogLayout layout = new JsonLogLayout();
        return EVENTS.stream().map(layout::doLayout).toList();
    }

    private static JsonNode parse(String line) {
        assertThat(line).endsWith("\n").doesNotContain("\n\n");
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not a JSON line: " + line, e);
        }
    }
}
