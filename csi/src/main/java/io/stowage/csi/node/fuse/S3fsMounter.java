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
 * s3fs (Debian's 1.90): {@code s3fs BUCKET[:/PREFIX] MOUNT_POINT -f -o passwd_file=F -o url=ENDPOINT
 * -o use_path_request_style -o allow_other -o mp_umask=000 ...}. The key pair is in a 0600 password file;
 * a CA bundle goes in CURL_CA_BUNDLE, which s3fs reads itself (it has no option for one); {@code insecure}
 * turns off both the certificate and the host name check.
 */
public final class S3fsMounter implements FuseMounter {

    @Override
    public MounterKind kind() {
        return MounterKind.S3FS;
    }

    @Override
    public FuseCommand command(Path binary, StageRequest request, VolumeFiles files) {
        S3Access access = request.access();
        List<FuseFile> written = new ArrayList<>();
        written.add(new FuseFile(files.passwordFile(), access.accessKeyId() + ":" + access.secretAccessKey() + "\n",
                AtomicFiles.PRIVATE));
        Map<String, String> env = ChildEnvironment.base(files.home());
        if (access.caBundle() != null) {
            written.add(new FuseFile(files.caBundle(), access.caBundle(), AtomicFiles.PUBLIC));
            env.put("CURL_CA_BUNDLE", files.caBundle().toString());
        }
        String source = request.prefix().isEmpty() ? request.bucket() : request.bucket() + ":/" + request.prefix();
        List<String> argv = new ArrayList<>(List.of(binary.toString(), source, request.stagingPath().toString(), "-f",
                "-o", "passwd_file=" + files.passwordFile(),
                "-o", "url=" + access.endpoint(),
                "-o", "use_path_request_style",
                "-o", "allow_other",
                // the mount point's own mode: 0777, so pods running as any user can reach the files
                "-o", "mp_umask=000"));
        if (access.region() != null && !access.region().isBlank()) {
            argv.addAll(List.of("-o", "endpoint=" + access.region()));
        }
        if (access.insecure()) {
            argv.addAll(List.of("-o", "no_check_certificate", "-o", "ssl_verify_hostname=0"));
        }
        if (request.readOnly()) {
            argv.addAll(List.of("-o", "ro"));
        }
        argv.addAll(request.options());
        return new FuseCommand(argv, env, written);
    }
}
