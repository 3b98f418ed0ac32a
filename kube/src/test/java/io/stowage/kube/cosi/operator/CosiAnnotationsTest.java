package io.stowage.kube.cosi.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.kube.cosi.crd.BucketAccess;
import org.junit.jupiter.api.Test;

class CosiAnnotationsTest {

    @Test
    void aRotationIsPendingUntilItsValueIsRecorded() {
        BucketAccess access = new BucketAccess();
        assertThat(CosiAnnotations.pendingRotation(access)).isNull();

        CosiAnnotations.set(access, CosiAnnotations.ROTATE_CREDENTIALS, "1");
        assertThat(CosiAnnotations.pendingRotation(access)).isEqualTo("1");

        CosiAnnotations.set(access, CosiAnnotations.CREDENTIALS_ROTATED, "1");
        assertThat(CosiAnnotations.pendingRotation(access)).isNull();

        CosiAnnotations.set(access, CosiAnnotations.ROTATE_CREDENTIALS, "2");
        assertThat(CosiAnnotations.pendingRotation(access)).isEqualTo("2");
    }

    @Test
    void onlyTrueAbandons() {
        BucketAccess access = new BucketAccess();
        assertThat(CosiAnnotations.abandoned(access)).isFalse();
        assertThat(CosiAnnotations.abandoned(null)).isFalse();

        CosiAnnotations.set(access, CosiAnnotations.ABANDON, "no");
        assertThat(CosiAnnotations.abandoned(access)).isFalse();

        CosiAnnotations.set(access, CosiAnnotations.ABANDON, "true");
        assertThat(CosiAnnotations.abandoned(access)).isTrue();
    }
}
