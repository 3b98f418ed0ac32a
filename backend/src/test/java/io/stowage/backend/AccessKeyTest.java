package io.stowage.backend;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AccessKeyTest {

    @Test
    void generatedKeysHaveTheShapeS3SystemsUseAndDiffer() {
        AccessKey key = AccessKey.generate();
        assertThat(key.id()).matches("[A-Z0-9]{20}");
        assertThat(key.secret()).hasSize(40);
        assertThat(AccessKey.generate()).isNotEqualTo(key);
    }

    @Test
    void hexKeysHaveThePrefixAndTheHexDigitsAsked() {
        AccessKey key = AccessKey.generateHex("GK", 12, 32);
        assertThat(key.id()).matches("GK[0-9a-f]{24}");
        assertThat(key.secret()).matches("[0-9a-f]{64}");
    }

    @Test
    void hasSecretComparesTheSecretOnly() {
        AccessKey key = new AccessKey("ID", "secret-1");
        assertThat(key.hasSecret("secret-1")).isTrue();
        assertThat(key.hasSecret("secret-2")).isFalse();
        assertThat(key.hasSecret("secret-")).isFalse();
        assertThat(key.hasSecret(null)).isFalse();
        assertThat(key.toString()).doesNotContain("secret-1");
    }
}
