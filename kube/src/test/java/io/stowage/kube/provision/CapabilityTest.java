package io.stowage.kube.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.backend.BackendCapabilities;
import io.stowage.backend.BucketQuota;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CapabilityTest {

    /** Ceph RGW's: no prefix quotas, one bucket per granted key. */
    private static final BackendCapabilities RGW = new BackendCapabilities(true, true, true, false, true, true, false, false, false, false);
    private static final BackendCapabilities NEITHER_QUOTAS_NOR_READ_ONLY =
            new BackendCapabilities(true, false, false, false, false, true, true, false, false, false);

    @Test
    void aBackendWithWhatTheClaimNeedsPasses() {
        assertThatCode(() -> Capability.require(RGW, "backend Secret ns/rgw", EnumSet.allOf(Capability.class)))
                .doesNotThrowAnyException();
        assertThatCode(() -> Capability.require(NEITHER_QUOTAS_NOR_READ_ONLY, "b", Set.of())).doesNotThrowAnyException();
    }

    @Test
    void aRefusalNamesTheBackendAndEachMissingCapability() {
        assertThatThrownBy(() -> Capability.require(NEITHER_QUOTAS_NOR_READ_ONLY, "backend Secret ns/garage",
                EnumSet.allOf(Capability.class)))
                .isInstanceOfSatisfying(ClaimRefusedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Capability.REFUSED_REASON);
                    assertThat(e.getMessage()).startsWith("backend Secret ns/garage cannot do what the claim asks: ")
                            .contains("no bucketQuota (bucket quotas in bytes)", "no objectQuota (bucket quotas on the number of objects)",
                                    "no readOnlyGrants (read-only access)")
                            .doesNotContain("ownerChange");
                });
    }

    @Test
    void aQuotaNeedsByteQuotasForBytesAndObjectQuotasForObjects() {
        assertThat(Capability.forQuota(BucketQuota.NONE)).isEmpty();
        assertThat(Capability.forQuota(new BucketQuota(1024, 0))).containsExactly(Capability.BUCKET_QUOTA);
        assertThat(Capability.forQuota(new BucketQuota(0, 10))).containsExactly(Capability.OBJECT_QUOTA);
        assertThat(Capability.forQuota(new BucketQuota(1024, 10))).containsExactlyInAnyOrder(Capability.BUCKET_QUOTA,
                Capability.OBJECT_QUOTA);
    }
}
