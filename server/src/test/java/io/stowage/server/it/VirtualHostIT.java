package io.stowage.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.s3.S3Config;
import io.stowage.server.ServerConfig;
import io.stowage.server.StowageServer;
import io.stowage.server.lifecycle.LifecycleSettings;
import io.stowage.server.tls.TlsConfig;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Virtual-hosted-style requests (bucket.DOMAIN) next to path style, on a server started with
 * --domain. Names under the domain do not resolve here, so requests go to 127.0.0.1 with the
 * virtual host in the Host header, which is also what is signed.
 */
class VirtualHostIT {

    private static final String DOMAIN = "s3.stowage.test";
    private static StowageServer server;
    private static URI endpoint;

    @BeforeAll
    static void start(@TempDir Path data) throws Exception {
        server = StowageServer.start(new ServerConfig(new InetSocketAddress("127.0.0.1", 0), data, new S3Config("us-east-1", DOMAIN),
                32 * 1024, ServerConfig.DEFAULT_MULTIPART_EXPIRY, StowageServerExtension.ACCESS_KEY, StowageServerExtension.SECRET_KEY,
                new InetSocketAddress("127.0.0.1", 0), StowageServerExtension.ADMIN_TOKEN, ServerConfig.DEFAULT_SHUTDOWN_GRACE, TlsConfig.off(),
                StowageServerExtension.METRICS, LifecycleSettings.DEFAULT));
        endpoint = URI.create("http://127.0.0.1:" + server.address().getPort());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void bucketFromTheHostAndKeyFromThePath() throws Exception {
        URI vhost = URI.create("http://photos." + DOMAIN + ":" + endpoint.getPort());
        assertThat(send(vhost, "PUT", "/", new byte[0]).status()).isEqualTo(200);
        assertThat(send(vhost, "PUT", "/2026/cat.jpg", "meow".getBytes()).status()).isEqualTo(200);

        RawHttp.Response get = send(vhost, "GET", "/2026/cat.jpg", new byte[0]);
        assertThat(get.status()).isEqualTo(200);
        assertThat(get.text()).isEqualTo("meow");

        RawHttp.Response list = send(vhost, "GET", "/?list-type=2&delimiter=%2F", new byte[0]);
        assertThat(list.text()).contains("<Name>photos</Name>").contains("<Prefix>2026/</Prefix>");

        // The same object in path style.
        RawHttp.Response pathStyle = send(endpoint, "GET", "/photos/2026/cat.jpg", new byte[0]);
        assertThat(pathStyle.text()).isEqualTo("meow");
    }

    private static RawHttp.Response send(URI signedFor, String method, String path, byte[] body) throws Exception {
        Map<String, String> headers = RawHttp.signRoot(signedFor, method, path, body, Map.of());
        return RawHttp.send(endpoint, method, path, headers, body);
    }
}
