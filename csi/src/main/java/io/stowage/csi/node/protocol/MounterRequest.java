package io.stowage.csi.node.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.stowage.csi.node.PublishRequest;
import io.stowage.csi.node.StageRequest;
import java.nio.file.Path;

/** One call to the mount daemon: a JSON object whose {@code op} names the call. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "op")
@JsonSubTypes({
        @JsonSubTypes.Type(value = MounterRequest.Stage.class, name = "stage"),
        @JsonSubTypes.Type(value = MounterRequest.Unstage.class, name = "unstage"),
        @JsonSubTypes.Type(value = MounterRequest.Publish.class, name = "publish"),
        @JsonSubTypes.Type(value = MounterRequest.Unpublish.class, name = "unpublish")})
public sealed interface MounterRequest {

    record Stage(StageRequest request) implements MounterRequest {
    }

    record Unstage(String volumeId, Path stagingPath) implements MounterRequest {
    }

    record Publish(PublishRequest request) implements MounterRequest {
    }

    record Unpublish(String volumeId, Path targetPath) implements MounterRequest {
    }
}
