package io.stowage.s3.acl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GrantHeadersTest {

    @Test
    void everyHeaderWithItsGrantees() {
        Map<String, String> headers = Map.of(
                "x-amz-grant-read", "uri=\"http://acs.amazonaws.com/groups/global/AllUsers\", id=\"bob\"",
                "x-amz-grant-write", "uri=http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
                "x-amz-grant-read-acp", "id=\"carol\"",
                "x-amz-grant-write-acp", "ID=\"dave\"",
                "x-amz-grant-full-control", "id=\"alice\"");

        Acl acl = GrantHeaders.parse(headers::get);

        assertThat(acl.grants()).containsExactly(
                new AclGrant(new Grantee.CanonicalUser("alice"), Permission.FULL_CONTROL),
                new AclGrant(Grantee.Group.ALL_USERS, Permission.READ),
                new AclGrant(new Grantee.CanonicalUser("bob"), Permission.READ),
                new AclGrant(Grantee.Group.AUTHENTICATED_USERS, Permission.WRITE),
                new AclGrant(new Grantee.CanonicalUser("carol"), Permission.READ_ACP),
                new AclGrant(new Grantee.CanonicalUser("dave"), Permission.WRITE_ACP));
    }

    @Test
    void noGrantHeadersIsNoAcl() {
        assertThat(GrantHeaders.parse(Map.of("x-amz-acl", "private")::get)).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            alice                                            | InvalidArgument
            name="alice"                                     | InvalidArgument
            id=""                                            | InvalidArgument
            uri="http://acs.amazonaws.com/groups/global/Nobody" | InvalidArgument
            uri="http://acs.amazonaws.com/groups/s3/LogDelivery" | NotImplemented
            emailAddress="alice@example.com"                 | UnresolvableGrantByEmailAddress
            """)
    void badGrantees(String value, S3ErrorCode code) {
        assertThatThrownBy(() -> GrantHeaders.parse(Map.of("x-amz-grant-read", value)::get))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void aCannedAclAndGrantsTogetherAreAnInvalidRequest() {
        Map<String, String> headers = Map.of("x-amz-acl", "public-read", "x-amz-grant-read", "id=\"bob\"");
        assertThatThrownBy(() -> RequestedAcl.fromHeaders(headers::get))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.code()).isEqualTo(S3ErrorCode.InvalidRequest);
                    assertThat(e.getMessage()).isEqualTo("Specifying both Canned ACLs and Header Grants is not allowed");
                });
    }

    @Test
    void requestedAclResolvesCannedAclsForTheOwner() {
        RequestedAcl canned = RequestedAcl.fromHeaders(Map.of("x-amz-acl", " public-read ")::get);
        assertThat(canned.canned()).isEqualTo(CannedAcl.PUBLIC_READ);
        assertThat(canned.resolve("alice", "bob")).isEqualTo(CannedAcl.PUBLIC_READ.expand("alice", "bob"));

        RequestedAcl grants = RequestedAcl.fromHeaders(Map.of("x-amz-grant-read", "id=bob")::get);
        assertThat(grants.canned()).isNull();
        assertThat(grants.resolve("alice", "alice").grants())
                .containsExactly(new AclGrant(new Grantee.CanonicalUser("bob"), Permission.READ));
        assertThat(RequestedAcl.fromHeaders(Map.<String, String>of()::get)).isNull();
    }
}
