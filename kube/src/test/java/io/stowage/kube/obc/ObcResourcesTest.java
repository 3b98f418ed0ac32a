package io.stowage.kube.obc;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.stowage.backend.AccessKey;
import io.stowage.backend.AccessMode;
import io.stowage.backend.AddressingStyle;
import io.stowage.backend.BucketQuota;
import io.stowage.backend.S3Endpoint;
import io.stowage.kube.model.SecretData;
import io.stowage.kube.provision.BackendRef;
import java.net.URI;
import org.junit.jupiter.api.Test;

class ObcResourcesTest {

    private static final S3Endpoint PLAIN = new S3Endpoint(URI.create("http://s3.storage.svc"), "eu-1", AddressingStyle.PATH, null);
    private static final S3Endpoint TLS = new S3Endpoint(URI.create("https://s3.storage.svc:9000"), "us-east-1",
            AddressingStyle.VIRTUAL, "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");

    private static ObjectBucketClaim claim() {
        ObjectBucketClaim claim = new ObjectBucketClaim();
        claim.getMetadata().setNamespace("apps");
        claim.getMetadata().setName("photos");
        claim.getMetadata().setUid("uid-1");
        claim.getSpec().setStorageClassName("stowage");
        return claim;
    }

    private static void assertOwnedByTheClaim(io.fabric8.kubernetes.api.model.HasMetadata object) {
        assertThat(object.getMetadata().getNamespace()).isEqualTo("apps");
        assertThat(object.getMetadata().getName()).isEqualTo("photos");
        assertThat(object.getMetadata().getFinalizers()).containsExactly("objectbucket.io/finalizer");
        assertThat(object.getMetadata().getLabels()).containsEntry("bucket-provisioner", "stowage.io-bucket");
        OwnerReference owner = object.getMetadata().getOwnerReferences().getFirst();
        assertThat(owner.getApiVersion()).isEqualTo("objectbucket.io/v1alpha1");
        assertThat(owner.getKind()).isEqualTo("ObjectBucketClaim");
        assertThat(owner.getName()).isEqualTo("photos");
        assertThat(owner.getUid()).isEqualTo("uid-1");
        assertThat(owner.getController()).isTrue();
        assertThat(owner.getBlockOwnerDeletion()).isTrue();
    }

    @Test
    void theSecretHoldsTheKeyInDataAndTheRotationItAnswers() {
        AccessKey key = new AccessKey("AKID", "SECRET");
        Secret secret = ObcResources.secret(claim(), key, "2");

        assertOwnedByTheClaim(secret);
        assertThat(secret.getData()).containsOnlyKeys("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY");
        assertThat(SecretData.decode(secret, "AWS_SECRET_ACCESS_KEY")).isEqualTo("SECRET");
        assertThat(secret.getStringData()).isNullOrEmpty();
        assertThat(ObcResources.key(secret)).contains(key);
        assertThat(ObcResources.rotated(secret)).isEqualTo("2");
        assertThat(ObcResources.rotated(ObcResources.secret(claim(), key, null))).isNull();
        assertThat(ObcResources.ownedBy(secret, claim())).isTrue();
        ObjectBucketClaim namesake = claim();
        namesake.getMetadata().setUid("uid-2");
        assertThat(ObcResources.ownedBy(secret, namesake)).isFalse();
    }

    @Test
    void theConfigMapHasTheLibrarysKeysAndAWholeEndpoint() {
        ConfigMap plain = ObcResources.configMap(claim(), "photos-1", PLAIN);

        assertOwnedByTheClaim(plain);
        assertThat(plain.getData()).containsOnlyKeys("BUCKET_NAME", "BUCKET_HOST", "BUCKET_PORT", "BUCKET_REGION",
                "BUCKET_SUBREGION", "BUCKET_ENDPOINT", "BUCKET_ADDRESSING_STYLE");
        assertThat(plain.getData()).containsEntry("BUCKET_NAME", "photos-1").containsEntry("BUCKET_HOST", "s3.storage.svc")
                .containsEntry("BUCKET_PORT", "80").containsEntry("BUCKET_REGION", "eu-1").containsEntry("BUCKET_SUBREGION", "")
                .containsEntry("BUCKET_ENDPOINT", "http://s3.storage.svc:80").containsEntry("BUCKET_ADDRESSING_STYLE", "path");

        ConfigMap tls = ObcResources.configMap(claim(), "photos-1", TLS);
        assertThat(tls.getData()).containsEntry("BUCKET_PORT", "9000")
                .containsEntry("BUCKET_ENDPOINT", "https://s3.storage.svc:9000")
                .containsEntry("BUCKET_ADDRESSING_STYLE", "virtual")
                .containsEntry("BUCKET_CA_BUNDLE", TLS.caBundle());
    }

    @Test
    void theObjectBucketIsNamedForTheClaimAndRecordsWhatDeletionNeeds() {
        ObcRequest request = new ObcRequest(new BackendRef("storage", "b"), null, false, BucketQuota.NONE,
                AccessMode.READ_WRITE, "Retain");
        ObjectBucket ob = ObcResources.objectBucket(claim(), request, "photos-1", TLS, true);

        assertThat(ob.getMetadata().getName()).isEqualTo("obc-apps-photos");
        assertThat(ob.getMetadata().getNamespace()).isNull();
        assertThat(ob.getMetadata().getFinalizers()).containsExactly("objectbucket.io/finalizer");
        assertThat(ob.getMetadata().getLabels()).containsEntry("bucket-provisioner", "stowage.io-bucket");
        assertThat(ob.getSpec().getStorageClassName()).isEqualTo("stowage");
        assertThat(ob.getSpec().getReclaimPolicy()).isEqualTo("Retain");
        assertThat(ob.getSpec().getClaimRef().getUid()).isEqualTo("uid-1");
        assertThat(ob.getSpec().getClaimRef().getNamespace()).isEqualTo("apps");
        assertThat(ob.getSpec().getEndpoint().getBucketName()).isEqualTo("photos-1");
        assertThat(ob.getSpec().getEndpoint().getBucketHost()).isEqualTo("s3.storage.svc");
        assertThat(ob.getSpec().getEndpoint().getBucketPort()).isEqualTo(9000);
        assertThat(ob.getSpec().getEndpoint().getRegion()).isEqualTo("us-east-1");
        assertThat(ob.getSpec().getAdditionalState()).containsEntry("stowage.io/backend", "storage/b")
                .containsEntry("stowage.io/account", "obc-uid-1").containsEntry("stowage.io/bucket-origin", "created");
        assertThat(ObcResources.objectBucket(claim(), request, "shared", TLS, false).getSpec().getAdditionalState())
                .containsEntry("stowage.io/bucket-origin", "existing");
    }
}
