package io.stowage.kube.cosi.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.stowage.backend.BackendSettings;
import io.stowage.backend.BucketBackend;
import io.stowage.backend.BucketBackends;
import io.stowage.backend.BucketQuota;
import io.stowage.kube.cosi.CosiEndpoint;
import io.stowage.kube.cosi.CosiProvisioner;
import io.stowage.kube.cosi.ResolvedCosiBackends;
import io.stowage.kube.cosi.v1alpha1.proto.AuthenticationType;
import io.stowage.kube.cosi.v1alpha1.proto.DriverCreateBucketRequest;
import io.stowage.kube.cosi.v1alpha1.proto.DriverCreateBucketResponse;
import io.stowage.kube.cosi.v1alpha1.proto.DriverDeleteBucketRequest;
import io.stowage.kube.cosi.v1alpha1.proto.DriverGetInfoRequest;
import io.stowage.kube.cosi.v1alpha1.proto.DriverGrantBucketAccessRequest;
import io.stowage.kube.cosi.v1alpha1.proto.DriverGrantBucketAccessResponse;
import io.stowage.kube.cosi.v1alpha1.proto.DriverRevokeBucketAccessRequest;
import io.stowage.kube.cosi.v1alpha1.proto.S3SignatureVersion;
import io.stowage.kube.provision.TestBackends;
import io.stowage.server.it.StowageServerExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The COSI v1alpha1 driver over a real unix socket, called as the COSI sidecar calls it (grpc-java blocking
 * stubs on a netty-shaded epoll channel), with a real in-process Stowage server as its default backend.
 * The credentials a grant answers are used as a workload would, with the AWS SDK at the endpoint they name.
 */
class CosiDriverIT {

    @RegisterExtension
    static final StowageServerExtension SERVER = new StowageServerExtension();

    @TempDir
    static Path dir;

    private static BucketBackend backend;
    private static CosiDriverServer driver;
    private static CosiSocketClient client;

    private String bucket;

    @BeforeAll
    static void startDriver() throws IOException {
        backend = TestBackends.open(SERVER);
        driver = CosiDriverServer.start(CosiEndpoint.parse("unix://" + dir.resolve("cosi.sock")), provisioner(backend));
        client = new CosiSocketClient(dir.resolve("cosi.sock"));
    }

    private static CosiProvisioner provisioner(BucketBackend defaultBackend) {
        return new CosiProvisioner("cosi.stowage.io", new ResolvedCosiBackends(null, defaultBackend), "default");
    }

    @AfterAll
    static void stopDriver() throws InterruptedException {
        client.close();
        driver.close();
        backend.close();
    }

    @BeforeEach
    void name() {
        bucket = "bucket-" + UUID.randomUUID();
    }

    @Test
    void getInfoNamesTheDriver() {
        assertThat(client.identity().driverGetInfo(DriverGetInfoRequest.getDefaultInstance()).getName())
                .isEqualTo("cosi.stowage.io");
    }

    @Test
    void createBucketIsIdempotentForTheSameParametersOnly() {
        DriverCreateBucketResponse created = create(bucket, Map.of("maxSize", "1Mi"));

        assertThat(created.getBucketId()).isEqualTo(bucket);
        assertThat(created.getBucketInfo().getS3().getRegion()).isEqualTo(StowageServerExtension.REGION);
        assertThat(created.getBucketInfo().getS3().getSignatureVersion()).isEqualTo(S3SignatureVersion.S3V4);
        assertThat(backend.findBucket(bucket).orElseThrow().quota()).isEqualTo(new BucketQuota(1024 * 1024, 0));
        assertThat(create(bucket, Map.of("maxSize", "1Mi")).getBucketId()).isEqualTo(bucket);
        assertThat(code(() -> create(bucket, Map.of("maxSize", "2Mi")))).isEqualTo(Status.Code.ALREADY_EXISTS);
    }

    @Test
    void aRepeatGivesTheBucketTheQuotaItLacks() {
        create(bucket, Map.of("maxSize", "1Mi"));
        // as a create on RGW, MinIO or Garage leaves the bucket when its second call, the quota's, fails
        backend.setQuota(bucket, BucketQuota.NONE);

        assertThat(create(bucket, Map.of("maxSize", "1Mi")).getBucketId()).isEqualTo(bucket);
        assertThat(backend.findBucket(bucket).orElseThrow().quota()).isEqualTo(new BucketQuota(1024 * 1024, 0));
        assertThat(code(() -> create(bucket, Map.of("maxSize", "2Mi")))).isEqualTo(Status.Code.ALREADY_EXISTS);
    }

    @Test
    void aBucketWithoutARecordIsTakenOnlyWhenItHasNoOtherQuota() {
        // as a create that stopped before recording the parameters leaves the bucket
        backend.createBucket(bucket, BucketQuota.NONE);

        assertThat(create(bucket, Map.of("maxSize", "1Mi")).getBucketId()).isEqualTo(bucket);
        assertThat(backend.findBucket(bucket).orElseThrow().quota()).isEqualTo(new BucketQuota(1024 * 1024, 0));
        assertThat(backend.bucketTags(bucket)).containsEntry(CosiProvisioner.QUOTA_TAG, "maxSize=1048576 maxObjects=0")
                .containsEntry(CosiProvisioner.DEFAULT_ACCESS_TAG, "read-write");

        String other = "bucket-" + UUID.randomUUID();
        backend.createBucket(other, new BucketQuota(2 * 1024 * 1024, 0));
        assertThat(code(() -> create(other, Map.of("maxSize", "1Mi")))).isEqualTo(Status.Code.ALREADY_EXISTS);
        assertThat(backend.findBucket(other).orElseThrow().quota()).isEqualTo(new BucketQuota(2 * 1024 * 1024, 0));
        assertThat(backend.bucketTags(other)).doesNotContainKey(CosiProvisioner.QUOTA_TAG);
    }

    @Test
    void aNameAgainWithAnotherDefaultAccessIsAlreadyExists() {
        assertThat(create(bucket, Map.of("defaultAccessMode", "read-only")).getBucketId()).isEqualTo(bucket + "/read-only");
        assertThat(create(bucket, Map.of("defaultAccessMode", "read-only")).getBucketId()).isEqualTo(bucket + "/read-only");

        assertThat(code(() -> create(bucket, Map.of("defaultAccessMode", "read-write")))).isEqualTo(Status.Code.ALREADY_EXISTS);
        // no defaultAccessMode is read-write too
        assertThat(code(() -> create(bucket, Map.of()))).isEqualTo(Status.Code.ALREADY_EXISTS);
        assertThat(backend.bucketTags(bucket)).containsEntry("stowage.io/cosi-default-access-mode", "read-only");
    }

    @Test
    void createBucketRefusesWhatItCannotRead() {
        assertThat(code(() -> create("", Map.of()))).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(code(() -> create(bucket, Map.of("maxSise", "1Gi")))).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(code(() -> create(bucket, Map.of("maxSize", "lots")))).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(backend.findBucket(bucket)).isEmpty();
    }

    @Test
    void aBackendSecretNeedsKubernetesAccess() {
        StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
                () -> create(bucket, Map.of("backendSecret", "storage/stowage-backend")));

        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(e.getStatus().getDescription()).contains("Kubernetes API");
    }

    @Test
    void grantAnswersS3CredentialsThatReachOnlyTheirBucket() {
        String id = create(bucket, Map.of()).getBucketId();
        String other = create("other-" + bucket, Map.of()).getBucketId();

        DriverGrantBucketAccessResponse granted = grant(id, "ba-" + bucket, Map.of());

        assertThat(granted.getAccountId()).isEqualTo("ba-" + bucket);
        assertThat(granted.getCredentialsMap()).containsOnlyKeys("s3");
        Map<String, String> secrets = granted.getCredentialsMap().get("s3").getSecretsMap();
        assertThat(secrets).containsOnlyKeys("accessKeyID", "accessSecretKey", "endpoint", "region");
        assertThat(secrets.get("endpoint")).isEqualTo(SERVER.endpoint().toString());
        assertThat(secrets.get("region")).isEqualTo(StowageServerExtension.REGION);
        try (S3Client s3 = s3(secrets)) {
            s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("v"));
            assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String()).isEqualTo("v");
            assertThat(s3Status(() -> s3.putObject(b -> b.bucket(other).key("k"), RequestBody.fromString("v")))).isEqualTo(403);
        }
    }

    @Test
    void aReadOnlyGrantCannotWrite() {
        String id = create(bucket, Map.of()).getBucketId();
        try (S3Client writer = s3(grant(id, "ba-w-" + bucket, Map.of()).getCredentialsMap().get("s3").getSecretsMap());
             S3Client reader = s3(grant(id, "ba-r-" + bucket, Map.of("accessMode", "read-only"))
                     .getCredentialsMap().get("s3").getSecretsMap())) {
            writer.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("v"));

            assertThat(reader.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String()).isEqualTo("v");
            assertThat(s3Status(() -> reader.putObject(b -> b.bucket(bucket).key("k2"), RequestBody.fromString("v")))).isEqualTo(403);
        }
    }

    @Test
    void grantOnAMissingBucketIsNotFound() {
        assertThat(code(() -> grant(bucket, "ba-" + bucket, Map.of()))).isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void aRepeatedGrantLeavesTheAccountOnlyTheNewKey() {
        String id = create(bucket, Map.of()).getBucketId();
        Map<String, String> first = grant(id, "ba-" + bucket, Map.of()).getCredentialsMap().get("s3").getSecretsMap();
        Map<String, String> second = grant(id, "ba-" + bucket, Map.of()).getCredentialsMap().get("s3").getSecretsMap();

        assertThat(backend.keys("ba-" + bucket)).containsExactly(second.get("accessKeyID"));
        try (S3Client newKey = s3(second); S3Client oldKey = s3(first)) {
            newKey.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("v"));
            assertThat(s3Status(() -> oldKey.getObjectAsBytes(b -> b.bucket(bucket).key("k")))).isEqualTo(403);
        }
    }

    @Test
    void aRepeatedGrantAskingForAnotherAccessModeIsAlreadyExistsAndChangesNothing() {
        String id = create(bucket, Map.of()).getBucketId();
        Map<String, String> granted = grant(id, "ba-" + bucket, Map.of("accessMode", "read-write"))
                .getCredentialsMap().get("s3").getSecretsMap();

        StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
                () -> grant(id, "ba-" + bucket, Map.of("accessMode", "read-only")));

        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
        assertThat(e.getStatus().getDescription()).contains("read-write", "read-only");
        assertThat(backend.keys("ba-" + bucket)).containsExactly(granted.get("accessKeyID"));
        try (S3Client s3 = s3(granted)) {
            s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("v"));
        }
        // the same parameters again (no accessMode is the bucket's default, read-write) are still success
        assertThat(grant(id, "ba-" + bucket, Map.of()).getAccountId()).isEqualTo("ba-" + bucket);
    }

    @Test
    void aGrantRefusesAnUnknownParameterAndAnEmptyName() {
        String id = create(bucket, Map.of()).getBucketId();

        assertThat(code(() -> grant(id, "ba-" + bucket, Map.of("acessMode", "read-only")))).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(code(() -> grant(id, "ba-" + bucket, Map.of("accessMode", "write-only")))).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(code(() -> grant(id, "", Map.of()))).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(backend.keys("ba-" + bucket)).isEmpty();
    }

    @Test
    void aRevokeWithoutAnAccountIsAnInvalidArgument() {
        String id = create(bucket, Map.of()).getBucketId();

        assertThat(code(() -> revoke(id, ""))).isEqualTo(Status.Code.INVALID_ARGUMENT);
    }

    @Test
    void aBucketIdTheDriverDidNotIssueIsAnInvalidArgumentForEveryCall() {
        create(bucket, Map.of());
        for (String malformed : new String[] {"", "ns/" + bucket, "ns//" + bucket, "a/b/c/d/" + bucket, bucket + "/write-only"}) {
            assertThat(code(() -> delete(malformed, Map.of()))).as("delete " + malformed).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(code(() -> grant(malformed, "ba-" + bucket, Map.of()))).as("grant " + malformed)
                    .isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(code(() -> revoke(malformed, "ba-" + bucket))).as("revoke " + malformed)
                    .isEqualTo(Status.Code.INVALID_ARGUMENT);
        }
        assertThat(backend.findBucket(bucket)).isPresent();
        assertThat(backend.keys("ba-" + bucket)).isEmpty();
    }

    @Test
    void iamAuthenticationIsRefusedAsAnInvalidArgument() {
        String id = create(bucket, Map.of()).getBucketId();
        StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class, () -> client.provisioner()
                .driverGrantBucketAccess(DriverGrantBucketAccessRequest.newBuilder().setBucketId(id).setName("ba-" + bucket)
                        .setAuthenticationType(AuthenticationType.IAM).build()));

        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(e.getStatus().getDescription()).contains("IAM", "Key");
        assertThat(backend.keys("ba-" + bucket)).isEmpty();
    }

    @Test
    void revokeTakesTheAccessAwayAndARepeatIsSuccess() {
        String id = create(bucket, Map.of()).getBucketId();
        Map<String, String> secrets = grant(id, "ba-" + bucket, Map.of()).getCredentialsMap().get("s3").getSecretsMap();

        revoke(id, "ba-" + bucket);

        assertThat(backend.keys("ba-" + bucket)).isEmpty();
        try (S3Client s3 = s3(secrets)) {
            assertThat(s3Status(() -> s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("v")))).isEqualTo(403);
        }
        assertThatCode(() -> revoke(id, "ba-" + bucket)).doesNotThrowAnyException();
    }

    @Test
    void deleteRemovesAnEmptyBucketAndARepeatIsSuccess() {
        String id = create(bucket, Map.of()).getBucketId();

        delete(id, Map.of());

        assertThat(backend.findBucket(bucket)).isEmpty();
        assertThatCode(() -> delete(id, Map.of())).doesNotThrowAnyException();
    }

    @Test
    void aBucketWithObjectsIsDeletedOnlyWithPurgeOnDelete() {
        String id = create(bucket, Map.of()).getBucketId();
        try (S3Client s3 = s3(grant(id, "ba-" + bucket, Map.of()).getCredentialsMap().get("s3").getSecretsMap())) {
            s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("v"));
        }

        assertThat(code(() -> delete(id, Map.of()))).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(backend.findBucket(bucket)).isPresent();

        delete(id, Map.of("purgeOnDelete", "true"));

        assertThat(backend.findBucket(bucket)).isEmpty();
    }

    @Test
    void anUnreachableBackendIsUnavailable() throws Exception {
        URI closed = URI.create("http://127.0.0.1:" + closedPort());
        Path socket = dir.resolve("down.sock");
        try (BucketBackend down = BucketBackends.open(BackendSettings.fromSecretData(Map.of("s3Endpoint", closed.toString(),
                "adminEndpoint", closed.toString(), "adminToken", StowageServerExtension.ADMIN_TOKEN, "region", "us-east-1")));
             CosiDriverServer downDriver = CosiDriverServer.start(CosiEndpoint.parse("unix://" + socket), provisioner(down));
             CosiSocketClient downClient = new CosiSocketClient(socket)) {
            assertThat(code(() -> downClient.provisioner().driverCreateBucket(
                    DriverCreateBucketRequest.newBuilder().setName(bucket).build()))).isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(downDriver.endpoint().socket()).isEqualTo(socket);
        }
    }

    @Test
    void aStaleSocketFileIsReplacedAndTheSocketRemovedAtStop() throws Exception {
        Path socket = dir.resolve("stale.sock");
        Files.writeString(socket, "left by a crashed run");

        try (CosiDriverServer stale = CosiDriverServer.start(CosiEndpoint.parse("unix://" + socket), provisioner(backend));
             CosiSocketClient staleClient = new CosiSocketClient(socket)) {
            assertThat(staleClient.identity().driverGetInfo(DriverGetInfoRequest.getDefaultInstance()).getName())
                    .isEqualTo("cosi.stowage.io");
            stale.close();
            assertThat(socket).doesNotExist();
        }
    }

    @Test
    void aSocketInAMissingDirectoryIsRefused() {
        assertThatThrownBy(() -> CosiDriverServer.start(CosiEndpoint.parse("unix://" + dir.resolve("absent/cosi.sock")),
                provisioner(backend)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not exist");
    }

    private static DriverCreateBucketResponse create(String name, Map<String, String> parameters) {
        return client.provisioner().driverCreateBucket(DriverCreateBucketRequest.newBuilder().setName(name)
                .putAllParameters(parameters).build());
    }

    private static DriverGrantBucketAccessResponse grant(String bucketId, String account, Map<String, String> parameters) {
        return client.provisioner().driverGrantBucketAccess(DriverGrantBucketAccessRequest.newBuilder().setBucketId(bucketId)
                .setName(account).setAuthenticationType(AuthenticationType.Key).putAllParameters(parameters).build());
    }

    private static void revoke(String bucketId, String account) {
        client.provisioner().driverRevokeBucketAccess(DriverRevokeBucketAccessRequest.newBuilder().setBucketId(bucketId)
                .setAccountId(account).build());
    }

    private static void delete(String bucketId, Map<String, String> context) {
        client.provisioner().driverDeleteBucket(DriverDeleteBucketRequest.newBuilder().setBucketId(bucketId)
                .putAllDeleteContext(context).build());
    }

    /** An S3 client as a workload builds it from the credentials: endpoint, region and key, nothing else. */
    private static S3Client s3(Map<String, String> secrets) {
        return S3Client.builder()
                .endpointOverride(URI.create(secrets.get("endpoint")))
                .region(Region.of(secrets.get("region")))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(secrets.get("accessKeyID"), secrets.get("accessSecretKey"))))
                .forcePathStyle(true)
                .httpClientBuilder(Apache5HttpClient.builder().socketTimeout(Duration.ofSeconds(30)))
                .build();
    }

    private static Status.Code code(Runnable call) {
        return catchThrowableOfType(StatusRuntimeException.class, call::run).getStatus().getCode();
    }

    private static int s3Status(Runnable call) {
        return catchThrowableOfType(S3Exception.class, call::run).statusCode();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
