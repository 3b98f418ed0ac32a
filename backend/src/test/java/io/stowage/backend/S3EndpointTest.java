package io.stowage.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class S3EndpointTest {

    private static String urlWithPort(String url) {
        return new S3Endpoint(URI.create(url), "us-east-1", AddressingStyle.PATH, null).urlWithPort();
    }

    @Test
    void theUrlAlwaysSpellsOutItsPort() {
        assertThat(urlWithPort("https://s3.example.org")).isEqualTo("https://s3.example.org:443");
        assertThat(urlWithPort("http://stowage.storage.svc")).isEqualTo("http://stowage.storage.svc:80");
        assertThat(urlWithPort("http://127.0.0.1:9000")).isEqualTo("http://127.0.0.1:9000");
        assertThat(urlWithPort("https://[::1]:9443/")).isEqualTo("https://[::1]:9443/");
    }
}
