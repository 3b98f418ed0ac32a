package io.stowage.kube.secretclaim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.kube.provision.ClaimRefusedException;
import java.net.URI;
import org.junit.jupiter.api.Test;

class EndpointUrlsTest {

    @Test
    void defaultPortsCaseAndTrailingSlashesDoNotMatter() {
        assertThat(same("https://s3.example.com", "https://s3.example.com:443/")).isTrue();
        assertThat(same("http://s3.example.com/", "http://s3.example.com:80")).isTrue();
        assertThat(same("HTTPS://S3.Example.com:9000", "https://s3.example.com:9000")).isTrue();
        assertThat(same("https://gw.example.com/s3/", "https://gw.example.com/s3")).isTrue();
    }

    @Test
    void schemeHostPortAndPathDo() {
        assertThat(same("http://s3.example.com", "https://s3.example.com")).isFalse();
        assertThat(same("http://s3.example.com:443", "https://s3.example.com")).isFalse();
        assertThat(same("https://s3.example.com:9000", "https://s3.example.com")).isFalse();
        assertThat(same("https://s3.example.org", "https://s3.example.com")).isFalse();
        assertThat(same("https://gw.example.com/s3", "https://gw.example.com")).isFalse();
    }

    @Test
    void parseAcceptsOnlyHttpUrlsWithAHost() throws ClaimRefusedException {
        assertThat(EndpointUrls.parse(" http://10.0.0.1:9000 ", "endpoint-url")).isEqualTo(URI.create("http://10.0.0.1:9000"));
        for (String bad : new String[] {"s3.example.com", "https:///path", "ftp://s3.example.com", "http://bad host"}) {
            assertThatThrownBy(() -> EndpointUrls.parse(bad, "endpoint-url"))
                    .as(bad).isInstanceOf(ClaimRefusedException.class);
        }
    }

    private static boolean same(String a, String b) {
        return EndpointUrls.same(URI.create(a), URI.create(b));
    }
}
