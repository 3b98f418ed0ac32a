package io.stowage.kube.obc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.stowage.backend.AccessMode;
import io.stowage.backend.BucketQuota;
import io.stowage.kube.provision.BackendRef;
import io.stowage.kube.provision.ClaimRefusedException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObcRequestTest {

    private static StorageClass storageClass(Map<String, String> parameters, String reclaimPolicy) {
        return new StorageClassBuilder().withNewMetadata().withName("stowage").endMetadata()
                .withProvisioner(ObcNames.PROVISIONER).withParameters(parameters).withReclaimPolicy(reclaimPolicy).build();
    }

    private static ObjectBucketClaim claim(String bucketName, String prefix, Map<String, String> config) {
        ObjectBucketClaim claim = new ObjectBucketClaim();
        claim.getSpec().setStorageClassName("stowage");
        claim.getSpec().setBucketName(bucketName);
        claim.getSpec().setGenerateBucketName(prefix);
        claim.getSpec().setAdditionalConfig(new HashMap<>(config));
        return claim;
    }

    private static ClaimRefusedException refused(ObjectBucketClaim claim, StorageClass storageClass) {
        return catchThrowableOfType(ClaimRefusedException.class, () -> ObcRequest.of(claim, storageClass));
    }

    @Test
    void aGreenfieldClaimWithDefaults() throws Exception {
        ObcRequest request = ObcRequest.of(claim(null, "photos", Map.of()),
                storageClass(Map.of("backendSecret", "storage/stowage-backend"), null));

        assertThat(request.backend()).isEqualTo(new BackendRef("storage", "stowage-backend"));
        assertThat(request.bucketName()).isNull();
        assertThat(request.brownfield()).isFalse();
        assertThat(request.quota()).isEqualTo(BucketQuota.NONE);
        assertThat(request.access()).isEqualTo(AccessMode.READ_WRITE);
        assertThat(request.reclaimPolicy()).isEqualTo("Delete");
    }

    @Test
    void theClassBucketMakesItBrownfieldAndWinsOverTheClaimsName() throws Exception {
        ObcRequest request = ObcRequest.of(claim("mine", null, Map.of("access", "read-only")),
                storageClass(Map.of("backendSecret", "storage/b", "bucketName", "shared"), "Retain"));

        assertThat(request.bucketName()).isEqualTo("shared");
        assertThat(request.brownfield()).isTrue();
        assertThat(request.access()).isEqualTo(AccessMode.READ_ONLY);
        assertThat(request.reclaimPolicy()).isEqualTo("Retain");
    }

    @Test
    void theClaimsQuotaOverridesTheClasss() throws Exception {
        StorageClass storageClass = storageClass(Map.of("backendSecret", "storage/b", "maxSize", "10Gi", "maxObjects", "1000"), null);

        assertThat(ObcRequest.of(claim("b", null, Map.of()), storageClass).quota())
                .isEqualTo(new BucketQuota(10L << 30, 1000));
        assertThat(ObcRequest.of(claim("b", null, Map.of("maxSize", "500M", "maxObjects", "7")), storageClass).quota())
                .isEqualTo(new BucketQuota(500_000_000L, 7));
        assertThat(ObcRequest.of(claim("b", null, Map.of("maxObjects", "7")), storageClass).quota())
                .isEqualTo(new BucketQuota(10L << 30, 7));
    }

    @Test
    void badQuotasAreRefusedWithInvalidQuota() {
        StorageClass ok = storageClass(Map.of("backendSecret", "storage/b"), null);
        for (Map<String, String> config : List.of(Map.of("maxSize", "lots"), Map.of("maxSize", "-1Gi"),
                Map.of("maxSize", "1.5"), Map.of("maxObjects", "-3"), Map.of("maxObjects", "ten"))) {
            ClaimRefusedException e = refused(claim("b", null, config), ok);
            assertThat(e).as(config.toString()).isNotNull();
            assertThat(e.reason()).isEqualTo("InvalidQuota");
        }
        assertThat(refused(claim("b", null, Map.of()), storageClass(Map.of("backendSecret", "storage/b", "maxSize", "x"), null))
                .getMessage()).contains("maxSize").contains("'x'");
    }

    @Test
    void otherMistakesAreInvalidParameters() {
        StorageClass ok = storageClass(Map.of("backendSecret", "storage/b"), null);

        assertThat(refused(claim(null, null, Map.of()), ok).getMessage()).contains("neither spec.bucketName nor spec.generateBucketName");
        assertThat(refused(claim("b", null, Map.of("access", "write-only")), ok).getMessage()).contains("additionalConfig.access");
        assertThat(refused(claim("b", null, Map.of()), storageClass(Map.of(), null)).getMessage())
                .contains("parameter backendSecret names no backend Secret");
        assertThat(refused(claim("b", null, Map.of()), storageClass(Map.of("backendSecret", "no-namespace"), null)).reason())
                .isEqualTo("InvalidParameter");
        assertThat(refused(claim("b", null, Map.of()), storageClass(Map.of("backendSecret", "s/b"), "Recycle")).getMessage())
                .contains("reclaimPolicy must be Delete or Retain");
    }
}
