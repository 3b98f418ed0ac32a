package io.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.kube.operator.OperatorConfig;
import io.stowage.kube.operator.ProvisioningConfig;
import io.stowage.kube.provision.BackendRef;
import io.stowage.kube.provision.FrontEnd;
import java.net.InetSocketAddress;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Where `stowage operator` takes each setting from: command line, then STOWAGE_* variable, then default. */
class OperatorSettingsTest {

    private static OperatorConfig parse(Map<String, String> env, String... args) {
        return command(env, args).config();
    }

    private static OperatorCommand command(Map<String, String> env, String... args) {
        OperatorCommand command = new OperatorCommand();
        CommandLine line = new CommandLine(command);
        line.setDefaultValueProvider(new ServerDefaults(env, Map.of()));
        line.parseArgs(args);
        return command;
    }

    @Test
    void byDefaultEveryNamespaceWithLeaderElectionAndThisVersionsImage() {
        OperatorConfig config = parse(Map.of());

        assertThat(config.namespaces()).isEmpty();
        assertThat(config.leaderElection()).isTrue();
        assertThat(config.leaseName()).isEqualTo("stowage-operator");
        assertThat(config.leaseNamespace()).isNull();
        assertThat(config.defaultImage()).isEqualTo(OperatorConfig.imageOfThisVersion());
    }

    @Test
    void theEnvironmentSetsEveryOption() {
        OperatorConfig config = parse(Map.of("STOWAGE_NAMESPACES", "apps,data", "STOWAGE_LEADER_ELECTION", "false",
                "STOWAGE_LEASE_NAME", "s3-op", "STOWAGE_LEASE_NAMESPACE", "ops",
                "STOWAGE_DEFAULT_IMAGE", "registry.local/stowage:1"));

        assertThat(config.namespaces()).containsExactlyInAnyOrder("apps", "data");
        assertThat(config.leaderElection()).isFalse();
        assertThat(config.leaseName()).isEqualTo("s3-op");
        assertThat(config.leaseNamespace()).isEqualTo("ops");
        assertThat(config.defaultImage()).isEqualTo("registry.local/stowage:1");
    }

    @Test
    void theCommandLineWins() {
        OperatorConfig config = parse(Map.of("STOWAGE_NAMESPACES", "apps"), "--namespaces", "other", "--leader-election=false");

        assertThat(config.namespaces()).containsExactly("other");
        assertThat(config.leaderElection()).isFalse();
    }

    @Test
    void metricsOnLoopbackByDefaultElseWhereTheEnvironmentOrCommandLineSay() {
        assertThat(command(Map.of()).metricsAddress()).isEqualTo(new InetSocketAddress("127.0.0.1", 9090));
        assertThat(command(Map.of("STOWAGE_METRICS_ADDRESS", "0.0.0.0:8080")).metricsAddress())
                .isEqualTo(new InetSocketAddress("0.0.0.0", 8080));
        assertThat(command(Map.of("STOWAGE_METRICS_ADDRESS", "0.0.0.0:8080"), "--metrics-address", "[::1]:9100")
                .metricsAddress()).isEqualTo(new InetSocketAddress("::1", 9100));
    }

    @Test
    void aBadMetricsAddressNamesTheSetting() {
        assertThatThrownBy(() -> command(Map.of(), "--metrics-address", "8080").metricsAddress())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--metrics-address");
    }

    @Test
    void aBadNamespaceNamesTheSetting() {
        assertThatThrownBy(() -> parse(Map.of(), "--namespaces", "Not_A_Name"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--namespaces");
    }

    @Test
    void noProvisionerUnlessAskedThenTheGivenOnesWithTheirSettings() {
        assertThat(parse(Map.of()).provisioning()).isEqualTo(ProvisioningConfig.none());

        ProvisioningConfig config = parse(Map.of("STOWAGE_PROVISIONERS", "obc,secret,cosi",
                "STOWAGE_DEFAULT_BACKEND", "storage/stowage-backend", "STOWAGE_COSI_CONTROLLER", "true")).provisioning();

        assertThat(config.frontEnds()).containsExactlyInAnyOrder(FrontEnd.OBC, FrontEnd.SECRET, FrontEnd.COSI);
        assertThat(config.defaultBackend()).isEqualTo(new BackendRef("storage", "stowage-backend"));
        assertThat(config.cosiDriverName()).isEqualTo("cosi.stowage.io");
        assertThat(config.cosiController()).isTrue();
        assertThat(parse(Map.of("STOWAGE_PROVISIONERS", "populator")).provisioning().frontEnds())
                .containsExactly(FrontEnd.POPULATOR);
    }

    @Test
    void badProvisioningSettingsNameTheOption() {
        assertThatThrownBy(() -> parse(Map.of(), "--provisioners", "obc,pvc")).hasMessageContaining("--provisioners")
                .hasMessageContaining("'pvc'");
        assertThatThrownBy(() -> parse(Map.of(), "--default-backend", "just-a-name")).hasMessageContaining("--default-backend");
        assertThatThrownBy(() -> parse(Map.of(), "--default-backend", "ns/Bad_Name")).hasMessageContaining("--default-backend");
        assertThatThrownBy(() -> parse(Map.of(), "--cosi-controller")).hasMessageContaining("--cosi-controller");
    }
}
