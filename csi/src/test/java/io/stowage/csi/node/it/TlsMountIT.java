package io.stowage.csi.node.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.admin.client.AdminClient;
import io.stowage.csi.node.MountException;
import io.stowage.csi.node.MounterClient;
import io.stowage.csi.node.S3Access;
import io.stowage.csi.node.StageRequest;
import io.stowage.csi.node.system.MountTable;
import io.stowage.server.StowageServer;
import io.stowage.server.it.StowageServerExtension;
import io.stowage.server.tls.TlsConfig;
import io.stowage.server.tls.TlsMode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Mounts of an HTTPS endpoint whose certificate comes from a private CA (the server's generated one): the
 * mounter trusts exactly the volume's caBundle, refuses the endpoint without it, and skips the check only
 * when the volume is insecure; and the mounter itself, run without the daemon's endpoint check, refuses a
 * certificate it cannot verify.
 */
class TlsMountIT {

    private static Path root;
    private static StowageServer server;
    private static String caBundle;
    private static DaemonProcess daemon;
    private static MounterClient client;
    private final List<StageRequest> staged = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        if (FuseSupport.missing("s3fs") != null && FuseSupport.missing("rclone") != null) {
            return;
        }
        root = Files.createTempDirectory(Path.of("/tmp"), "stowage-csi-tls-");
        server = StowageServer.start(StowageServerExtension.config(root.resolve("server"),
                new TlsConfig(TlsMode.AUTO, null, null, null, List.of())));
        caBundle = Files.readString(server.tlsCaFile());
        try (AdminClient admin = AdminClient.builder(URI.create("https://127.0.0.1:" + server.adminAddress().getPort()))
                .token(StowageServerExtension.ADMIN_TOKEN).trustedCertificates(caBundle.getBytes()).build()) {
            admin.createBucket("tls", null, null);
        }
        daemon = DaemonProcess.start(root.resolve("run/mounter.sock"), root.resolve("state"),
                Path.of("target", "fuse-it", "tls-daemon.log"));
        client = new MounterClient(root.resolve("run/mounter.sock"), Duration.ofSeconds(60));
    }

    @AfterEach
    void unstage() throws Exception {
        for (StageRequest request : staged) {
            try {
                client.unstage(request.volumeId(), request.stagingPath());
            } catch (MountException e) {
                System.err.println("cleanup: " + e.getMessage());
            }
        }
        staged.clear();
        assertThat(MountCleanup.detachUnder(root.resolve("kubelet"))).as("mounts left behind").isEmpty();
    }

    @AfterAll
    static void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
        if (server != null) {
            server.close();
        }
        if (root != null) {
            MountCleanup.detachUnder(root);
            MountCleanup.deleteTree(root);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3fs", "rclone"})
    void theMounterTrustsTheVolumesCaAndNothingElse(String mounter) throws Exception {
        FuseSupport.assume(mounter);

        StageRequest trusting = request(mounter, "ca", caBundle, false);
        client.stage(trusting);
        Files.writeString(trusting.stagingPath().resolve(mounter + ".txt"), "over TLS");
        assertThat(Files.readString(trusting.stagingPath().resolve(mounter + ".txt"))).isEqualTo("over TLS");

        StageRequest systemTrust = request(mounter, "system", null, false);
        assertThatThrownBy(() -> client.stage(systemTrust)).isInstanceOf(MountException.class)
                .hasMessageContaining("certificate")
                .extracting(e -> ((MountException) e).reason()).isEqualTo(MountException.Reason.FAILED);
        assertThat(MountTable.read().at(systemTrust.stagingPath())).isEmpty();

        StageRequest insecure = request(mounter, "insecure", null, true);
        client.stage(insecure);
        assertThat(Files.readString(insecure.stagingPath().resolve(mounter + ".txt"))).isEqualTo("over TLS");
    }

    /**
     * The refusal above comes from the daemon's endpoint check, before any mounter runs. Here the mounter runs alone,
     * with exactly the command, environment and files the driver gives it, once with the volume's caBundle and once
     * without: the first serves the bucket, the second must be refused by the mounter itself (a mounter that checks
     * the bucket first exits without mounting, as s3fs may; one that mounts at once fails the first listing, as
     * rclone does). The only difference
     * between the two runs is the CA, so the refusal is the mounter's certificate check.
     */
    @ParameterizedTest
    @ValueSource(strings = {"s3fs", "rclone"})
    void theMounterItselfRefusesACertificateItCannotVerify(String mounter) throws Exception {
        FuseSupport.assume(mounter);

        try (MounterAlone trusting = MounterAlone.start(request(mounter, "alone-ca", caBundle, false),
                root.resolve("alone-ca-" + mounter))) {
            assertThat(trusting.awaitMount()).as("mounted with the caBundle").isTrue();
            assertThat(trusting.list()).as("listed with the caBundle").isNull();
        }
        try (MounterAlone refusing = MounterAlone.start(request(mounter, "alone-none", null, false),
                root.resolve("alone-none-" + mounter))) {
            if (refusing.awaitMount()) {
                assertThat(refusing.list()).as("the listing without the caBundle").isNotNull();
            } else {
                // s3fs exits with status 0 when its bucket check fails, so the exit itself is the refusal
                assertThat(refusing.exited()).as("the mounter gave up without the caBundle").isTrue();
            }
        }
    }

    private StageRequest request(String mounter, String name, String ca, boolean insecure) {
        StageRequest request = new StageRequest(mounter + "-" + name, "tls", "",
                root.resolve("kubelet/" + mounter + "/" + name), mounter, List.of(),
                new S3Access(URI.create("https://127.0.0.1:" + server.address().getPort()), StowageServerExtension.REGION,
                        StowageServerExtension.ACCESS_KEY, StowageServerExtension.SECRET_KEY, insecure, ca), false);
        staged.add(request);
        return request;
    }
}
