package io.stowage.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResponseCheckTest {

    @Test
    void goodResponsesPass() {
        assertThat(ResponseCheck.check("GET", 200, 4096, 4096)).isNull();
        assertThat(ResponseCheck.check("PUT", 200, 0, -1)).isNull();
        assertThat(ResponseCheck.check("HEAD", 200, 0, -1)).isNull();
        assertThat(ResponseCheck.check("DELETE", 204, 0, -1)).isNull();
    }

    @Test
    void aShortBodyIsAnError() {
        assertThat(ResponseCheck.check("GET", 200, 4095, 4096)).contains("4095");
        assertThat(ResponseCheck.check("GET", 206, 0, 4096)).isNotNull();
    }

    @Test
    void aServerErrorIsAnError() {
        assertThat(ResponseCheck.check("GET", 500, 4096, 4096)).contains("500");
        assertThat(ResponseCheck.check("PUT", 500, 0, -1)).contains("500");
        assertThat(ResponseCheck.check("HEAD", 404, 0, -1)).contains("404");
        assertThat(ResponseCheck.check("PUT", 301, 0, -1)).isNotNull();
    }

    @Test
    void deleteWantsNoContent() {
        assertThat(ResponseCheck.check("DELETE", 200, 0, -1)).isNotNull();
    }

    @Test
    void parsesOptions() {
        LoadOptions.Options o = LoadOptions.Options.parse(new String[] {"--endpoint", "http://h:9/", "--access-key", "a",
            "--secret-key", "s", "--scenario", "list-delimiter", "--size", "4KiB", "--duration", "15s", "--warmup",
            "500ms", "--keep-bucket"});
        assertThat(o.endpoint()).isEqualTo("http://h:9");
        assertThat(o.size()).isEqualTo(4096);
        assertThat(o.durationNanos()).isEqualTo(15_000_000_000L);
        assertThat(o.warmupNanos()).isEqualTo(500_000_000L);
        assertThat(o.objects()).isEqualTo(100_000);
        assertThat(o.keepBucket()).isTrue();
        assertThat(Keys.key(12345)).isEqualTo("p045/o0000123");
        assertThat(XmlTags.tag("<a><KeyCount>7</KeyCount></a>", "KeyCount")).isEqualTo("7");
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
