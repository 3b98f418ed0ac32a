package io.stowage.kube.cosi.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.kube.cosi.CosiException;
import io.stowage.kube.cosi.CosiException.Code;
import io.stowage.kube.cosi.operator.CosiFailure.Handling;
import io.stowage.kube.provision.Capability;
import io.stowage.kube.provision.ClaimRefusedException;
import org.junit.jupiter.api.Test;

class CosiFailureTest {

    private static CosiFailure of(Code code) {
        return CosiFailure.of(new CosiException(code, "message"));
    }

    @Test
    void anUnreachableBackendIsRetriedWithBackoff() {
        assertThat(of(Code.UNAVAILABLE)).isEqualTo(new CosiFailure("BackendUnavailable", Handling.RETRY_WITH_BACKOFF, "message"));
        assertThat(of(Code.INTERNAL).handling()).isEqualTo(Handling.RETRY_WITH_BACKOFF);
    }

    @Test
    void invalidParametersWaitForTheUserWithoutARetryLoop() {
        assertThat(of(Code.INVALID_ARGUMENT)).isEqualTo(new CosiFailure("InvalidParameters", Handling.WAIT_FOR_CHANGE, "message"));
        assertThat(of(Code.ALREADY_EXISTS).handling()).isEqualTo(Handling.WAIT_FOR_CHANGE);
        assertThat(of(Code.UNIMPLEMENTED).handling()).isEqualTo(Handling.WAIT_FOR_CHANGE);
    }

    @Test
    void aClaimItsBackendCannotServeKeepsTheRefusalsReasonAndWaitsForAChange() {
        CosiException refused = new CosiException(Code.INVALID_ARGUMENT, "no bucketQuota",
                new ClaimRefusedException(Capability.REFUSED_REASON, "no bucketQuota"));
        assertThat(CosiFailure.of(refused))
                .isEqualTo(new CosiFailure(Capability.REFUSED_REASON, Handling.WAIT_FOR_CHANGE, "no bucketQuota"));
    }

    @Test
    void whatIsFixedOutsideTheObjectIsCheckedAgainLater() {
        assertThat(of(Code.NOT_FOUND)).isEqualTo(new CosiFailure("BucketMissing", Handling.RECHECK_LATER, "message"));
        assertThat(of(Code.FAILED_PRECONDITION).handling()).isEqualTo(Handling.RECHECK_LATER);
        assertThat(of(Code.PERMISSION_DENIED).handling()).isEqualTo(Handling.RECHECK_LATER);
    }
}
