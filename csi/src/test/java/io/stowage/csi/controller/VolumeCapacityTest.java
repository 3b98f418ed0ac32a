package io.stowage.csi.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.stowage.backend.BucketQuota;
import io.stowage.csi.CsiException;
import io.stowage.csi.v1.CapacityRange;
import org.junit.jupiter.api.Test;

class VolumeCapacityTest {

    private static VolumeCapacity of(long required, long limit) throws CsiException {
        return VolumeCapacity.of(CapacityRange.newBuilder().setRequiredBytes(required).setLimitBytes(limit).build());
    }

    @Test
    void theRequiredBytesAreTheCapacityElseTheLimit() throws CsiException {
        assertThat(of(1000, 0).bytes()).isEqualTo(1000);
        assertThat(of(1000, 5000).bytes()).isEqualTo(1000);
        assertThat(of(1000, 1000).bytes()).isEqualTo(1000);
        assertThat(of(0, 5000).bytes()).isEqualTo(5000);
        assertThat(of(0, 0)).isEqualTo(VolumeCapacity.UNLIMITED);
        assertThat(of(0, 0).limited()).isFalse();
        assertThat(of(1000, 0).quota()).isEqualTo(new BucketQuota(1000, 0));
        assertThat(VolumeCapacity.UNLIMITED.quota()).isEqualTo(BucketQuota.NONE);
    }

    @Test
    void aLimitBelowTheRequirementIsOutOfRangeAndNegativesInvalid() {
        assertThatThrownBy(() -> of(2000, 1000)).isInstanceOfSatisfying(CsiException.class,
                e -> assertThat(e.code()).isEqualTo(Status.Code.OUT_OF_RANGE));
        assertThatThrownBy(() -> of(-1, 0)).isInstanceOfSatisfying(CsiException.class,
                e -> assertThat(e.code()).isEqualTo(Status.Code.INVALID_ARGUMENT));
        assertThatThrownBy(() -> of(0, -1)).isInstanceOfSatisfying(CsiException.class,
                e -> assertThat(e.code()).isEqualTo(Status.Code.INVALID_ARGUMENT));
    }
}
