package io.stowage.s3.acl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AclCodecTest {

    private static final Acl MIXED = new Acl(List.of(
            new AclGrant(new Grantee.CanonicalUser("alice"), Permission.FULL_CONTROL),
            new AclGrant(new Grantee.CanonicalUser("bob@example.com"), Permission.WRITE_ACP),
            new AclGrant(Grantee.Group.ALL_USERS, Permission.READ),
            new AclGrant(Grantee.Group.AUTHENTICATED_USERS, Permission.READ_ACP)));

    @Test
    void oneGrantPerLine() {
        assertThat(AclCodec.encode(MIXED)).isEqualTo("""
                FULL_CONTROL user alice
                WRITE_ACP user bob@example.com
                READ group AllUsers
                READ_ACP group AuthenticatedUsers
                """);
    }

    @Test
    void roundTrip() {
        assertThat(AclCodec.decode(AclCodec.encode(MIXED))).isEqualTo(MIXED);
        Acl empty = new Acl(List.of());
        assertThat(AclCodec.decode(AclCodec.encode(empty))).isEqualTo(empty);
    }

    @ParameterizedTest
    @ValueSource(strings = {"READ", "READ user", "READ robot x", "SEE user alice", "READ group Everybody"})
    void textItDidNotWriteIsRefused(String line) {
        assertThatThrownBy(() -> AclCodec.decode(line + "\n")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void duplicateGrantsCollapse() {
        AclGrant read = new AclGrant(Grantee.Group.ALL_USERS, Permission.READ);
        assertThat(new Acl(List.of(read, read)).grants()).containsExactly(read);
    }
}
