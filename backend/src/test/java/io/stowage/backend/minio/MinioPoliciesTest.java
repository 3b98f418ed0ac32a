package io.stowage.backend.minio;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.backend.AccessMode;
import io.stowage.backend.BucketGrant;
import org.junit.jupiter.api.Test;

class MinioPoliciesTest {

    @Test
    void aGrantPolicysNameGivesItsGrantBack() {
        for (AccessMode mode : new AccessMode[] {AccessMode.READ_ONLY, AccessMode.READ_WRITE}) {
            assertThat(MinioPolicies.grantOf(MinioPolicies.grantName("team-a-ro", mode)))
                    .contains(new BucketGrant("team-a-ro", mode));
        }
    }

    @Test
    void accountAndForeignPoliciesAreNoGrants() {
        assertThat(MinioPolicies.grantOf(MinioPolicies.accountName("team-rw"))).isEmpty();
        assertThat(MinioPolicies.grantOf("readwrite")).isEmpty();
        assertThat(MinioPolicies.grantOf("stowage-b-xx")).isEmpty();
        assertThat(MinioPolicies.grantOf("stowage--r")).isEmpty();
    }
}
