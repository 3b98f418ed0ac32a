package io.stowage.csi.node;

import java.nio.file.Path;

/** Bind-mount a staged volume at a pod's target path, read-only when asked. */
public record PublishRequest(String volumeId, Path stagingPath, Path targetPath, boolean readOnly) {
}
