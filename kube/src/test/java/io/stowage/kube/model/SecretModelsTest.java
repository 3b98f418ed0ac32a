package io.stowage.kube.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.stowage.kube.TestStores;
import io.stowage.kube.crd.ObjectStore;
import org.junit.jupiter.api.Test;

class SecretModelsTest {

    private final ObjectStore store = TestStores.stored("s3", "apps");

    @Test
    void theAdminTokenIs64RandomHexCharactersInData() {
        Secret first = AdminTokenSecretModel.generate(store, TestStores.effective(store));
        Secret second = AdminTokenSecretModel.generate(store, TestStores.effective(store));

        assertThat(first.getMetadata().getName()).isEqualTo("s3-admin-token");
        assertThat(first.getStringData()).isEmpty();
        assertThat(SecretData.decode(first, "token")).matches("[0-9a-f]{64}");
        assertThat(SecretData.decode(first, "token")).isNotEqualTo(SecretData.decode(second, "token"));
        assertThat(AdminTokenSecretModel.hasToken(first)).isTrue();
        assertThat(first.getMetadata().getOwnerReferences().getFirst().getController()).isTrue();
    }

    @Test
    void aNamedAdminTokenSecretIsUsed() {
        store.getSpec().setAdminTokenSecret("shared-token");

        assertThat(AdminTokenSecretModel.generate(store, TestStores.effective(store)).getMetadata().getName())
                .isEqualTo("shared-token");
    }

    @Test
    void aClustersRootKeyPairIsRandomAndShapedAsTheServerMakesThem() {
        Secret first = RootCredentialsSecretModel.generate(store);
        Secret second = RootCredentialsSecretModel.generate(store);

        assertThat(first.getMetadata().getName()).isEqualTo("s3-root-credentials");
        assertThat(first.getData()).containsOnlyKeys("accessKey", "secretKey");
        assertThat(first.getStringData()).isEmpty();
        assertThat(SecretData.decode(first, "accessKey")).matches("[A-Z0-9]{20}");
        assertThat(SecretData.decode(first, "secretKey")).matches("[A-Za-z0-9]{40}");
        assertThat(SecretData.decode(first, "secretKey")).isNotEqualTo(SecretData.decode(second, "secretKey"));
        assertThat(RootCredentialsSecretModel.isUsable(first)).isTrue();
        assertThat(first.getMetadata().getOwnerReferences().getFirst().getUid()).isEqualTo(store.getMetadata().getUid());
    }

    @Test
    void aRootKeyPairTheServerWouldRefuseIsUnusable() {
        Secret secret = RootCredentialsSecretModel.generate(store);
        secret.getData().put("secretKey", SecretData.encode("short"));
        assertThat(RootCredentialsSecretModel.isUsable(secret)).isFalse();

        secret.getData().remove("accessKey");
        assertThat(RootCredentialsSecretModel.isUsable(secret)).isFalse();
    }

    @Test
    void theServerSecretIsAKubernetesTlsSecretWithTheCa() {
        Secret secret = TlsSecretModels.server(store, "CERT", "KEY", "CA");

        assertThat(secret.getMetadata().getName()).isEqualTo("s3-tls");
        assertThat(secret.getType()).isEqualTo("kubernetes.io/tls");
        assertThat(secret.getData()).containsOnlyKeys("tls.crt", "tls.key", "ca.crt");
        assertThat(SecretData.decode(secret, "tls.crt")).isEqualTo("CERT");
        assertThat(SecretData.decode(secret, "ca.crt")).isEqualTo("CA");
        assertThat(secret.getStringData()).isEmpty();
    }

    @Test
    void theCaSecretKeepsTheSigningKeyApart() {
        Secret secret = TlsSecretModels.ca(store, "CA", "CAKEY");

        assertThat(secret.getMetadata().getName()).isEqualTo("s3-ca");
        assertThat(secret.getData()).containsOnlyKeys("ca.crt", "ca.key");
    }
}
