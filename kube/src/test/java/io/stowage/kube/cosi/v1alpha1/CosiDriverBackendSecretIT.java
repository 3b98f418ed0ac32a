package io.stowage.kube.cosi.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.stowage.kube.cosi.CosiEndpoint;
import io.stowage.kube.cosi.CosiProvisioner;
import io.stowage.kube.cosi.ResolvedCosiBackends;
import io.stowage.kube.cosi.v1alpha1.proto.AuthenticationType;
import io.stowage.kube.cosi.v1alpha1.proto.DriverCreateBucketRequest;
import io.stowage.kube.cosi.v1alpha1.proto.DriverDeleteBucketRequest;
import io.stowage.kube.cosi.v1alpha1.proto.DriverGrantBucketAccessRequest;
import io.stowage.kube.operator.TestCluster;
import io.stowage.kube.operator.TestClusterExtension;
import io.stowage.kube.provision.BackendResolver;
import io.stowage.server.it.StowageServerExtension;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The COSI driver with Kubernetes access and no default backend: a BucketClass's {@code backendSecret}
 * is read from the API server, and the bucket id carries it to Grant and Delete, which COSI calls without
 * the class's parameters. Runs on fabric8's mock API server, or unchanged on the cluster that
 * STOWAGE_IT_KUBECONFIG names (the driver runs in the test process, so it reaches the in-process server).
 * The mock cannot show RBAC: that the driver's service account may get Secrets in the backend's namespace.
 */
@ExtendWith(TestClusterExtension.class)
class CosiDriverBackendSecretIT {

    @RegisterExtension
    static final StowageServerExtension SERVER = new StowageServerExtension();

    @TempDir
    Path dir;

    private TestCluster cluster;
    private BackendResolver resolver;
    private CosiDriverServer driver;
    private CosiSocketClient client;
    private String bucket;

    @BeforeEach
    void startDriver(TestCluster cluster) throws Exception {
        this.cluster = cluster;
        cluster.client().secrets().inNamespace(cluster.namespace()).resource(new SecretBuilder()
                .withNewMetadata().withName("stowage-backend").endMetadata()
                .addToStringData(Map.of("s3Endpoint", SERVER.endpoint().toString(),
                        "adminEndpoint", SERVER.adminEndpoint().toString(), "adminToken", StowageServerExtension.ADMIN_TOKEN))
                .build()).create();
        resolver = new BackendResolver(cluster.client());
        CosiProvisioner provisioner = new CosiProvisioner("cosi.stowage.io", new ResolvedCosiBackends(resolver, null),
                cluster.namespace());
        driver = CosiDriverServer.start(CosiEndpoint.parse("unix://" + dir.resolve("cosi.sock")), provisioner);
        client = new CosiSocketClient(dir.resolve("cosi.sock"));
        bucket = "bucket-" + UUID.randomUUID();
    }

    @AfterEach
    void stopDriver() throws InterruptedException {
        client.close();
        driver.close();
        resolver.close();
    }

    @Test
    void theNamedBackendSecretServesCreateGrantAndDelete(S3Client root) {
        String bucketId = create(Map.of("backendSecret", "stowage-backend", "defaultAccessMode", "read-only"));

        assertThat(bucketId).isEqualTo(cluster.namespace() + "/stowage-backend/" + bucket + "/read-only");
        Map<String, String> secrets = client.provisioner().driverGrantBucketAccess(DriverGrantBucketAccessRequest.newBuilder()
                .setBucketId(bucketId).setName("ba-" + bucket).setAuthenticationType(AuthenticationType.Key).build())
                .getCredentialsMap().get("s3").getSecretsMap();
        assertThat(secrets.get("endpoint")).isEqualTo(SERVER.endpoint().toString());
        try (S3Client reader = SERVER.s3As(secrets.get("accessKeyID"), secrets.get("accessSecretKey"))) {
            assertThat(reader.listObjectsV2(b -> b.bucket(bucket)).contents()).isEmpty();
            assertThat(catchThrowableOfType(S3Exception.class,
                    () -> reader.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("v"))).statusCode())
                    .as("the class's default access is read-only").isEqualTo(403);
        }

        client.provisioner().driverDeleteBucket(DriverDeleteBucketRequest.newBuilder().setBucketId(bucketId).build());

        assertThat(root.listBuckets().buckets()).noneMatch(b -> b.name().equals(bucket));
    }

    @Test
    void aMissingBackendSecretOrNoneAtAllIsAFailedPrecondition() {
        StatusRuntimeException missing = catchThrowableOfType(StatusRuntimeException.class,
                () -> create(Map.of("backendSecret", "absent")));
        assertThat(missing.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(missing.getStatus().getDescription()).contains(cluster.namespace() + "/absent", "does not exist");

        StatusRuntimeException none = catchThrowableOfType(StatusRuntimeException.class, () -> create(Map.of()));
        assertThat(none.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(none.getStatus().getDescription()).contains("no default backend");
    }

    private String create(Map<String, String> parameters) {
        return client.provisioner().driverCreateBucket(DriverCreateBucketRequest.newBuilder().setName(bucket)
                .putAllParameters(parameters).build()).getBucketId();
    }
}
