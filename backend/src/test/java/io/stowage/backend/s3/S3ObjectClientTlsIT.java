package io.stowage.backend.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.stowage.backend.AccessKey;
import io.stowage.backend.AddressingStyle;
import io.stowage.backend.BackendException;
import io.stowage.backend.BackendException.Reason;
import io.stowage.backend.S3Endpoint;
import io.stowage.server.StowageServer;
import io.stowage.server.it.StowageServerExtension;
import io.stowage.server.tls.TlsConfig;
import io.stowage.server.tls.TlsMode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The S3 client on an https endpoint: it trusts the endpoint's CA bundle, and without it the JDK's store only. */
class S3ObjectClientTlsIT {

    private static final AccessKey ROOT = new AccessKey(StowageServerExtension.ACCESS_KEY, StowageServerExtension.SECRET_KEY);

    private static StowageServer server;
    private static URI url;
    private static String caBundle;

    @BeforeAll
    static void start(@TempDir Path data) throws Exception {
        server = StowageServer.start(StowageServerExtension.config(data, new TlsConfig(TlsMode.AUTO, null, null, null, List.of())));
        url = URI.create("https://127.0.0.1:" + server.address().getPort());
        caBundle = Files.readString(server.tlsCaFile());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static BackendException listing(String ca) {
        try (S3ObjectClient client = S3ObjectClient.open(new S3Endpoint(url, StowageServerExtension.REGION, AddressingStyle.PATH, ca), ROOT)) {
            return catchThrowableOfType(BackendException.class, () -> client.listObjects("no-such-bucket", "", null, 1));
        }
    }

    @Test
    void theCaBundleVerifiesTheServer() {
        // the signed request got through TLS and was answered: the bucket does not exist
        assertThat(listing(caBundle).reason()).isEqualTo(Reason.NOT_FOUND);
    }

    @Test
    void withoutTheBundleTheServerIsNotTrusted() {
        BackendException e = listing(null);

        assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
        assertThat(e.getMessage()).contains("cannot reach " + url);
    }
}
