package io.stowage.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.bench.load.http.Response;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResponseCheckTest {

    private static Response response(int status, long contentLength, long bodyLength) {
        return new Response(status, contentLength, bodyLength, null, null, null);
    }

    @Test
    void goodResponsesPass() {
        assertThat(ResponseCheck.check("GET", response(200, 4096, 4096), 4096)).isNull();
        assertThat(ResponseCheck.check("PUT", response(200, 0, 0), -1)).isNull();
        assertThat(ResponseCheck.checkHead(response(200, 4096, 0), 4096)).isNull();
        assertThat(ResponseCheck.check("DELETE", response(204, -1, 0), -1)).isNull();
    }

    @Test
    void aShortBodyIsAnError() {
        assertThat(ResponseCheck.check("GET", response(200, 4095, 4095), 4096)).contains("4095");
        assertThat(ResponseCheck.check("GET", response(206, 0, 0), 4096)).isNotNull();
        assertThat(ResponseCheck.check("GET", new Response(200, 4096, 100, null, null,
                "connection closed after 100 of 4096 body bytes"), 4096)).contains("after 100 of 4096");
    }

    @Test
    void aServerErrorIsAnError() {
        assertThat(ResponseCheck.check("GET", response(500, 4096, 4096), 4096)).contains("500");
        assertThat(ResponseCheck.check("PUT", new Response(500, 40, 40, null,
                "<Error><Code>InternalError</Code></Error>".getBytes(StandardCharsets.UTF_8), null), -1))
                .contains("500").contains("InternalError");
        assertThat(ResponseCheck.checkHead(response(404, -1, 0), 4096)).contains("404");
        assertThat(ResponseCheck.check("PUT", response(301, 0, 0), -1)).isNotNull();
    }

    @Test
    void aHeadWantsTheObjectsLength() {
        assertThat(ResponseCheck.checkHead(response(200, 4000, 0), 4096)).contains("Content-Length 4000");
        assertThat(ResponseCheck.checkHead(response(200, -1, 0), 4096)).contains("Content-Length -1");
    }

    @Test
    void deleteWantsNoContent() {
        assertThat(ResponseCheck.check("DELETE", response(200, 0, 0), -1)).isNotNull();
    }

    @Test
    void parsesOptions() {
        LoadOptions.Options o = LoadOptions.Options.parse(new String[] {"--endpoint", "http://h:9/", "--access-key", "a",
            "--secret-key", "s", "--scenario", "list-delimiter", "--size", "4KiB", "--duration", "15s", "--warmup",
            "500ms", "--keep-bucket", "--server-pid", "42"});
        assertThat(o.endpoint()).isEqualTo("http://h:9");
        assertThat(o.size()).isEqualTo(4096);
        assertThat(o.durationNanos()).isEqualTo(15_000_000_000L);
        assertThat(o.warmupNanos()).isEqualTo(500_000_000L);
        assertThat(o.objects()).isEqualTo(100_000);
        assertThat(o.keepBucket()).isTrue();
        assertThat(o.serverPid()).isEqualTo(42);
        assertThat(o.eventLoops()).isEqualTo(1);
        assertThat(Keys.key(12345)).isEqualTo("p045/o0000123");
        assertThat(XmlTags.tag("<a><KeyCount>7</KeyCount></a>", "KeyCount")).isEqualTo("7");
    }

    @Test
    void wantsAPlainHttpEndpoint() {
        for (String endpoint : new String[] {"https://h:9", "h:9", "http://"}) {
            assertThatThrownBy(() -> LoadOptions.Options.parse(new String[] {"--endpoint", endpoint, "--access-key", "a",
                "--secret-key", "s", "--scenario", "get"})).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void parsesMultipartOptions() {
        LoadOptions.Options o = LoadOptions.Options.parse(new String[] {"--endpoint", "http://h:9", "--access-key", "a",
            "--secret-key", "s", "--scenario", "multipart", "--concurrency", "4", "--cleanup", "single"});
        assertThat(o.size()).isEqualTo(1L << 30);
        assertThat(o.partSize()).isEqualTo(16L << 20);
        assertThat(o.payloadLength()).isEqualTo(16 << 20);
        assertThat(o.prepares()).isFalse();
        assertThat(o.cleanup()).isEqualTo(LoadOptions.Cleanup.SINGLE);
        LoadOptions.Options put = LoadOptions.Options.parse(new String[] {"--endpoint", "http://h:9", "--access-key",
            "a", "--secret-key", "s", "--scenario", "put", "--size", "64MiB"});
        assertThat(put.payloadLength()).isEqualTo(64 << 20);
        assertThat(put.cleanup()).isEqualTo(LoadOptions.Cleanup.BATCH);
    }
}
