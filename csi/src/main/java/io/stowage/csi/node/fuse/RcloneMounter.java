package io.stowage.csi.node.fuse;

import io.stowage.csi.node.S3Access;
import io.stowage.csi.node.StageRequest;
import io.stowage.csi.node.system.AtomicFiles;
import io.stowage.csi.node.system.ChildEnvironment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * rclone: {@code rclone mount :s3:BUCKET[/PREFIX] MOUNT_POINT --allow-other --vfs-cache-mode=writes
 * --vfs-write-back=0s --cache-dir=DIR ...} in the foreground (no --daemon). The remote is configured only
 * through RCLONE_S3_* variables: provider Other, path-style requests, no bucket creation check (a key limited
 * to its bucket may not create buckets), the key pair, and env_auth off so nothing else supplies credentials.
 *
 * <p>The write cache lets files be written at random and read while open, as programs expect; write-back 0
 * uploads a file as soon as it is closed (rclone's default waits 5 s), from the volume's own cache
 * directory, which outlives a restart of the mounter. The upload runs after close() has answered, so a
 * refused upload (a full volume) is logged by rclone but not reported to the writer; a volume whose writers
 * must see such errors sets {@code --vfs-cache-mode=off}, where close() waits for the upload and fails with
 * EIO, at the price of sequential-only writes.
 */
public final class RcloneMounter implements FuseMounter {

    @Override
    public MounterKind kind() {
        return MounterKind.RCLONE;
    }

    @Override
    public FuseCommand command(Path binary, StageRequest request, VolumeFiles files) {
        S3Access access = request.access();
        Map<String, String> env = ChildEnvironment.base(files.home());
        env.put("RCLONE_CONFIG", files.home().resolve("rclone.conf").toString());
        env.put("RCLONE_S3_PROVIDER", "Other");
        env.put("RCLONE_S3_ENV_AUTH", "false");
        env.put("RCLONE_S3_ACCESS_KEY_ID", access.accessKeyId());
        env.put("RCLONE_S3_SECRET_ACCESS_KEY", access.secretAccessKey());
        env.put("RCLONE_S3_ENDPOINT", access.endpoint().toString());
        env.put("RCLONE_S3_FORCE_PATH_STYLE", "true");
        env.put("RCLONE_S3_NO_CHECK_BUCKET", "true");
        if (access.region() != null && !access.region().isBlank()) {
            env.put("RCLONE_S3_REGION", access.region());
        }
        List<FuseFile> written = new ArrayList<>();
        // an empty configuration file: rclone then neither warns about a missing one nor reads another
        written.add(new FuseFile(files.home().resolve("rclone.conf"), "", AtomicFiles.PRIVATE));
        String remote = ":s3:" + request.bucket() + (request.prefix().isEmpty() ? "" : "/" + request.prefix());
        List<String> argv = new ArrayList<>(List.of(binary.toString(), "mount", remote,
                request.stagingPath().toString(),
                "--allow-other",
                "--vfs-cache-mode=writes",
                "--vfs-write-back=0s",
                "--cache-dir=" + files.cache()));
        if (access.caBundle() != null) {
            written.add(new FuseFile(files.caBundle(), access.caBundle(), AtomicFiles.PUBLIC));
            argv.add("--ca-cert=" + files.caBundle());
        }
        if (access.insecure()) {
            argv.add("--no-check-certificate");
        }
        if (request.readOnly()) {
            argv.add("--read-only");
        }
        argv.addAll(request.options());
        return new FuseCommand(argv, env, written);
    }
}
