package io.stowage.kube.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class OperatorConfigTest {

    @Test
    void defaultsWatchEveryNamespaceWithLeaderElectionAndThisVersionsImage() {
        OperatorConfig config = OperatorConfig.defaults();

        assertThat(config.namespaces()).isEmpty();
        assertThat(config.leaderElection()).isTrue();
        assertThat(config.leaseName()).isEqualTo("stowage-operator");
        assertThat(config.defaultImage()).startsWith("ghcr.io/stowage/stowage:").doesNotContain("${");
    }

    @Test
    void badNamesFailNamingTheSetting() {
        assertThatThrownBy(() -> new OperatorConfig(Set.of("Apps"), false, "x", null, "img"))
                .hasMessageContaining("--namespaces");
        assertThatThrownBy(() -> new OperatorConfig(Set.of(), true, "", null, "img"))
                .hasMessageContaining("--lease-name");
        assertThatThrownBy(() -> new OperatorConfig(Set.of(), false, "x", null, " "))
                .hasMessageContaining("--default-image");
    }
}
