package io.stowage.csi.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.stowage.backend.AccessKey;
import io.stowage.csi.CsiException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VolumeSecretsTest {

    private static final String TOKEN = "admin-token-that-must-never-show";
    private static final String SECRET = "secret-key-that-must-never-show";

    private static Map<String, String> secrets() {
        Map<String, String> secrets = new HashMap<>();
        secrets.put("s3Endpoint", "https://s3.example.com");
        secrets.put("adminEndpoint", "https://admin.example.com:9001");
        secrets.put("adminToken", TOKEN);
        secrets.put("accessKeyID", "AKID");
        secrets.put("secretAccessKey", SECRET);
        return secrets;
    }

    @Test
    void readsTheBackendAndTheS3Key() throws CsiException {
        VolumeSecrets parsed = VolumeSecrets.parse(secrets());

        assertThat(parsed.backend().adminToken()).isEqualTo(TOKEN);
        assertThat(parsed.s3Key()).contains(new AccessKey("AKID", SECRET));
        assertThat(parsed.toString()).doesNotContain(TOKEN).doesNotContain(SECRET);
        Map<String, String> withoutKey = secrets();
        withoutKey.remove("accessKeyID");
        withoutKey.remove("secretAccessKey");
        assertThat(VolumeSecrets.parse(withoutKey).s3Key()).isEmpty();
        assertThatThrownBy(() -> VolumeSecrets.parse(withoutKey).requireS3Key("a shared bucket"))
                .isInstanceOfSatisfying(CsiException.class, e -> assertThat(e.getMessage()).contains("accessKeyID"));
    }

    @Test
    void missingOrWrongKeysAreNamedWithoutTheSecretValues() {
        for (String key : new String[] {"adminToken", "adminEndpoint", "s3Endpoint", "secretAccessKey", "accessKeyID"}) {
            Map<String, String> missing = secrets();
            missing.remove(key);
            assertInvalid(missing, key);
        }
        Map<String, String> wrongUrl = secrets();
        wrongUrl.put("adminEndpoint", "ftp://admin");
        assertInvalid(wrongUrl, "adminEndpoint");
        Map<String, String> wrongCa = secrets();
        wrongCa.put("caBundle", "not PEM " + SECRET);
        assertInvalid(wrongCa, "caBundle");
        assertInvalid(Map.of(), "provisioner-secret-name");
    }

    private static void assertInvalid(Map<String, String> secrets, String named) {
        assertThatThrownBy(() -> VolumeSecrets.parse(secrets)).as(named).isInstanceOfSatisfying(CsiException.class, e -> {
            assertThat(e.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(e.getMessage()).contains(named).doesNotContain(TOKEN).doesNotContain(SECRET);
        });
    }
}
