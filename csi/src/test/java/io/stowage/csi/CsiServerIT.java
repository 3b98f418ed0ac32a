package io.stowage.csi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.stowage.csi.controller.ControllerService;
import io.stowage.csi.v1.ControllerGetCapabilitiesRequest;
import io.stowage.csi.v1.ControllerServiceCapability;
import io.stowage.csi.v1.GetPluginCapabilitiesRequest;
import io.stowage.csi.v1.GetPluginInfoRequest;
import io.stowage.csi.v1.GetPluginInfoResponse;
import io.stowage.csi.v1.NodeGetInfoRequest;
import io.stowage.csi.v1.PluginCapability;
import io.stowage.csi.v1.ProbeRequest;
import io.stowage.csi.v1.ProbeResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server and Identity over a real unix socket, called with grpc-java as the sidecars call them. */
class CsiServerIT {

    @TempDir
    Path dir;

    private CsiEndpoint endpoint() {
        return CsiEndpoint.parse("unix://" + dir.resolve("csi.sock"));
    }

    @Test
    void identityOfAControllerPlugin() throws Exception {
        try (CsiServer server = CsiServer.start(endpoint(), IdentityService.of(IdentityService.DEFAULT_DRIVER_NAME, true),
                List.of(new ControllerService()));
             CsiSocketClient client = new CsiSocketClient(server.endpoint().socket())) {
            GetPluginInfoResponse info = client.identity().getPluginInfo(GetPluginInfoRequest.getDefaultInstance());
            ProbeResponse probe = client.identity().probe(ProbeRequest.getDefaultInstance());

            assertThat(info.getName()).isEqualTo("s3.csi.stowage.io");
            assertThat(info.getVendorVersion()).isEqualTo(System.getProperty("project.version")).isNotBlank();
            assertThat(client.identity().getPluginCapabilities(GetPluginCapabilitiesRequest.getDefaultInstance())
                    .getCapabilitiesList()).extracting(c -> c.getService().getType())
                    .containsExactly(PluginCapability.Service.Type.CONTROLLER_SERVICE);
            assertThat(probe.hasReady()).isTrue();
            assertThat(probe.getReady().getValue()).isTrue();
            assertThat(client.controller().controllerGetCapabilities(ControllerGetCapabilitiesRequest.getDefaultInstance())
                    .getCapabilitiesList()).extracting(c -> c.getRpc().getType())
                    .containsExactly(ControllerServiceCapability.RPC.Type.CREATE_DELETE_VOLUME);
        }
    }

    @Test
    void aPluginWithoutTheControllerSaysSoAndLeavesItsRpcsUnimplemented() throws Exception {
        try (CsiServer server = CsiServer.start(endpoint(), IdentityService.of("other.example.com", false), List.of());
             CsiSocketClient client = new CsiSocketClient(server.endpoint().socket())) {
            assertThat(client.identity().getPluginInfo(GetPluginInfoRequest.getDefaultInstance()).getName())
                    .isEqualTo("other.example.com");
            assertThat(client.identity().getPluginCapabilities(GetPluginCapabilitiesRequest.getDefaultInstance())
                    .getCapabilitiesList()).isEmpty();
            assertThatThrownBy(() -> client.controller().controllerGetCapabilities(ControllerGetCapabilitiesRequest.getDefaultInstance()))
                    .isInstanceOfSatisfying(StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED));
            assertThatThrownBy(() -> client.node().nodeGetInfo(NodeGetInfoRequest.getDefaultInstance()))
                    .isInstanceOfSatisfying(StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED));
        }
    }

    @Test
    void aStaleSocketIsReplacedAndTheSocketRemovedAtStop() throws Exception {
        Path socket = dir.resolve("csi.sock");
        Files.writeString(socket, "left by a killed plugin");

        CsiServer server = CsiServer.start(endpoint(), IdentityService.of(IdentityService.DEFAULT_DRIVER_NAME, false), List.of());
        try (CsiSocketClient client = new CsiSocketClient(socket)) {
            assertThat(client.identity().probe(ProbeRequest.getDefaultInstance()).getReady().getValue()).isTrue();
        } finally {
            server.close();
        }
        server.close();

        assertThat(socket).doesNotExist();
    }

    @Test
    void aMissingSocketDirectoryIsNamed() {
        CsiEndpoint missing = CsiEndpoint.parse(dir.resolve("absent/csi.sock").toString());

        assertThatThrownBy(() -> CsiServer.start(missing, IdentityService.of(IdentityService.DEFAULT_DRIVER_NAME, false), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(dir.resolve("absent").toString());
    }
}
