package io.stowage.csi.node.daemon;

import java.nio.file.Path;

/** A bind mount of a staged volume at a pod's target path. */
record PublishedTarget(Path path, boolean readOnly) {
}
