package io.stowage.csi.node.fuse;

import io.stowage.csi.node.StageRequest;
import java.nio.file.Path;

/** Builds the command line, environment and files that mount a volume with one FUSE program. */
public sealed interface FuseMounter permits S3fsMounter, RcloneMounter, GeesefsMounter {

    MounterKind kind();

    /**
     * @param binary the program, as found in the search path
     * @param request a request whose options passed {@link MountOptionPolicy}
     * @throws io.stowage.csi.node.MountException INVALID when the mounter cannot honour the request
     */
    FuseCommand command(Path binary, StageRequest request, VolumeFiles files);

    static FuseMounter of(MounterKind kind) {
        return switch (kind) {
            case S3FS -> new S3fsMounter();
            case RCLONE -> new RcloneMounter();
            case GEESEFS -> new GeesefsMounter();
        };
    }
}
