package io.stowage.csi;

import io.stowage.csi.v1.VolumeCapability;
import io.stowage.csi.v1.VolumeCapability.AccessMode.Mode;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which volume capabilities a bucket mounted through FUSE honours: the mount access type (any fs_type; the
 * mount is FUSE whatever it names) with every access mode, since a bucket can be mounted read-write or
 * read-only on any number of nodes at once. Block access is not possible.
 */
public final class VolumeCapabilities {

    /** Every access mode of CSI v1.12: a FUSE bucket mount can honour each. */
    public static final Set<Mode> ACCESS_MODES = EnumSet.of(Mode.SINGLE_NODE_WRITER, Mode.SINGLE_NODE_READER_ONLY,
            Mode.MULTI_NODE_READER_ONLY, Mode.MULTI_NODE_SINGLE_WRITER, Mode.MULTI_NODE_MULTI_WRITER,
            Mode.SINGLE_NODE_SINGLE_WRITER, Mode.SINGLE_NODE_MULTI_WRITER);

    private VolumeCapabilities() {
    }

    /** Why the volumes cannot have this capability, or empty when they can. */
    public static Optional<String> problem(VolumeCapability capability) {
        if (capability.hasBlock()) {
            return Optional.of("block access is not supported: the volumes are buckets mounted as file systems");
        }
        if (!capability.hasMount()) {
            return Optional.of("a volume capability needs an access type (mount)");
        }
        if (!capability.hasAccessMode()) {
            return Optional.of("a volume capability needs an access mode");
        }
        Mode mode = capability.getAccessMode().getMode();
        if (!ACCESS_MODES.contains(mode)) {
            return Optional.of("access mode " + mode + " is not supported; supported: " + ACCESS_MODES);
        }
        return Optional.empty();
    }

    /** Why the volumes cannot have one of these capabilities, or empty when they can have them all. */
    public static Optional<String> problem(List<VolumeCapability> capabilities) {
        return capabilities.stream().map(VolumeCapabilities::problem).flatMap(Optional::stream).findFirst();
    }
}
