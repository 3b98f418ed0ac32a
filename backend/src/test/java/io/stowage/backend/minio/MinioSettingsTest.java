package io.stowage.backend.minio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.backend.AccessKey;
import io.stowage.backend.BackendSettings;
import io.stowage.backend.BucketBackend;
import io.stowage.backend.BucketBackends;
import io.stowage.backend.InvalidBackendSettingsException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MinioSettingsTest {

    private static final Map<String, String> DATA = Map.of("type", "minio", "s3Endpoint", "http://minio:9000",
            "adminEndpoint", "http://minio:9000", "accessKey", "ROOTKEY", "secretKey", "root-secret-0123456789");

    @Test
    void aMinioSecretGivesTheAdminKeyAndOpensAMinioBackend() {
        BackendSettings settings = BackendSettings.fromSecretData(DATA);

        assertThat(settings.type()).isEqualTo(BackendSettings.MINIO);
        assertThat(settings.adminKey()).isEqualTo(new AccessKey("ROOTKEY", "root-secret-0123456789"));
        assertThat(settings.toString()).doesNotContain("root-secret");
        try (BucketBackend backend = BucketBackends.open(settings)) {
            assertThat(backend).isInstanceOf(MinioBackend.class);
            assertThat(backend.endpoint().region()).isEqualTo("us-east-1");
        }
    }

    @Test
    void aMinioSecretWithoutTheAdminKeyIsRefused() {
        Map<String, String> noSecret = new HashMap<>(DATA);
        noSecret.remove("secretKey");

        assertThatThrownBy(() -> BackendSettings.fromSecretData(noSecret)).isInstanceOf(InvalidBackendSettingsException.class)
                .hasMessageContaining("secretKey");
    }
}
