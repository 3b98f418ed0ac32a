package io.stowage.csi.node.fuse;

import io.stowage.csi.node.MountException;
import io.stowage.csi.node.S3Access;
import io.stowage.csi.node.StageRequest;
import io.stowage.csi.node.system.AtomicFiles;
import io.stowage.csi.node.system.ChildEnvironment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * geesefs: {@code geesefs -f --endpoint ENDPOINT [--region R] -o allow_other [OPTIONS] BUCKET[:PREFIX]
 * MOUNT_POINT}, with the options before the bucket because its flag parser stops at the first argument that
 * is not a flag. The key pair goes in AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY. geesefs has no option for
 * a CA file and builds its own HTTP client, which ignores AWS_CA_BUNDLE; Go's certificate loader reads
 * SSL_CERT_FILE, so that is where a CA bundle goes. It cannot skip certificate checks at all, so an
 * {@code insecure} volume is refused.
 */
public final class GeesefsMounter implements FuseMounter {

    @Override
    public MounterKind kind() {
        return MounterKind.GEESEFS;
    }

    @Override
    public FuseCommand command(Path binary, StageRequest request, VolumeFiles files) {
        S3Access access = request.access();
        if (access.insecure()) {
            throw new MountException(MountException.Reason.INVALID, "geesefs cannot skip verifying the endpoint's"
                    + " certificate: give the endpoint's CA in caBundle instead of insecure, or use s3fs or rclone");
        }
        Map<String, String> env = ChildEnvironment.base(files.home());
        env.put("AWS_ACCESS_KEY_ID", access.accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", access.secretAccessKey());
        List<FuseFile> written = new ArrayList<>();
        if (access.caBundle() != null) {
            written.add(new FuseFile(files.caBundle(), access.caBundle(), AtomicFiles.PUBLIC));
            env.put("SSL_CERT_FILE", files.caBundle().toString());
        }
        List<String> argv = new ArrayList<>(List.of(binary.toString(), "-f", "--endpoint", access.endpoint().toString()));
        if (access.region() != null && !access.region().isBlank()) {
            argv.addAll(List.of("--region", access.region()));
        }
        argv.addAll(List.of("-o", "allow_other"));
        if (request.readOnly()) {
            argv.addAll(List.of("-o", "ro"));
        }
        argv.addAll(request.options());
        argv.add(request.prefix().isEmpty() ? request.bucket() : request.bucket() + ":" + request.prefix());
        argv.add(request.stagingPath().toString());
        return new FuseCommand(argv, env, written);
    }
}
