package io.stowage.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BackendSettingsTest {

    private static Map<String, String> minimal() {
        Map<String, String> data = new HashMap<>();
        data.put("s3Endpoint", "https://s3.example:9000");
        data.put("adminEndpoint", "https://s3.example:9001");
        data.put("adminToken", "secret-token");
        return data;
    }

    @Test
    void readsTheMinimalSecretWithDefaults() {
        BackendSettings settings = BackendSettings.fromSecretData(minimal());

        assertThat(settings.type()).isEqualTo("stowage");
        assertThat(settings.s3Endpoint()).isEqualTo(URI.create("https://s3.example:9000"));
        assertThat(settings.addressingStyle()).isEqualTo(AddressingStyle.PATH);
        assertThat(settings.region()).isNull();
        assertThat(settings.toString()).doesNotContain("secret-token");
    }

    @Test
    void keepsTheCaBundleAsGiven() {
        Map<String, String> data = minimal();
        String pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
        data.put("caBundle", pem);

        assertThat(BackendSettings.fromSecretData(data).caBundle()).isEqualTo(pem);
    }

    @Test
    void namesTheMissingOrWrongKey() {
        Map<String, String> noToken = minimal();
        noToken.remove("adminToken");
        assertThatThrownBy(() -> BackendSettings.fromSecretData(noToken)).hasMessageContaining("'adminToken'");

        Map<String, String> badUrl = minimal();
        badUrl.put("s3Endpoint", "s3.example:9000");
        assertThatThrownBy(() -> BackendSettings.fromSecretData(badUrl)).hasMessageContaining("s3Endpoint");

        Map<String, String> badType = minimal();
        badType.put("type", "ftp");
        assertThatThrownBy(() -> BackendSettings.fromSecretData(badType)).hasMessageContaining("'ftp'");

        Map<String, String> badCa = minimal();
        badCa.put("caBundle", "not pem");
        assertThatThrownBy(() -> BackendSettings.fromSecretData(badCa)).hasMessageContaining("caBundle");

        Map<String, String> badStyle = minimal();
        badStyle.put("addressingStyle", "sideways");
        assertThatThrownBy(() -> BackendSettings.fromSecretData(badStyle)).isInstanceOf(InvalidBackendSettingsException.class)
                .hasMessageContaining("addressingStyle");
    }

    @Test
    void readsAnRgwSecretWithTheAdminUsersKeyAndHidesTheSecret() {
        Map<String, String> data = new HashMap<>();
        data.put("type", "RGW");
        data.put("s3Endpoint", "http://rgw.example:7480");
        data.put("adminEndpoint", "http://rgw.example:7480");
        data.put("accessKey", "ADMINKEY");
        data.put("secretKey", "admin-secret-key");

        BackendSettings settings = BackendSettings.fromSecretData(data);

        assertThat(settings.type()).isEqualTo(BackendSettings.RGW);
        assertThat(settings.adminKey()).isEqualTo(new AccessKey("ADMINKEY", "admin-secret-key"));
        assertThat(settings.adminToken()).isNull();
        assertThat(settings.toString()).contains("ADMINKEY").doesNotContain("admin-secret-key");
        data.remove("secretKey");
        assertThatThrownBy(() -> BackendSettings.fromSecretData(data)).hasMessageContaining("'secretKey'");
    }

    @Test
    void accessModesParseTheSpellingsClassesUse() {
        assertThat(AccessMode.of("ReadOnly")).isEqualTo(AccessMode.READ_ONLY);
        assertThat(AccessMode.of("read-write")).isEqualTo(AccessMode.READ_WRITE);
        assertThat(AccessMode.of("READ_WRITE")).isEqualTo(AccessMode.READ_WRITE);
        assertThat(AccessMode.of("WriteOnly")).isEqualTo(AccessMode.WRITE_ONLY);
        assertThat(AccessMode.WRITE_ONLY.wireName()).isEqualTo("write-only");
        assertThatThrownBy(() -> AccessMode.of("write")).hasMessageContaining("'write'");
    }

    @Test
    void generatedKeysHaveTheUsualShapeAndHideTheSecret() {
        AccessKey key = AccessKey.generate();
        assertThat(key.id()).matches("[A-Z0-9]{20}");
        assertThat(key.secret()).hasSize(40);
        assertThat(key.toString()).doesNotContain(key.secret());
        assertThat(AccessKey.generate().id()).isNotEqualTo(key.id());
    }

    @Test
    void readsAGarageSecretWithTokenAndKeyAndHidesBoth() {
        Map<String, String> data = new HashMap<>();
        data.put("type", "garage");
        data.put("s3Endpoint", "http://garage.example:3900");
        data.put("adminEndpoint", "http://garage.example:3903");
        data.put("adminToken", "garage-admin-token");
        data.put("accessKey", "GK0123456789abcdef01234567");
        data.put("secretKey", "garage-secret-key");

        BackendSettings settings = BackendSettings.fromSecretData(data);

        assertThat(settings.type()).isEqualTo(BackendSettings.GARAGE);
        assertThat(settings.adminToken()).isEqualTo("garage-admin-token");
        assertThat(settings.adminKey()).isEqualTo(new AccessKey("GK0123456789abcdef01234567", "garage-secret-key"));
        assertThat(settings.toString()).doesNotContain("garage-admin-token").doesNotContain("garage-secret-key");
        data.remove("adminToken");
        assertThatThrownBy(() -> BackendSettings.fromSecretData(data)).hasMessageContaining("'adminToken'");
        data.put("adminToken", "garage-admin-token");
        data.remove("accessKey");
        assertThatThrownBy(() -> BackendSettings.fromSecretData(data)).hasMessageContaining("'accessKey'");
    }

    @Test
    void readsAVersityGwSecretWithAnOptionalRegistryBucketAndHidesTheSecret() {
        Map<String, String> data = new HashMap<>();
        data.put("type", "VersityGW");
        data.put("s3Endpoint", "http://versitygw.example:7070");
        data.put("adminEndpoint", "http://versitygw.example:7071");
        data.put("accessKey", "admin-access");
        data.put("secretKey", "versity-secret-key");

        BackendSettings settings = BackendSettings.fromSecretData(data);

        assertThat(settings.type()).isEqualTo(BackendSettings.VERSITYGW);
        assertThat(settings.adminKey()).isEqualTo(new AccessKey("admin-access", "versity-secret-key"));
        assertThat(settings.adminToken()).isNull();
        assertThat(settings.registryBucket()).isNull();
        assertThat(settings.toString()).doesNotContain("versity-secret-key");
        data.put("registryBucket", "my-registry");
        assertThat(BackendSettings.fromSecretData(data).registryBucket()).isEqualTo("my-registry");
        data.remove("secretKey");
        assertThatThrownBy(() -> BackendSettings.fromSecretData(data)).hasMessageContaining("'secretKey'");
    }
}
