package io.stowage.kube.cosi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.stowage.backend.AccessMode;
import io.stowage.kube.provision.BackendRef;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CosiBucketIdTest {

    @Test
    void roundTripsEveryForm() throws CosiException {
        var forms = new CosiBucketId[] {
            new CosiBucketId(Optional.empty(), "bucket-1", Optional.empty()),
            new CosiBucketId(Optional.empty(), "bucket-1", Optional.of(AccessMode.READ_ONLY)),
            new CosiBucketId(Optional.of(new BackendRef("storage", "stowage-backend")), "bucket-1", Optional.empty()),
            new CosiBucketId(Optional.of(new BackendRef("storage", "stowage-backend")), "bucket-1", Optional.of(AccessMode.READ_WRITE)),
        };
        for (CosiBucketId id : forms) {
            assertThat(CosiBucketId.parse(id.toString())).isEqualTo(id);
        }
        assertThat(forms[3].toString()).isEqualTo("storage/stowage-backend/bucket-1/read-write");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a/b", "a//c", "a/b/c/d/e", "ns/secret/bucket/write-only", "/bucket"})
    void refusesIdsItDidNotIssue(String id) {
        CosiException e = catchThrowableOfType(CosiException.class, () -> CosiBucketId.parse(id));
        assertThat(e.code()).isEqualTo(CosiException.Code.INVALID_ARGUMENT);
    }
}
