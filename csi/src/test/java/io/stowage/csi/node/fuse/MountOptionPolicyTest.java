package io.stowage.csi.node.fuse;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.csi.node.MountException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MountOptionPolicyTest {

    static List<Arguments> allowed() {
        return List.of(
                Arguments.of(MounterKind.S3FS, List.of("-o", "use_cache=/tmp,ensure_diskfree=1024")),
                Arguments.of(MounterKind.S3FS, List.of("-ouid=1000,gid=1000", "-o", "umask=0022")),
                Arguments.of(MounterKind.S3FS, List.of("-d")),
                Arguments.of(MounterKind.RCLONE, List.of("--vfs-cache-mode=full", "--dir-cache-time", "5s")),
                Arguments.of(MounterKind.RCLONE, List.of("--uid=1000", "--gid=1000", "--umask=002", "-o", "noatime")),
                Arguments.of(MounterKind.RCLONE, List.of("--s3-chunk-size=16M", "--s3-upload-concurrency=8")),
                Arguments.of(MounterKind.GEESEFS, List.of("--memory-limit", "1000", "--dir-mode", "0777")),
                Arguments.of(MounterKind.GEESEFS, List.of()));
    }

    static List<Arguments> refused() {
        return List.of(
                Arguments.of(MounterKind.S3FS, List.of("-o", "passwd_file=/etc/passwd-s3fs"), "passwd_file"),
                Arguments.of(MounterKind.S3FS, List.of("-o", "allow_other,url=https://elsewhere"), "url="),
                Arguments.of(MounterKind.S3FS, List.of("-oendpoint=us-west-2"), "endpoint"),
                Arguments.of(MounterKind.S3FS, List.of("-o", "no_check_certificate"), "no_check_certificate"),
                Arguments.of(MounterKind.S3FS, List.of("-o", "iam_role=auto"), "iam_role"),
                Arguments.of(MounterKind.S3FS, List.of("-o", "rw"), "access mode"),
                Arguments.of(MounterKind.S3FS, List.of("-o"), "-o needs a value"),
                Arguments.of(MounterKind.RCLONE, List.of("--daemon"), "supervises"),
                Arguments.of(MounterKind.RCLONE, List.of("--s3-endpoint", "https://elsewhere"), "s3-endpoint"),
                Arguments.of(MounterKind.RCLONE, List.of("--s3-secret-access-key=x"), "credentials"),
                Arguments.of(MounterKind.RCLONE, List.of("--s3-env-auth"), "s3-env-auth"),
                Arguments.of(MounterKind.RCLONE, List.of("--config=/root/.rclone.conf"), "config"),
                Arguments.of(MounterKind.RCLONE, List.of("--read-only=false"), "access mode"),
                Arguments.of(MounterKind.RCLONE, List.of("--rc-addr=:5572"), "remote control"),
                Arguments.of(MounterKind.RCLONE, List.of("-o", "ro"), "access mode"),
                Arguments.of(MounterKind.GEESEFS, List.of("--endpoint", "https://elsewhere"), "endpoint"),
                Arguments.of(MounterKind.GEESEFS, List.of("--shared-config=/root/.aws/credentials"), "shared-config"),
                Arguments.of(MounterKind.GEESEFS, List.of("--memory-limit", "1000\n--endpoint"), "single line"),
                Arguments.of(MounterKind.GEESEFS, List.of(""), "non-empty"));
    }

    @ParameterizedTest
    @MethodSource("allowed")
    void allows(MounterKind kind, List<String> options) {
        assertThatCode(() -> MountOptionPolicy.check(kind, options)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @MethodSource("refused")
    void refuses(MounterKind kind, List<String> options, String why) {
        assertThatThrownBy(() -> MountOptionPolicy.check(kind, options))
                .isInstanceOf(MountException.class)
                .hasMessageContaining(why)
                .extracting(e -> ((MountException) e).reason()).isEqualTo(MountException.Reason.INVALID);
    }
}
