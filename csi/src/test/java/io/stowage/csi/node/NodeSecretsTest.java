package io.stowage.csi.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.csi.CsiException;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeSecretsTest {

    private static final String CA = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

    private static Map<String, String> secrets() {
        Map<String, String> secrets = new HashMap<>();
        secrets.put("accessKeyID", "AKID");
        secrets.put("secretAccessKey", "very-secret-value");
        secrets.put("endpoint", "https://s3.example:9000");
        return secrets;
    }

    @Test
    void theKeyEndpointRegionCaAndInsecureFlagAreRead() throws CsiException {
        Map<String, String> secrets = secrets();
        secrets.put("region", "eu-1");
        secrets.put("caBundle", CA);
        secrets.put("insecure", "TRUE");

        S3Access access = NodeSecrets.parse(secrets);

        assertThat(access).isEqualTo(new S3Access(URI.create("https://s3.example:9000"), "eu-1", "AKID",
                "very-secret-value", true, CA));
        assertThat(access.toString()).doesNotContain("very-secret-value");
    }

    @Test
    void theControllersS3EndpointKeyServesWhenThereIsNoEndpoint() throws CsiException {
        Map<String, String> secrets = secrets();
        secrets.remove("endpoint");
        secrets.put("s3Endpoint", "http://stowage:9000");

        assertThat(NodeSecrets.parse(secrets).endpoint()).isEqualTo(URI.create("http://stowage:9000"));
        assertThat(NodeSecrets.parse(secrets).insecure()).isFalse();
    }

    @Test
    void whatIsMissingOrWrongIsNamedWithoutItsValue() {
        assertThatThrownBy(() -> NodeSecrets.parse(Map.of())).hasMessageContaining("node-stage-secret-name");
        for (String key : new String[] {"accessKeyID", "secretAccessKey", "endpoint"}) {
            Map<String, String> secrets = secrets();
            secrets.remove(key);
            assertThatThrownBy(() -> NodeSecrets.parse(secrets)).isInstanceOf(CsiException.class)
                    .hasMessageContaining("'" + key + "'");
        }
        Map<String, String> ftp = secrets();
        ftp.put("endpoint", "ftp://very-secret-value");
        assertThatThrownBy(() -> NodeSecrets.parse(ftp)).hasMessageContaining("http:// or https://")
                .hasMessageNotContaining("very-secret-value");
        Map<String, String> insecure = secrets();
        insecure.put("insecure", "yes");
        assertThatThrownBy(() -> NodeSecrets.parse(insecure)).hasMessageContaining("'insecure'");
        Map<String, String> ca = secrets();
        ca.put("caBundle", "not pem");
        assertThatThrownBy(() -> NodeSecrets.parse(ca)).hasMessageContaining("PEM");
    }
}
