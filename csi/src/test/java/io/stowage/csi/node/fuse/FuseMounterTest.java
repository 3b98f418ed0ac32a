package io.stowage.csi.node.fuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.csi.node.MountException;
import io.stowage.csi.node.S3Access;
import io.stowage.csi.node.StageRequest;
import io.stowage.csi.node.system.AtomicFiles;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FuseMounterTest {

    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final String CA = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
    private static final VolumeFiles FILES = new VolumeFiles(Path.of("/state/work/k1"));
    private static final Path STAGING = Path.of("/var/lib/kubelet/plugins/s3.csi.stowage.io/pv/globalmount");

    private static StageRequest request(String mounter, String prefix, boolean readOnly, S3Access access,
                                        List<String> options) {
        return new StageRequest("vol-1", "photos", prefix, STAGING, mounter, options, access, readOnly);
    }

    private static S3Access plain() {
        return new S3Access(URI.create("http://127.0.0.1:9000"), null, "AKIDEXAMPLE", SECRET, false, null);
    }

    private static S3Access tls() {
        return new S3Access(URI.create("https://s3.example.com"), "eu-west-1", "AKIDEXAMPLE", SECRET, false, CA);
    }

    private static S3Access insecure() {
        return new S3Access(URI.create("https://s3.example.com"), null, "AKIDEXAMPLE", SECRET, true, null);
    }

    @Test
    void s3fsRunsInTheForegroundWithThePasswordFileAndPathStyle() {
        FuseCommand command = new S3fsMounter().command(Path.of("/usr/bin/s3fs"),
                request("s3fs", "", false, plain(), List.of("-o", "use_cache=/tmp")), FILES);

        assertThat(command.argv()).containsExactly("/usr/bin/s3fs", "photos", STAGING.toString(), "-f",
                "-o", "passwd_file=/state/work/k1/passwd-s3fs", "-o", "url=http://127.0.0.1:9000",
                "-o", "use_path_request_style", "-o", "allow_other", "-o", "mp_umask=000", "-o", "use_cache=/tmp");
        assertThat(command.files()).containsExactly(new FuseFile(FILES.passwordFile(), "AKIDEXAMPLE:" + SECRET + "\n",
                AtomicFiles.PRIVATE));
        assertThat(command.environment()).containsOnlyKeys("PATH", "HOME", "LANG")
                .containsEntry("HOME", "/state/work/k1/home");
        assertNoSecretInArgv(command);
    }

    @Test
    void s3fsMountsAPrefixReadOnlyWithRegionAndTheCaBundleInCurlCaBundle() {
        FuseCommand command = new S3fsMounter().command(Path.of("/usr/bin/s3fs"),
                request("s3fs", "team/pv-1", true, tls(), List.of()), FILES);

        assertThat(command.argv()).startsWith("/usr/bin/s3fs", "photos:/team/pv-1", STAGING.toString())
                .containsSubsequence("-o", "url=https://s3.example.com")
                .containsSubsequence("-o", "endpoint=eu-west-1")
                .endsWith("-o", "ro")
                .doesNotContain("no_check_certificate", "ssl_verify_hostname=0");
        assertThat(command.environment()).containsEntry("CURL_CA_BUNDLE", "/state/work/k1/ca.pem");
        assertThat(command.files()).contains(new FuseFile(FILES.caBundle(), CA, AtomicFiles.PUBLIC));
        assertNoSecretInArgv(command);
    }

    @Test
    void s3fsSkipsCertificateAndHostNameChecksWhenInsecure() {
        FuseCommand command = new S3fsMounter().command(Path.of("/usr/bin/s3fs"),
                request("s3fs", "", false, insecure(), List.of()), FILES);

        assertThat(command.argv()).containsSubsequence("-o", "no_check_certificate", "-o", "ssl_verify_hostname=0");
        assertThat(command.environment()).doesNotContainKey("CURL_CA_BUNDLE");
    }

    @Test
    void rcloneGetsTheRemoteFromTheEnvironmentOnly() {
        FuseCommand command = new RcloneMounter().command(Path.of("/usr/bin/rclone"),
                request("rclone", "", false, plain(), List.of("--vfs-cache-mode=full")), FILES);

        assertThat(command.argv()).containsExactly("/usr/bin/rclone", "mount", ":s3:photos", STAGING.toString(),
                "--allow-other", "--vfs-cache-mode=writes", "--vfs-write-back=0s", "--cache-dir=/state/work/k1/cache",
                "--vfs-cache-mode=full");
        assertThat(command.environment()).containsAllEntriesOf(Map.of(
                "RCLONE_S3_PROVIDER", "Other",
                "RCLONE_S3_ENV_AUTH", "false",
                "RCLONE_S3_ACCESS_KEY_ID", "AKIDEXAMPLE",
                "RCLONE_S3_SECRET_ACCESS_KEY", SECRET,
                "RCLONE_S3_ENDPOINT", "http://127.0.0.1:9000",
                "RCLONE_S3_FORCE_PATH_STYLE", "true",
                "RCLONE_S3_NO_CHECK_BUCKET", "true",
                "RCLONE_CONFIG", "/state/work/k1/home/rclone.conf"))
                .doesNotContainKey("RCLONE_S3_REGION");
        assertThat(command.environment().keySet()).noneMatch(k -> k.startsWith("AWS_"));
        assertNoSecretInArgv(command);
    }

    @Test
    void rcloneMountsAPrefixReadOnlyWithTheCaCertOrWithoutChecks() {
        FuseCommand verified = new RcloneMounter().command(Path.of("/usr/bin/rclone"),
                request("rclone", "team/pv-1", true, tls(), List.of()), FILES);
        FuseCommand unverified = new RcloneMounter().command(Path.of("/usr/bin/rclone"),
                request("rclone", "", false, insecure(), List.of()), FILES);

        assertThat(verified.argv()).contains(":s3:photos/team/pv-1", "--ca-cert=/state/work/k1/ca.pem", "--read-only")
                .doesNotContain("--no-check-certificate");
        assertThat(verified.environment()).containsEntry("RCLONE_S3_REGION", "eu-west-1");
        assertThat(verified.files()).contains(new FuseFile(FILES.caBundle(), CA, AtomicFiles.PUBLIC));
        assertThat(unverified.argv()).contains("--no-check-certificate").doesNotContain("--read-only");
    }

    @Test
    void geesefsPutsItsOptionsBeforeTheBucketAndTheKeyInTheEnvironment() {
        FuseCommand command = new GeesefsMounter().command(Path.of("/usr/local/bin/geesefs"),
                request("geesefs", "team/pv-1", true, tls(), List.of("--memory-limit", "1000")), FILES);

        assertThat(command.argv()).containsExactly("/usr/local/bin/geesefs", "-f", "--endpoint", "https://s3.example.com",
                "--region", "eu-west-1", "-o", "allow_other", "-o", "ro", "--memory-limit", "1000",
                "photos:team/pv-1", STAGING.toString());
        assertThat(command.environment()).containsEntry("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
                .containsEntry("AWS_SECRET_ACCESS_KEY", SECRET)
                .containsEntry("SSL_CERT_FILE", "/state/work/k1/ca.pem");
        assertNoSecretInArgv(command);
    }

    @Test
    void geesefsRefusesToSkipCertificateChecks() {
        assertThatThrownBy(() -> new GeesefsMounter().command(Path.of("/usr/local/bin/geesefs"),
                request("geesefs", "", false, insecure(), List.of()), FILES))
                .isInstanceOf(MountException.class)
                .hasMessageContaining("caBundle")
                .extracting(e -> ((MountException) e).reason()).isEqualTo(MountException.Reason.INVALID);
    }

    @Test
    void commandsAndAccessPrintNoSecret() {
        FuseCommand command = new RcloneMounter().command(Path.of("/usr/bin/rclone"),
                request("rclone", "", false, tls(), List.of()), FILES);

        assertThat(command.toString()).doesNotContain(SECRET).contains("RCLONE_S3_SECRET_ACCESS_KEY");
        assertThat(tls().toString()).doesNotContain(SECRET).contains("AKIDEXAMPLE");
        assertThat(request("s3fs", "", false, tls(), List.of()).toString()).doesNotContain(SECRET);
        assertThat(new FuseFile(FILES.passwordFile(), "AKIDEXAMPLE:" + SECRET, AtomicFiles.PRIVATE).toString())
                .doesNotContain(SECRET);
    }

    @Test
    void mounterNamesParseAndOthersAreInvalid() {
        assertThat(MounterKind.parse("s3fs")).isEqualTo(MounterKind.S3FS);
        assertThat(MounterKind.parse(" RClone ")).isEqualTo(MounterKind.RCLONE);
        assertThat(FuseMounter.of(MounterKind.parse("geesefs"))).isInstanceOf(GeesefsMounter.class);
        assertThatThrownBy(() -> MounterKind.parse("goofys")).isInstanceOf(MountException.class)
                .hasMessageContaining("s3fs, rclone or geesefs");
        assertThatThrownBy(() -> MounterKind.parse(null)).isInstanceOf(MountException.class);
    }

    private static void assertNoSecretInArgv(FuseCommand command) {
        assertThat(command.argv()).noneMatch(arg -> arg.contains(SECRET));
    }
}
