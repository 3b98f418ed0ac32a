package io.stowage.kube.gitops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.stowage.backend.AccessMode;
import io.stowage.backend.BucketGrant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DesiredUserTest {

    private static S3User user(String account, String secretName, List<GrantSpec> grants) {
        S3User user = new S3User();
        user.setMetadata(new ObjectMetaBuilder().withName("app").withNamespace("team-a").build());
        user.getSpec().setAccount(account);
        user.getSpec().setSecretName(secretName);
        user.getSpec().setGrants(grants);
        return user;
    }

    @Test
    void theAccountDefaultsToNamespaceDotNameAndGrantsDefaultToReadWrite() throws Exception {
        DesiredUser desired = DesiredUser.of(user(null, "app-s3", List.of(new GrantSpec("a", null), new GrantSpec("b", "read-only"))));
        assertThat(desired.account()).isEqualTo("team-a.app");
        assertThat(desired.generateKey()).isTrue();
        assertThat(desired.grants()).containsExactly(new BucketGrant("a", AccessMode.READ_WRITE),
                new BucketGrant("b", AccessMode.READ_ONLY));
        assertThat(DesiredUser.of(user("team-a.legacy", "s", List.of())).account()).isEqualTo("team-a.legacy");
    }

    @Test
    void anotherNamespacesAccountTwoGrantsOnABucketAndAMissingSecretAreRefused() {
        assertThatThrownBy(() -> DesiredUser.of(user("team-b.app", "s", List.of()))).hasMessageContaining("must begin with 'team-a.'");
        assertThatThrownBy(() -> DesiredUser.of(user("team-a.", "s", List.of()))).hasMessageContaining("must begin");
        assertThatThrownBy(() -> DesiredUser.of(user(null, null, List.of()))).hasMessageContaining("secretName");
        assertThatThrownBy(() -> DesiredUser.of(user(null, "s", List.of(new GrantSpec("a", null), new GrantSpec("a", "read-only")))))
                .hasMessageContaining("granted twice");
        assertThatThrownBy(() -> DesiredUser.of(user(null, "s", List.of(new GrantSpec("a", "everything")))))
                .hasMessageContaining("read-only, read-write or write-only");
        assertThatThrownBy(() -> DesiredUser.of(user(null, "s", List.of(new GrantSpec("a", "x/", "read-only"),
                new GrantSpec("a", "y/", "read-only"))))).hasMessageContaining("granted twice");
    }

    @Test
    void writeOnlyAndPrefixGrantsAreKeptAndDescribed() throws Exception {
        DesiredUser desired = DesiredUser.of(user(null, "s", List.of(new GrantSpec("drop", "write-only"),
                new GrantSpec("shared", "team-a/", "read-only"), new GrantSpec("whole", "", null))));
        assertThat(desired.grants()).containsExactly(new BucketGrant("drop", AccessMode.WRITE_ONLY),
                new BucketGrant("shared", "team-a/", AccessMode.READ_ONLY), new BucketGrant("whole", AccessMode.READ_WRITE));
        assertThat(desired.grants().stream().map(DesiredUser::describe))
                .containsExactly("drop:write-only", "shared/team-a/:read-only", "whole:read-write");
    }
}
