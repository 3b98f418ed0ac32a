package io.stowage.kube.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.backend.BucketQuota;
import io.stowage.kube.model.InvalidSpecException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QuotaParametersTest {

    @Test
    void readsQuantitiesAndCountsOverTheFallback() throws InvalidSpecException {
        assertThat(QuotaParameters.read(Map.of("maxSize", "10Gi"), new BucketQuota(1, 7), "x"))
                .isEqualTo(new BucketQuota(10L << 30, 7));
        assertThat(QuotaParameters.read(Map.of("maxSize", "500M", "maxObjects", "1000"), BucketQuota.NONE, "x"))
                .isEqualTo(new BucketQuota(500_000_000L, 1000));
        assertThat(QuotaParameters.read(Map.of(), BucketQuota.NONE, "x")).isEqualTo(BucketQuota.NONE);
        assertThat(QuotaParameters.read(Map.of("maxSize", "1.5Mi"), BucketQuota.NONE, "x").maxBytes()).isEqualTo(1_572_864L);
        assertThat(QuotaParameters.read(Map.of("maxSize", "1Ki"), BucketQuota.NONE, "x").maxBytes()).isEqualTo(1024);
    }

    @Test
    void namesTheWrongParameter() {
        assertThatThrownBy(() -> QuotaParameters.read(Map.of("maxSize", "lots"), BucketQuota.NONE, "StorageClass fast"))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("StorageClass fast: maxSize").hasMessageContaining("'lots'");
        assertThatThrownBy(() -> QuotaParameters.read(Map.of("maxObjects", "-3"), BucketQuota.NONE, "x"))
                .hasMessageContaining("maxObjects");
        assertThatThrownBy(() -> QuotaParameters.read(Map.of("maxSize", "-1Gi"), BucketQuota.NONE, "x"))
                .hasMessageContaining("maxSize");
        assertThatThrownBy(() -> QuotaParameters.read(Map.of("maxSize", "1.5"), BucketQuota.NONE, "x"))
                .hasMessageContaining("maxSize");
    }

    @Test
    void annotationsOverrideTheFallbackLimitByLimit() throws InvalidSpecException {
        BucketQuota classQuota = new BucketQuota(1L << 30, 100);

        assertThat(QuotaParameters.fromAnnotations(null, classQuota)).isEqualTo(classQuota);
        assertThat(QuotaParameters.fromAnnotations(Map.of("other", "x"), classQuota)).isEqualTo(classQuota);
        assertThat(QuotaParameters.fromAnnotations(Map.of(ProvisioningAnnotations.MAX_OBJECTS, "5"), classQuota))
                .isEqualTo(new BucketQuota(1L << 30, 5));
        assertThat(QuotaParameters.fromAnnotations(Map.of(ProvisioningAnnotations.MAX_SIZE, "1Mi",
                ProvisioningAnnotations.MAX_OBJECTS, "0"), classQuota)).isEqualTo(new BucketQuota(1L << 20, 0));
        assertThatThrownBy(() -> QuotaParameters.fromAnnotations(Map.of(ProvisioningAnnotations.MAX_SIZE, "big"), classQuota))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining(ProvisioningAnnotations.MAX_SIZE)
                .hasMessageContaining("'big'");
    }
}
