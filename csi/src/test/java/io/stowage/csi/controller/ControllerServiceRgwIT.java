package io.stowage.csi.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.stowage.backend.BackendSettings;
import io.stowage.backend.BucketBackend;
import io.stowage.backend.BucketBackends;
import io.stowage.backend.BucketQuota;
import io.stowage.backend.rgw.RgwServer;
import io.stowage.csi.CsiEndpoint;
import io.stowage.csi.CsiServer;
import io.stowage.csi.CsiSocketClient;
import io.stowage.csi.IdentityService;
import io.stowage.csi.VolumeHandle;
import io.stowage.csi.v1.CapacityRange;
import io.stowage.csi.v1.CreateVolumeRequest;
import io.stowage.csi.v1.DeleteVolumeRequest;
import io.stowage.csi.v1.Volume;
import io.stowage.csi.v1.VolumeCapability;
import io.stowage.csi.v1.VolumeCapability.AccessMode.Mode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The Controller service over a real unix socket with a real Ceph RGW (started by {@link RgwServer}) as the backend
 * its secrets name: a bucket volume's capacity is RGW's bucket quota, and a volume in a shared bucket, which would need
 * the prefix quotas RGW lacks, is refused before anything is made unless the StorageClass gives up enforcing its
 * capacity. Skipped, with the reason, where Ceph is not installed.
 */
class ControllerServiceRgwIT {

    private static final long MIB = 1024 * 1024;

    @TempDir
    static Path dir;

    private static RgwServer rgw;
    private static CsiServer driver;
    private static CsiSocketClient client;
    private static BucketBackend backend;

    @BeforeAll
    static void start() throws Exception {
        rgw = RgwServer.start();
        driver = CsiServer.start(CsiEndpoint.parse("unix://" + dir.resolve("csi.sock")),
                IdentityService.of(IdentityService.DEFAULT_DRIVER_NAME, true), List.of(new ControllerService()));
        client = new CsiSocketClient(dir.resolve("csi.sock"));
        backend = BucketBackends.open(BackendSettings.fromSecretData(secrets()));
    }

    @AfterAll
    static void stop() {
        if (backend != null) {
            backend.close();
        }
        if (client != null) {
            client.close();
        }
        if (driver != null) {
            driver.close();
        }
        if (rgw != null) {
            rgw.close();
        }
    }

    /** The provisioner Secret for RGW: its Admin Ops user, which is also the S3 key that empties prefixes. */
    private static Map<String, String> secrets() {
        String url = rgw.endpoint().toString();
        return Map.of("type", "rgw", "s3Endpoint", url, "adminEndpoint", url,
                "accessKey", rgw.adminKey().id(), "secretKey", rgw.adminKey().secret(),
                "accessKeyID", rgw.adminKey().id(), "secretAccessKey", rgw.adminKey().secret());
    }

    private static CreateVolumeRequest.Builder request(String name, long bytes) {
        return CreateVolumeRequest.newBuilder().setName(name)
                .addVolumeCapabilities(VolumeCapability.newBuilder()
                        .setMount(VolumeCapability.MountVolume.getDefaultInstance())
                        .setAccessMode(VolumeCapability.AccessMode.newBuilder().setMode(Mode.SINGLE_NODE_WRITER)))
                .setCapacityRange(CapacityRange.newBuilder().setRequiredBytes(bytes))
                .putAllSecrets(secrets());
    }

    private static String name() {
        return "pvc-" + UUID.randomUUID();
    }

    @Test
    void aBucketVolumeHasItsCapacityAsRgwsBucketQuotaAndDeleteVolumeRemovesIt() {
        String name = name();
        Volume volume = client.controller().createVolume(request(name, MIB).build()).getVolume();
        String bucket = VolumeHandle.parse(volume.getVolumeId()).orElseThrow().bucket();

        assertThat(backend.findBucket(bucket).orElseThrow().quota()).isEqualTo(new BucketQuota(MIB, 0));
        assertThat(backend.bucketTags(bucket)).containsExactly(Map.entry("stowage.io/csi-volume", name));
        try (S3Client s3 = rgw.s3As(rgw.adminKey())) {
            s3.putObject(b -> b.bucket(bucket).key("first"), RequestBody.fromBytes(new byte[700 * 1024]));
            S3Exception refused = catchThrowableOfType(S3Exception.class, () -> s3.putObject(b -> b.bucket(bucket)
                    .key("second"), RequestBody.fromBytes(new byte[400 * 1024])));
            assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("QuotaExceeded");
        }

        client.controller().deleteVolume(DeleteVolumeRequest.newBuilder().setVolumeId(volume.getVolumeId())
                .putAllSecrets(secrets()).build());
        assertThat(backend.findBucket(bucket)).isEmpty();
    }

    @Test
    void aSharedBucketVolumeIsRefusedBecauseRgwHasNoPrefixQuotasAndNothingIsMade() {
        String shared = "shared-" + UUID.randomUUID().toString().substring(0, 8);

        StatusRuntimeException refused = catchThrowableOfType(StatusRuntimeException.class, () -> client.controller()
                .createVolume(request(name(), MIB).putParameters("bucket", shared).build()));

        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(refused.getStatus().getDescription()).contains("no prefix quotas").contains("enforceCapacity");
        assertThat(backend.findBucket(shared)).isEmpty();
    }

    @Test
    void withEnforceCapacityFalseASharedBucketVolumeIsMadeWithoutALimit() {
        String shared = "shared-" + UUID.randomUUID().toString().substring(0, 8);
        String name = name();

        Volume volume = client.controller().createVolume(request(name, MIB).putParameters("bucket", shared)
                .putParameters("enforceCapacity", "false").build()).getVolume();

        assertThat(volume.getCapacityBytes()).isEqualTo(MIB);
        VolumeHandle handle = VolumeHandle.parse(volume.getVolumeId()).orElseThrow();
        assertThat(handle.bucket()).isEqualTo(shared);
        assertThat(backend.findBucket(shared).orElseThrow().quota()).isEqualTo(BucketQuota.NONE);
        try (S3Client s3 = rgw.s3As(rgw.adminKey())) {
            s3.putObject(b -> b.bucket(shared).key(handle.objectPrefix() + "big"), RequestBody.fromBytes(new byte[2 * (int) MIB]));
        }
        client.controller().deleteVolume(DeleteVolumeRequest.newBuilder().setVolumeId(volume.getVolumeId())
                .putAllSecrets(secrets()).build());
        try (S3Client s3 = rgw.s3As(rgw.adminKey())) {
            assertThat(s3.listObjectsV2(b -> b.bucket(shared)).contents()).isEmpty();
        }
    }
}
