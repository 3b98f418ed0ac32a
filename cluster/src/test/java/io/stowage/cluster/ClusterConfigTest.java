package io.stowage.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ClusterConfigTest {

    private static final Path DIR = Path.of("raft");

    @Test
    void peersMayListThisNodeOrNot() {
        ClusterConfig without = ClusterConfig.parse("a", "10.0.0.1:7000", "b=10.0.0.2:7000, c=10.0.0.3:7000", DIR,
                ReadConsistency.LINEARIZABLE, false, Join.AUTO);
        ClusterConfig with = ClusterConfig.parse("a", "10.0.0.1:7000", "a=10.0.0.1:7000,b=10.0.0.2:7000,c=10.0.0.3:7000",
                DIR, ReadConsistency.LINEARIZABLE, false, Join.AUTO);
        assertThat(without.members()).isEqualTo(with.members()).containsOnlyKeys("a", "b", "c");
        assertThat(ClusterConfig.majority(without.members().size())).isEqualTo(2);
        assertThat(without.raftAddress()).isEqualTo(InetSocketAddress.createUnresolved("10.0.0.1", 7000));
        assertThat(ClusterConfig.blobAddress(without.raftAddress()).getPort()).isEqualTo(7001);
    }

    @Test
    void quorumIsAMajority() {
        assertThat(ClusterConfig.majority(ClusterConfig.parse("a", "h:1", "", DIR, ReadConsistency.LOCAL, false, Join.AUTO).members().size())).isEqualTo(1);
        assertThat(ClusterConfig.majority(ClusterConfig.parse("a", "h:1", "b=h:3", DIR, ReadConsistency.LOCAL, false, Join.AUTO).members().size())).isEqualTo(2);
        assertThat(ClusterConfig.majority(ClusterConfig.parse("a", "h:1", "b=h:3,c=h:5,d=h:7,e=h:9", DIR, ReadConsistency.LOCAL, false, Join.AUTO).members().size()))
                .isEqualTo(3);
    }

    @Test
    void ipv6AddressesInBrackets() {
        ClusterConfig config = ClusterConfig.parse("a", "[::1]:7000", "b=[::1]:7002", DIR, ReadConsistency.LOCAL, false, Join.AUTO);
        assertThat(config.members().get("b")).isEqualTo(InetSocketAddress.createUnresolved("::1", 7002));
    }

    @Test
    void badSettingsAreRefusedNamingTheFlag() {
        assertThatThrownBy(() -> ClusterConfig.parse("", "h:1", "", DIR, ReadConsistency.LOCAL, false, Join.AUTO))
                .hasMessageContaining("--node-id");
        assertThatThrownBy(() -> ClusterConfig.parse("a", "h", "", DIR, ReadConsistency.LOCAL, false, Join.AUTO))
                .hasMessageContaining("--raft-address must be HOST:PORT");
        assertThatThrownBy(() -> ClusterConfig.parse("a", "h:65535", "", DIR, ReadConsistency.LOCAL, false, Join.AUTO))
                .hasMessageContaining("the next one carries blobs");
        assertThatThrownBy(() -> ClusterConfig.parse("a", "h:1", "b", DIR, ReadConsistency.LOCAL, false, Join.AUTO))
                .hasMessageContaining("ID=HOST:PORT");
        assertThatThrownBy(() -> ClusterConfig.parse("a", "h:1", "a=h:9", DIR, ReadConsistency.LOCAL, false, Join.AUTO))
                .hasMessageContaining("another address");
        assertThatThrownBy(() -> ClusterConfig.parse("a", "h:1", "b=h:x", DIR, ReadConsistency.LOCAL, false, Join.AUTO))
                .hasMessageContaining("bad port");
        assertThatThrownBy(() -> ClusterConfig.parse("a", "h:1", "../b=h:3", DIR, ReadConsistency.LOCAL, false, Join.AUTO))
                .hasMessageContaining("--peers: a node id is");
    }
}
