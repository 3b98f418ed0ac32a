package io.stowage.csi.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.stowage.backend.AccessKey;
import io.stowage.backend.BackendSettings;
import io.stowage.backend.BucketBackend;
import io.stowage.backend.BucketBackends;
import io.stowage.backend.BucketQuota;
import io.stowage.csi.CsiEndpoint;
import io.stowage.csi.CsiServer;
import io.stowage.csi.CsiSocketClient;
import io.stowage.csi.IdentityService;
import io.stowage.csi.VolumeHandle;
import io.stowage.csi.v1.CapacityRange;
import io.stowage.csi.v1.CreateVolumeRequest;
import io.stowage.csi.v1.DeleteVolumeRequest;
import io.stowage.csi.v1.ValidateVolumeCapabilitiesRequest;
import io.stowage.csi.v1.ValidateVolumeCapabilitiesResponse;
import io.stowage.csi.v1.Volume;
import io.stowage.csi.v1.VolumeCapability;
import io.stowage.csi.v1.VolumeCapability.AccessMode.Mode;
import io.stowage.server.it.StowageServerExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The Controller service over a real unix socket, called with grpc-java as csi-provisioner and csi-sanity call
 * it, against a real in-process Stowage server as the backend its secrets name. What it makes is checked
 * through the server's admin API and with the AWS SDK.
 */
class ControllerServiceIT {

    @RegisterExtension
    static final StowageServerExtension SERVER = new StowageServerExtension();

    private static final long MIB = 1024 * 1024;

    @TempDir
    static Path dir;

    private static CsiServer driver;
    private static CsiSocketClient client;
    private static BucketBackend backend;

    @BeforeAll
    static void start() throws IOException {
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
    }

    /** The provisioner Secret: the backend's endpoints and admin token, and the root S3 key. */
    private static Map<String, String> secrets() {
        Map<String, String> secrets = new HashMap<>();
        secrets.put("s3Endpoint", SERVER.endpoint().toString());
        secrets.put("adminEndpoint", SERVER.adminEndpoint().toString());
        secrets.put("adminToken", StowageServerExtension.ADMIN_TOKEN);
        secrets.put("accessKeyID", StowageServerExtension.ACCESS_KEY);
        secrets.put("secretAccessKey", StowageServerExtension.SECRET_KEY);
        return secrets;
    }

    private static Map<String, String> secretsWith(String key, String value) {
        Map<String, String> secrets = secrets();
        if (value == null) {
            secrets.remove(key);
        } else {
            secrets.put(key, value);
        }
        return secrets;
    }

    private static VolumeCapability mount(Mode mode) {
        return VolumeCapability.newBuilder()
                .setMount(VolumeCapability.MountVolume.getDefaultInstance())
                .setAccessMode(VolumeCapability.AccessMode.newBuilder().setMode(mode))
                .build();
    }

    private static CreateVolumeRequest.Builder createRequest(String name) {
        return CreateVolumeRequest.newBuilder()
                .setName(name)
                .addVolumeCapabilities(mount(Mode.SINGLE_NODE_WRITER))
                .putAllSecrets(secrets());
    }

    private static Volume create(String name, long requiredBytes) {
        return client.controller().createVolume(createRequest(name)
                .setCapacityRange(CapacityRange.newBuilder().setRequiredBytes(requiredBytes)).build()).getVolume();
    }

    private static void delete(String volumeId) {
        client.controller().deleteVolume(DeleteVolumeRequest.newBuilder().setVolumeId(volumeId).putAllSecrets(secrets()).build());
    }

    private static ValidateVolumeCapabilitiesResponse validate(String volumeId, VolumeCapability... capabilities) {
        return client.controller().validateVolumeCapabilities(ValidateVolumeCapabilitiesRequest.newBuilder()
                .setVolumeId(volumeId).addAllVolumeCapabilities(List.of(capabilities)).putAllSecrets(secrets()).build());
    }

    private static StatusRuntimeException failure(Runnable call) {
        return catchThrowableOfType(StatusRuntimeException.class, call::run);
    }

    private static Status.Code code(Runnable call) {
        StatusRuntimeException e = failure(call);
        return e == null ? Status.Code.OK : e.getStatus().getCode();
    }

    private static String name() {
        return "pvc-" + UUID.randomUUID();
    }

    private static String bucketOf(Volume volume) {
        return VolumeHandle.parse(volume.getVolumeId()).orElseThrow().bucket();
    }

    private static List<String> keys(S3Client s3, String bucket) {
        return s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream().map(S3Object::key).toList();
    }

    private static void put(S3Client s3, String bucket, String... keys) {
        for (String key : keys) {
            s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString("data of " + key));
        }
    }

    // ---- CreateVolume

    @Test
    void createVolumeMakesABucketNamedAfterTheVolumeWithTheCapacityAsItsQuota() {
        String name = name();

        Volume volume = client.controller().createVolume(createRequest(name)
                .setCapacityRange(CapacityRange.newBuilder().setRequiredBytes(MIB))
                .putParameters("mounter", "s3fs")
                .putParameters("options", "-o enable_noobj_cache")
                .putParameters("csi.storage.k8s.io/pvc/name", "data")
                .build()).getVolume();

        assertThat(volume.getVolumeId()).isEqualTo("csi:" + name);
        assertThat(volume.getCapacityBytes()).isEqualTo(MIB);
        assertThat(volume.getVolumeContextMap()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "mounter", "s3fs", "options", "-o enable_noobj_cache", "capacity", Long.toString(MIB)));
        assertThat(backend.findBucket(name).orElseThrow().quota()).isEqualTo(new BucketQuota(MIB, 0));
        assertThat(backend.bucketTags(name)).containsExactly(Map.entry("stowage.io/csi-volume", name));
    }

    @Test
    void aBucketThatExistedWithDataIsNeitherTakenOverNorDeleted(S3Client s3) {
        String name = name();
        s3.createBucket(b -> b.bucket(name));
        put(s3, name, "precious");

        StatusRuntimeException e = failure(() -> client.controller().createVolume(createRequest(name).build()));
        delete("csi:" + name);

        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
        assertThat(e.getStatus().getDescription()).contains(name).contains("did not make it");
        assertThat(keys(s3, name)).containsExactly("precious");
        assertThat(backend.bucketTags(name)).isEmpty();
    }

    @Test
    void anEmptyUntaggedBucketWithTheQuotaIsWhatACrashBeforeTaggingLeavesSoItIsTakenOver(S3Client s3) {
        String name = name();
        backend.createBucket(name, new BucketQuota(MIB, 0));

        Volume volume = create(name, MIB);

        assertThat(volume.getVolumeId()).isEqualTo("csi:" + name);
        assertThat(backend.bucketTags(name)).containsExactly(Map.entry("stowage.io/csi-volume", name));
        put(s3, name, "a");
        delete(volume.getVolumeId());
        assertThat(backend.findBucket(name)).isEmpty();
    }

    @Test
    void anEmptyBucketWithAnotherQuotaOrOtherTagsIsNotTakenOver() {
        String otherQuota = name();
        backend.createBucket(otherQuota, new BucketQuota(2 * MIB, 0));
        String tagged = name();
        backend.createBucket(tagged, new BucketQuota(MIB, 0));
        backend.setBucketTags(tagged, Map.of("team", "data"));

        assertThat(code(() -> create(otherQuota, MIB))).isEqualTo(Status.Code.ALREADY_EXISTS);
        assertThat(code(() -> create(tagged, MIB))).isEqualTo(Status.Code.ALREADY_EXISTS);
        delete("csi:" + tagged);

        assertThat(backend.bucketTags(otherQuota)).isEmpty();
        assertThat(backend.bucketTags(tagged)).containsExactly(Map.entry("team", "data"));
    }

    @Test
    void aFullVolumeRefusesWritesAndStoresNothingPastItsCapacity(S3Client s3) {
        String bucket = bucketOf(create(name(), MIB));
        s3.putObject(b -> b.bucket(bucket).key("first"), RequestBody.fromBytes(new byte[700 * 1024]));

        S3Exception refused = catchThrowableOfType(S3Exception.class,
                () -> s3.putObject(b -> b.bucket(bucket).key("second"), RequestBody.fromBytes(new byte[400 * 1024])));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("QuotaExceeded");
        assertThat(keys(s3, bucket)).containsExactly("first");
    }

    @Test
    void aBucketOwnerInTheSecretsOwnsTheVolumeSoItsOwnKeyMountsItWithoutAdministratorRights() {
        String owner = "csi-nodes-" + UUID.randomUUID().toString().substring(0, 8);
        AccessKey key = new AccessKey("CSINODE" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(),
                "csi-node-secret-" + UUID.randomUUID());
        backend.createKey(owner, key, Optional.empty());
        String name = name();

        Volume volume = client.controller().createVolume(CreateVolumeRequest.newBuilder().setName(name)
                .addVolumeCapabilities(mount(Mode.MULTI_NODE_MULTI_WRITER))
                .putAllSecrets(secretsWith("bucketOwner", owner))
                .setCapacityRange(CapacityRange.newBuilder().setRequiredBytes(MIB)).build()).getVolume();

        String bucket = bucketOf(volume);
        assertThat(backend.findBucket(bucket).orElseThrow().owner()).isEqualTo(owner);
        try (S3Client asOwner = SERVER.s3As(key.id(), key.secret())) {
            put(asOwner, bucket, "written-by-the-owner");
            assertThat(keys(asOwner, bucket)).containsExactly("written-by-the-owner");
        }
    }

    @Test
    void createVolumeIsIdempotentOnTheName() {
        String name = name();
        Volume first = create(name, 5 * MIB);

        for (int i = 0; i < 5; i++) {
            assertThat(create(name, 5 * MIB)).isEqualTo(first);
        }
        Volume unlimited = client.controller().createVolume(createRequest(name + "-u").build()).getVolume();
        assertThat(client.controller().createVolume(createRequest(name + "-u").build()).getVolume()).isEqualTo(unlimited);
        assertThat(unlimited.getCapacityBytes()).isZero();
        assertThat(backend.findBucket(name + "-u").orElseThrow().quota()).isEqualTo(BucketQuota.NONE);
    }

    @Test
    void theSameNameWithAnotherCapacityAlreadyExists() {
        String name = name();
        create(name, MIB);

        StatusRuntimeException e = failure(() -> create(name, 2 * MIB));

        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
        assertThat(e.getStatus().getDescription()).contains(name).contains(Long.toString(MIB)).contains(Long.toString(2 * MIB));
        assertThat(code(() -> client.controller().createVolume(createRequest(name).build()))).isEqualTo(Status.Code.ALREADY_EXISTS);
        assertThat(backend.findBucket(name).orElseThrow().quota().maxBytes()).isEqualTo(MIB);
    }

    @Test
    void aNameOf128CharactersWorks() {
        String name = "pvc-" + "a".repeat(100) + UUID.randomUUID().toString().substring(0, 24);
        assertThat(name).hasSize(128);

        Volume volume = create(name, MIB);
        String bucket = bucketOf(volume);

        assertThat(bucket).hasSizeLessThanOrEqualTo(63).startsWith("pvc-aaa");
        assertThat(create(name, MIB)).isEqualTo(volume);
        assertThat(backend.findBucket(bucket)).isPresent();
        assertThat(validate(volume.getVolumeId(), mount(Mode.SINGLE_NODE_WRITER)).hasConfirmed()).isTrue();
        delete(volume.getVolumeId());
        assertThat(backend.findBucket(bucket)).isEmpty();
    }

    @Test
    void theLimitIsTheCapacityWhenNothingIsRequired() {
        Volume volume = client.controller().createVolume(createRequest(name())
                .setCapacityRange(CapacityRange.newBuilder().setLimitBytes(3 * MIB)).build()).getVolume();

        assertThat(volume.getCapacityBytes()).isEqualTo(3 * MIB);
        assertThat(backend.findBucket(bucketOf(volume)).orElseThrow().quota().maxBytes()).isEqualTo(3 * MIB);
    }

    @Test
    void aLimitBelowTheRequiredCapacityIsOutOfRange() {
        String name = name();

        assertThat(code(() -> client.controller().createVolume(createRequest(name)
                .setCapacityRange(CapacityRange.newBuilder().setRequiredBytes(2 * MIB).setLimitBytes(MIB)).build())))
                .isEqualTo(Status.Code.OUT_OF_RANGE);
        assertThat(backend.findBucket(name)).isEmpty();
    }

    @Test
    void createVolumeRefusesMissingAndUnsupportedArguments() {
        assertThat(code(() -> client.controller().createVolume(createRequest("").build()))).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(code(() -> client.controller().createVolume(createRequest(name()).clearVolumeCapabilities().build())))
                .isEqualTo(Status.Code.INVALID_ARGUMENT);
        StatusRuntimeException block = failure(() -> client.controller().createVolume(createRequest(name())
                .setVolumeCapabilities(0, VolumeCapability.newBuilder()
                        .setBlock(VolumeCapability.BlockVolume.getDefaultInstance())
                        .setAccessMode(VolumeCapability.AccessMode.newBuilder().setMode(Mode.SINGLE_NODE_WRITER)))
                .build()));
        assertThat(block.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(block.getStatus().getDescription()).contains("block");
        assertThat(code(() -> client.controller().createVolume(createRequest(name()).putParameters("bukcet", "shared").build())))
                .isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(code(() -> client.controller().createVolume(createRequest(name()).putParameters("mounter", "ntfs-3g").build())))
                .isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(code(() -> client.controller().createVolume(createRequest(name()).putParameters("bucket", "Not_A_Bucket").build())))
                .isEqualTo(Status.Code.INVALID_ARGUMENT);
    }

    // ---- secrets and a failing backend

    @Test
    void badSecretsAreInvalidArgumentsNamingTheKeyNotItsValue() {
        Map<String, Consumer<StatusRuntimeException>> cases = Map.of(
                "adminToken", e -> assertThat(e.getStatus().getDescription()).contains("adminToken"),
                "s3Endpoint", e -> assertThat(e.getStatus().getDescription()).contains("s3Endpoint"));
        cases.forEach((missing, check) -> {
            StatusRuntimeException e = failure(() -> client.controller().createVolume(createRequest(name())
                    .clearSecrets().putAllSecrets(secretsWith(missing, null)).build()));
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            check.accept(e);
            assertThat(e.getStatus().getDescription()).doesNotContain(StowageServerExtension.ADMIN_TOKEN)
                    .doesNotContain(StowageServerExtension.SECRET_KEY);
        });

        StatusRuntimeException halfKey = failure(() -> client.controller().createVolume(createRequest(name())
                .clearSecrets().putAllSecrets(secretsWith("accessKeyID", null)).build()));
        assertThat(halfKey.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(halfKey.getStatus().getDescription()).contains("accessKeyID").doesNotContain(StowageServerExtension.SECRET_KEY);

        StatusRuntimeException noSecrets = failure(() -> client.controller().createVolume(createRequest(name()).clearSecrets().build()));
        assertThat(noSecrets.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(noSecrets.getStatus().getDescription()).contains("provisioner-secret");
    }

    @Test
    void aWrongAdminTokenIsRefusedWithoutShowingIt() {
        String wrongToken = "wrong-admin-token-" + UUID.randomUUID();
        String name = name();

        StatusRuntimeException e = failure(() -> client.controller().createVolume(createRequest(name)
                .clearSecrets().putAllSecrets(secretsWith("adminToken", wrongToken)).build()));

        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(e.getStatus().getDescription()).contains(name).doesNotContain(wrongToken);
        assertThat(backend.findBucket(name)).isEmpty();
    }

    @Test
    void anUnreachableBackendIsUnavailable() throws IOException {
        String deadAdmin;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadAdmin = "http://127.0.0.1:" + socket.getLocalPort();
        }
        Map<String, String> dead = secretsWith("adminEndpoint", deadAdmin);

        StatusRuntimeException create = failure(() -> client.controller().createVolume(createRequest(name())
                .clearSecrets().putAllSecrets(dead).build()));
        StatusRuntimeException delete = failure(() -> client.controller().deleteVolume(DeleteVolumeRequest.newBuilder()
                .setVolumeId("csi:" + name()).putAllSecrets(dead).build()));
        StatusRuntimeException validate = failure(() -> client.controller().validateVolumeCapabilities(
                ValidateVolumeCapabilitiesRequest.newBuilder().setVolumeId("csi:" + name())
                        .addVolumeCapabilities(mount(Mode.SINGLE_NODE_WRITER)).putAllSecrets(dead).build()));

        for (StatusRuntimeException e : List.of(create, delete, validate)) {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(e.getStatus().getDescription()).contains(deadAdmin).doesNotContain(StowageServerExtension.ADMIN_TOKEN)
                    .doesNotContainIgnoringCase("exception");
        }
    }

    // ---- DeleteVolume

    @Test
    void deleteVolumeDeletesTheBucketWithItsObjectsAndIsIdempotent(S3Client s3) {
        Volume volume = create(name(), MIB);
        String bucket = bucketOf(volume);
        put(s3, bucket, "a", "dir/b");

        delete(volume.getVolumeId());

        assertThat(backend.findBucket(bucket)).isEmpty();
        delete(volume.getVolumeId());
    }

    @Test
    void deleteVolumeNeedsAnIdAndAnswersOkForUnknownVolumes() {
        assertThat(code(() -> client.controller().deleteVolume(DeleteVolumeRequest.newBuilder().putAllSecrets(secrets()).build())))
                .isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(code(() -> delete("csi:pvc-never-created-" + UUID.randomUUID()))).isEqualTo(Status.Code.OK);
        assertThat(code(() -> delete("csi:shared-never-created-" + UUID.randomUUID().toString().substring(0, 8)
                + "/pvc-never-created"))).isEqualTo(Status.Code.OK);
        assertThat(code(() -> delete("csi:Not_A_Bucket"))).isEqualTo(Status.Code.OK);
        assertThat(code(() -> client.controller().deleteVolume(DeleteVolumeRequest.newBuilder()
                .setVolumeId(":not an id of this driver").build()))).isEqualTo(Status.Code.OK);
    }

    @Test
    void deleteVolumeLeavesWhatAStaticVolumePointsAt(S3Client s3) {
        String bucket = "static-" + UUID.randomUUID().toString().substring(0, 8);
        s3.createBucket(b -> b.bucket(bucket));
        put(s3, bucket, "data/a", "data/b", "other");

        delete(bucket);
        delete(bucket + "/data");
        client.controller().deleteVolume(DeleteVolumeRequest.newBuilder().setVolumeId(bucket + "/data/").build());

        assertThat(keys(s3, bucket)).containsExactly("data/a", "data/b", "other");
    }

    // ---- volumes in a shared bucket

    @Test
    void aVolumeInASharedBucketIsAPrefixWhoseObjectsDeleteVolumeDeletes(S3Client s3) {
        String shared = "shared-" + UUID.randomUUID().toString().substring(0, 8);
        String name = name();

        Volume volume = client.controller().createVolume(createRequest(name).putParameters("bucket", shared)
                .setCapacityRange(CapacityRange.newBuilder().setRequiredBytes(MIB)).build()).getVolume();

        assertThat(volume.getVolumeId()).isEqualTo("csi:" + shared + "/" + name);
        assertThat(volume.getCapacityBytes()).isEqualTo(MIB);
        assertThat(volume.getVolumeContextMap()).containsEntry("bucket", shared).containsEntry("capacity", Long.toString(MIB));
        assertThat(backend.findBucket(shared).orElseThrow().quota()).isEqualTo(BucketQuota.NONE);
        assertThat(client.controller().createVolume(createRequest(name).putParameters("bucket", shared)
                .setCapacityRange(CapacityRange.newBuilder().setRequiredBytes(MIB)).build()).getVolume()).isEqualTo(volume);
        assertThat(validate(volume.getVolumeId(), mount(Mode.MULTI_NODE_MULTI_WRITER)).hasConfirmed()).isTrue();

        put(s3, shared, name + "/a", name + "/dir/b", name + "/dir/sub/c", name, name + "-sibling/d", "other/" + name + "/e");
        delete(volume.getVolumeId());

        assertThat(keys(s3, shared)).containsExactlyInAnyOrder(name, name + "-sibling/d", "other/" + name + "/e");
        assertThat(backend.findBucket(shared)).isPresent();
        assertThat(backend.prefixQuota(shared, name + "/")).isEmpty();
        delete(volume.getVolumeId());
    }

    private static Volume createIn(String shared, String name, long requiredBytes) {
        return client.controller().createVolume(createRequest(name).putParameters("bucket", shared)
                .setCapacityRange(CapacityRange.newBuilder().setRequiredBytes(requiredBytes)).build()).getVolume();
    }

    @Test
    void aVolumeInASharedBucketRefusesWritesPastItsCapacityWhileASiblingPrefixGoesOn(S3Client s3) {
        String shared = "shared-" + UUID.randomUUID().toString().substring(0, 8);
        String name = name();
        String sibling = name();
        createIn(shared, name, MIB);
        createIn(shared, sibling, MIB);
        assertThat(backend.prefixQuota(shared, name + "/")).contains(new BucketQuota(MIB, 0));

        s3.putObject(b -> b.bucket(shared).key(name + "/first"), RequestBody.fromBytes(new byte[700 * 1024]));
        S3Exception refused = catchThrowableOfType(S3Exception.class, () -> s3.putObject(
                b -> b.bucket(shared).key(name + "/dir/second"), RequestBody.fromBytes(new byte[400 * 1024])));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("QuotaExceeded");
        s3.putObject(b -> b.bucket(shared).key(sibling + "/second"), RequestBody.fromBytes(new byte[400 * 1024]));
        s3.putObject(b -> b.bucket(shared).key("outside"), RequestBody.fromBytes(new byte[400 * 1024]));
        assertThat(keys(s3, shared)).containsExactlyInAnyOrder(name + "/first", sibling + "/second", "outside",
                ".stowage-csi-volumes/" + name, ".stowage-csi-volumes/" + sibling);
    }

    @Test
    void aPrefixThatHeldDataBeforeIsNeitherTakenOverNorDeleted(S3Client s3) {
        String shared = "shared-" + UUID.randomUUID().toString().substring(0, 8);
        String name = name();
        s3.createBucket(b -> b.bucket(shared));
        put(s3, shared, name + "/precious");

        StatusRuntimeException e = failure(() -> client.controller().createVolume(createRequest(name)
                .putParameters("bucket", shared).build()));
        delete("csi:" + shared + "/" + name);

        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
        assertThat(e.getStatus().getDescription()).contains(name + "/").contains("did not make it");
        assertThat(keys(s3, shared)).containsExactly(name + "/precious");
    }

    @Test
    void aVolumeInASharedBucketIsMarkedBeforeItsQuotaSoARetryAfterACrashCompletesIt(S3Client s3) {
        String shared = "shared-" + UUID.randomUUID().toString().substring(0, 8);
        String name = name();
        Volume volume = createIn(shared, name, MIB);
        backend.deletePrefixQuota(shared, name + "/");

        assertThat(createIn(shared, name, MIB)).isEqualTo(volume);

        assertThat(backend.prefixQuota(shared, name + "/")).contains(new BucketQuota(MIB, 0));
        assertThat(keys(s3, shared)).containsExactly(".stowage-csi-volumes/" + name);
    }

    @Test
    void aVolumeInASharedBucketIsIdempotentAndAnotherCapacityAlreadyExists(S3Client s3) {
        String shared = "shared-" + UUID.randomUUID().toString().substring(0, 8);
        String name = name();
        Volume first = createIn(shared, name, MIB);

        assertThat(createIn(shared, name, MIB)).isEqualTo(first);
        StatusRuntimeException e = failure(() -> createIn(shared, name, 2 * MIB));
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
        assertThat(e.getStatus().getDescription()).contains(name).contains(Long.toString(MIB)).contains(Long.toString(2 * MIB));
        assertThat(code(() -> client.controller().createVolume(createRequest(name).putParameters("bucket", shared).build())))
                .isEqualTo(Status.Code.ALREADY_EXISTS);
        assertThat(backend.prefixQuota(shared, name + "/")).contains(new BucketQuota(MIB, 0));

        // a volume made without a capacity has no quota; once it holds data, asking for a capacity is another volume
        String unlimited = name();
        Volume noCapacity = client.controller().createVolume(createRequest(unlimited).putParameters("bucket", shared)
                .build()).getVolume();
        assertThat(backend.prefixQuota(shared, unlimited + "/")).isEmpty();
        put(s3, shared, unlimited + "/a");
        assertThat(client.controller().createVolume(createRequest(unlimited).putParameters("bucket", shared).build())
                .getVolume()).isEqualTo(noCapacity);
        assertThat(code(() -> createIn(shared, unlimited, MIB))).isEqualTo(Status.Code.ALREADY_EXISTS);
    }

    @Test
    void deleteVolumeRemovesThePrefixQuotaAfterTheObjects(S3Client s3) {
        String shared = "shared-" + UUID.randomUUID().toString().substring(0, 8);
        String name = name();
        Volume volume = createIn(shared, name, MIB);
        put(s3, shared, name + "/a", name + "/dir/b");

        delete(volume.getVolumeId());

        assertThat(backend.prefixQuota(shared, name + "/")).isEmpty();
        assertThat(keys(s3, shared)).isEmpty();
        delete(volume.getVolumeId());
        assertThat(createIn(shared, name, 2 * MIB).getCapacityBytes()).isEqualTo(2 * MIB);
        assertThat(backend.prefixQuota(shared, name + "/")).contains(new BucketQuota(2 * MIB, 0));
    }

    @Test
    void aVolumeInASharedBucketNeedsAnS3Key() {
        String shared = "shared-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> withoutKey = secretsWith("accessKeyID", null);
        withoutKey.remove("secretAccessKey");

        StatusRuntimeException e = failure(() -> client.controller().createVolume(createRequest(name()).putParameters("bucket", shared)
                .clearSecrets().putAllSecrets(withoutKey).build()));

        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(e.getStatus().getDescription()).contains("accessKeyID").contains("secretAccessKey");
        assertThat(backend.findBucket(shared)).isEmpty();
    }

    // ---- ValidateVolumeCapabilities

    @Test
    void everyAccessModeOfAMountIsConfirmed() {
        Volume volume = create(name(), MIB);
        VolumeCapability[] all = List.of(Mode.SINGLE_NODE_WRITER, Mode.SINGLE_NODE_READER_ONLY, Mode.MULTI_NODE_READER_ONLY,
                        Mode.MULTI_NODE_SINGLE_WRITER, Mode.MULTI_NODE_MULTI_WRITER, Mode.SINGLE_NODE_SINGLE_WRITER,
                        Mode.SINGLE_NODE_MULTI_WRITER).stream().map(ControllerServiceIT::mount).toArray(VolumeCapability[]::new);

        ValidateVolumeCapabilitiesResponse response = client.controller().validateVolumeCapabilities(
                ValidateVolumeCapabilitiesRequest.newBuilder().setVolumeId(volume.getVolumeId())
                        .addAllVolumeCapabilities(List.of(all)).putAllVolumeContext(volume.getVolumeContextMap())
                        .putAllSecrets(secrets()).build());

        assertThat(response.hasConfirmed()).isTrue();
        assertThat(response.getConfirmed().getVolumeCapabilitiesList()).containsExactlyInAnyOrder(all);
        assertThat(response.getConfirmed().getVolumeContextMap()).isEqualTo(volume.getVolumeContextMap());
        assertThat(response.getMessage()).isEmpty();
    }

    @Test
    void blockAccessIsNotConfirmed() {
        Volume volume = create(name(), MIB);
        VolumeCapability block = VolumeCapability.newBuilder().setBlock(VolumeCapability.BlockVolume.getDefaultInstance())
                .setAccessMode(VolumeCapability.AccessMode.newBuilder().setMode(Mode.SINGLE_NODE_WRITER)).build();

        ValidateVolumeCapabilitiesResponse response = validate(volume.getVolumeId(), mount(Mode.SINGLE_NODE_WRITER), block);

        assertThat(response.hasConfirmed()).isFalse();
        assertThat(response.getMessage()).contains("block");
    }

    @Test
    void validateNeedsAnIdAndCapabilitiesAndAnExistingVolume(S3Client s3) {
        assertThat(code(() -> client.controller().validateVolumeCapabilities(ValidateVolumeCapabilitiesRequest.newBuilder()
                .addVolumeCapabilities(mount(Mode.SINGLE_NODE_WRITER)).putAllSecrets(secrets()).build())))
                .isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(code(() -> validate(create(name(), MIB).getVolumeId()))).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(code(() -> validate("csi:pvc-never-created-" + UUID.randomUUID(), mount(Mode.SINGLE_NODE_WRITER))))
                .isEqualTo(Status.Code.NOT_FOUND);
        assertThat(code(() -> validate(":garbage", mount(Mode.SINGLE_NODE_WRITER)))).isEqualTo(Status.Code.NOT_FOUND);

        String bucket = "static-" + UUID.randomUUID().toString().substring(0, 8);
        s3.createBucket(b -> b.bucket(bucket));
        assertThat(validate(bucket + "/some/prefix", mount(Mode.MULTI_NODE_READER_ONLY)).hasConfirmed()).isTrue();
    }

    @Test
    void aVolumeInASharedBucketIsNotFoundOnceDeletedOrWhenNeverMade() {
        String shared = "shared-" + UUID.randomUUID().toString().substring(0, 8);
        Volume volume = createIn(shared, name(), MIB);
        String neverMade = "csi:" + shared + "/pvc-never-created";
        Map<String, String> withoutKey = secretsWith("accessKeyID", null);
        withoutKey.remove("secretAccessKey");
        ValidateVolumeCapabilitiesRequest withoutKeyRequest = ValidateVolumeCapabilitiesRequest.newBuilder()
                .setVolumeId(neverMade).addVolumeCapabilities(mount(Mode.SINGLE_NODE_WRITER)).putAllSecrets(withoutKey).build();

        assertThat(validate(volume.getVolumeId(), mount(Mode.SINGLE_NODE_WRITER)).hasConfirmed()).isTrue();
        assertThat(code(() -> validate(neverMade, mount(Mode.SINGLE_NODE_WRITER)))).isEqualTo(Status.Code.NOT_FOUND);
        delete(volume.getVolumeId());

        assertThat(backend.findBucket(shared)).isPresent();
        assertThat(code(() -> validate(volume.getVolumeId(), mount(Mode.SINGLE_NODE_WRITER)))).isEqualTo(Status.Code.NOT_FOUND);
        // without an S3 key the marker cannot be read: the shared bucket's existence is all there is to check
        assertThat(client.controller().validateVolumeCapabilities(withoutKeyRequest).hasConfirmed()).isTrue();
    }
}
