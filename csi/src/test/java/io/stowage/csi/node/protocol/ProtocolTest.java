package io.stowage.csi.node.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.stowage.csi.node.MountException;
import io.stowage.csi.node.PublishRequest;
import io.stowage.csi.node.S3Access;
import io.stowage.csi.node.StageRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProtocolTest {

    private static final StageRequest STAGE = new StageRequest("bucket/prefix", "bucket", "prefix",
            Path.of("/var/lib/kubelet/plugins/x/globalmount"), "rclone", List.of("--vfs-cache-mode=full"),
            new S3Access(URI.create("https://s3.example.com:8443"), "eu-1", "AK", "SK", true, "PEM"), true);

    @Test
    void everyRequestSurvivesTheRoundTripWithItsOpName() throws IOException {
        List<MounterRequest> requests = List.of(
                new MounterRequest.Stage(STAGE),
                new MounterRequest.Unstage("v", Path.of("/staging/v")),
                new MounterRequest.Publish(new PublishRequest("v", Path.of("/staging/v"), Path.of("/target/v"), true)),
                new MounterRequest.Unpublish("v", Path.of("/target/v")));

        for (MounterRequest request : requests) {
            String json = NodeJson.mapper().writeValueAsString(request);
            assertThat(json).doesNotContain("\n");
            assertThat(NodeJson.mapper().readValue(json, MounterRequest.class)).isEqualTo(request);
        }
        JsonNode stage = NodeJson.mapper().readTree(NodeJson.mapper().writeValueAsString(requests.getFirst()));
        assertThat(stage.get("op").asText()).isEqualTo("stage");
        assertThat(stage.at("/request/stagingPath").asText()).isEqualTo("/var/lib/kubelet/plugins/x/globalmount");
        assertThat(stage.at("/request/access/endpoint").asText()).isEqualTo("https://s3.example.com:8443");
        assertThat(NodeJson.mapper().readTree(NodeJson.mapper().writeValueAsString(requests.get(1))).get("op").asText())
                .isEqualTo("unstage");
    }

    @Test
    void aStageWithoutPrefixOrOptionsReadsAsEmptyOnes() throws IOException {
        String json = """
                {"op":"stage","request":{"volumeId":"v","bucket":"b","stagingPath":"/s","mounter":"s3fs",
                "access":{"endpoint":"http://h:1","accessKeyId":"a","secretAccessKey":"s"},"readOnly":false,"future":1}}
                """.replace("\n", "");

        MounterRequest.Stage stage = (MounterRequest.Stage) NodeJson.mapper().readValue(json, MounterRequest.class);

        assertThat(stage.request().prefix()).isEmpty();
        assertThat(stage.request().options()).isEmpty();
        assertThat(stage.request().access().region()).isNull();
    }

    @Test
    void repliesCarryTheReasonAndMessage() throws IOException {
        String ok = NodeJson.mapper().writeValueAsString(MounterReply.ok());
        String failed = NodeJson.mapper().writeValueAsString(
                MounterReply.failure(new MountException(MountException.Reason.NOT_STAGED, "volume v is not staged")));

        assertThat(ok).isEqualTo("{}");
        assertThat(failed).isEqualTo("{\"error\":\"NOT_STAGED\",\"message\":\"volume v is not staged\"}");
        NodeJson.mapper().readValue(ok, MounterReply.class).throwIfFailed();
        assertThatThrownBy(() -> NodeJson.mapper().readValue(failed, MounterReply.class).throwIfFailed())
                .isInstanceOf(MountException.class).hasMessage("volume v is not staged")
                .extracting(e -> ((MountException) e).reason()).isEqualTo(MountException.Reason.NOT_STAGED);
    }

    @Test
    void linesAreBoundedAndEndAtNewline() throws IOException {
        var in = new ByteArrayInputStream("{\"a\":1}\n{\"b\":\"ü\"}\n".getBytes(StandardCharsets.UTF_8));
        assertThat(LineChannel.readLine(in, 100)).isEqualTo("{\"a\":1}");
        assertThat(LineChannel.readLine(in, 100)).isEqualTo("{\"b\":\"ü\"}");
        assertThat(LineChannel.readLine(in, 100)).isNull();

        assertThatThrownBy(() -> LineChannel.readLine(new ByteArrayInputStream(new byte[101]), 100))
                .isInstanceOf(IOException.class).hasMessageContaining("longer than 100");
        assertThatThrownBy(() -> LineChannel.readLine(new ByteArrayInputStream("{\"a\"".getBytes()), 100))
                .isInstanceOf(IOException.class).hasMessageContaining("middle of a line");
    }
}
