package io.stowage.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CORSRule;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * A page on another origin PUTs and GETs an object through presigned URLs in headless Chromium (Debian's package,
 * which .ci/run installs): what a web app does with S3. The page reports what its fetches saw to the server that
 * served it (same origin, so that report needs no CORS). A bucket without CORS rules must stay unreadable to it.
 */
@ExtendWith(StowageServerExtension.class)
class CorsBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path profile;

    @Test
    void aPageOnAnotherOriginPutsAndGetsThroughPresignedUrls(S3Client s3, S3Presigner presigner) throws Exception {
        assertThat(CHROMIUM).as("Debian's chromium (apt-get install chromium; .ci/run installs it)").exists();
        String bucket = TestData.bucketName("browser");
        String closed = TestData.bucketName("browser-closed");
        s3.createBucket(b -> b.bucket(bucket));
        s3.createBucket(b -> b.bucket(closed));
        s3.putObject(b -> b.bucket(closed).key("secret.txt"), software.amazon.awssdk.core.sync.RequestBody.fromString("no"));

        CompletableFuture<String> report = new CompletableFuture<>();
        HttpServer pages = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String origin = "http://127.0.0.1:" + pages.getAddress().getPort();
        s3.putBucketCors(b -> b.bucket(bucket).corsConfiguration(c -> c.corsRules(CORSRule.builder()
                .allowedOrigins(origin).allowedMethods("GET", "PUT").allowedHeaders("*").exposeHeaders("ETag").build())));
        Duration valid = Duration.ofMinutes(5);
        String put = presigner.presignPutObject(p -> p.signatureDuration(valid)
                .putObjectRequest(o -> o.bucket(bucket).key("from-browser.txt"))).url().toString();
        String get = presigner.presignGetObject(p -> p.signatureDuration(valid)
                .getObjectRequest(o -> o.bucket(bucket).key("from-browser.txt"))).url().toString();
        String denied = presigner.presignGetObject(p -> p.signatureDuration(valid)
                .getObjectRequest(o -> o.bucket(closed).key("secret.txt"))).url().toString();
        pages.createContext("/", exchange -> respond(exchange, "text/html", page(put, get, denied)));
        pages.createContext("/result", exchange -> {
            report.complete(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            respond(exchange, "text/plain", "thanks");
        });
        pages.start();
        Process browser = null;
        try {
            browser = new ProcessBuilder(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--user-data-dir=" + profile.resolve("profile"), origin + "/"))
                    .redirectErrorStream(true).redirectOutput(profile.resolve("chromium.log").toFile()).start();
            String json = report.get(PAGE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            JsonNode result = new ObjectMapper().readTree(json);
            assertThat(result.path("error").asText("")).as("what the page's fetches threw").isEmpty();
            assertThat(result.path("putStatus").asInt()).isEqualTo(200);
            assertThat(result.path("putEtag").asText()).as("ETag exposed to the page").startsWith("\"");
            assertThat(result.path("getStatus").asInt()).isEqualTo(200);
            assertThat(result.path("body").asText()).isEqualTo("written by a browser");
            assertThat(result.path("denied").asText()).as("a bucket without CORS rules, read from the page").isEqualTo("blocked");
            assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("from-browser.txt")).asUtf8String())
                    .isEqualTo("written by a browser");
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the page reported nothing within " + PAGE_TIMEOUT + "; chromium's output:\n"
                    + Files.readString(profile.resolve("chromium.log")), e);
        } finally {
            pages.stop(0);
            if (browser != null) {
                browser.descendants().forEach(ProcessHandle::destroyForcibly);
                browser.destroyForcibly();
                browser.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static String page(String put, String get, String denied) {
        return """
                <!doctype html><html><body><script>
                (async () => {
                  const out = {};
                  let step = 'PUT';
                  try {
                    const put = await fetch(%s, {method: 'PUT', body: 'written by a browser',
                                                 headers: {'Content-Type': 'text/plain'}});
                    out.putStatus = put.status;
                    out.putEtag = put.headers.get('ETag');
                    step = 'GET';
                    const got = await fetch(%s);
                    out.getStatus = got.status;
                    out.body = await got.text();
                  } catch (e) {
                    out.error = step + ': ' + String(e);
                  }
                  try {
                    await fetch(%s);
                    out.denied = 'readable';
                  } catch (e) {
                    out.denied = 'blocked';
                  }
                  await fetch('/result', {method: 'POST', body: JSON.stringify(out)});
                })();
                </script></body></html>
                """.formatted(js(put), js(get), js(denied));
    }

    private static String js(String url) {
        return "'" + URI.create(url).toASCIIString().replace("'", "%27") + "'";
    }

    private static void respond(HttpExchange exchange, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
