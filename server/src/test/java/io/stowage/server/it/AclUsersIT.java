package io.stowage.server.it;

import static io.stowage.server.it.AclIT.anonymous;
import static io.stowage.server.it.AclIT.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.engine.command.CreateAccessKey;
import io.stowage.engine.command.CreateUser;
import io.stowage.engine.store.RocksEngine;
import io.stowage.server.ServerConfig;
import io.stowage.server.StowageServer;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Grant;
import software.amazon.awssdk.services.s3.model.Grantee;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.ObjectOwnership;
import software.amazon.awssdk.services.s3.model.Permission;
import software.amazon.awssdk.services.s3.model.Type;

/**
 * ACLs between users: root owns the buckets, bob and carol are plain users. Their users and keys
 * are written into the data directory before the server starts.
 */
class AclUsersIT {

    private static StowageServer server;
    private static URI endpoint;
    private static S3Client root;
    private static S3Client bob;
    private static S3Client carol;

    @BeforeAll
    static void start(@TempDir Path data) throws Exception {
        ServerConfig config = StowageServerExtension.config(data);
        try (RocksEngine engine = RocksEngine.open(config.engine())) {
            for (String user : List.of("bob", "carol")) {
                engine.apply(new CreateUser(user, false, 1L));
                engine.apply(new CreateAccessKey(user, user.toUpperCase() + "KEY", user + "-secret-0123456789", 1L, List.of()));
            }
        }
        server = StowageServer.start(config);
        endpoint = URI.create("http://127.0.0.1:" + server.address().getPort());
        root = client(StowageServerExtension.ACCESS_KEY, StowageServerExtension.SECRET_KEY);
        bob = client("BOBKEY", "bob-secret-0123456789");
        carol = client("CAROLKEY", "carol-secret-0123456789");
    }

    @AfterAll
    static void stop() {
        for (S3Client client : new S3Client[] {root, bob, carol}) {
            if (client != null) {
                client.close();
            }
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void authenticatedReadIsForEverySignedUser() throws Exception {
        String bucket = bucket("auth-read");
        root.putObject(b -> b.bucket(bucket).key("k").acl(ObjectCannedACL.AUTHENTICATED_READ), RequestBody.fromString("x"));

        assertThat(bob.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String()).isEqualTo("x");
        assertThat(anonymous(endpoint, "GET", "/" + bucket + "/k", null).statusCode()).isEqualTo(403);
        assertError(() -> bob.listObjectsV2(b -> b.bucket(bucket)), 403, "AccessDenied");
    }

    @Test
    void aBucketGrantToAUserLetsThatUserListAndWrite() {
        String bucket = bucket("grant-user");
        root.putObject(b -> b.bucket(bucket).key("root-object"), RequestBody.fromString("r"));
        assertError(() -> bob.listObjectsV2(b -> b.bucket(bucket)), 403, "AccessDenied");

        var acl = root.getBucketAcl(b -> b.bucket(bucket));
        List<Grant> grants = new ArrayList<>(acl.grants());
        grants.add(Grant.builder().grantee(user("bob")).permission(Permission.READ).build());
        root.putBucketAcl(b -> b.bucket(bucket).accessControlPolicy(p -> p.owner(acl.owner()).grants(grants)));

        assertThat(bob.listObjectsV2(b -> b.bucket(bucket)).contents()).extracting(o -> o.key()).containsExactly("root-object");
        assertError(() -> carol.listObjectsV2(b -> b.bucket(bucket)), 403, "AccessDenied");
        assertError(() -> bob.getObjectAsBytes(b -> b.bucket(bucket).key("root-object")), 403, "AccessDenied");
        assertError(() -> bob.putObject(b -> b.bucket(bucket).key("bobs"), RequestBody.fromString("b")), 403, "AccessDenied");
        assertError(() -> bob.getBucketAcl(b -> b.bucket(bucket)), 403, "AccessDenied");

        root.putBucketAcl(b -> b.bucket(bucket).grantFullControl("id=\"root\"").grantWrite("id=\"bob\"").grantReadACP("id=\"carol\""));
        bob.putObject(b -> b.bucket(bucket).key("bobs"), RequestBody.fromString("b"));
        assertThat(carol.getBucketAcl(b -> b.bucket(bucket)).grants()).hasSize(3);
        assertError(() -> bob.listObjectsV2(b -> b.bucket(bucket)), 403, "AccessDenied");
    }

    @Test
    void theWriterOwnsItsObjectAndManagesItsAcl() throws Exception {
        String bucket = bucket("writer");
        root.putBucketAcl(b -> b.bucket(bucket).grantFullControl("id=\"root\"").grantWrite("id=\"bob\", id=\"carol\""));
        bob.putObject(b -> b.bucket(bucket).key("bobs"), RequestBody.fromString("b"));

        var acl = bob.getObjectAcl(b -> b.bucket(bucket).key("bobs"));
        assertThat(acl.owner().id()).isEqualTo("bob");
        assertThat(bob.getObjectAsBytes(b -> b.bucket(bucket).key("bobs")).asUtf8String()).isEqualTo("b");
        assertThat(root.getObjectAsBytes(b -> b.bucket(bucket).key("bobs")).asUtf8String()).isEqualTo("b");
        assertError(() -> carol.getObjectAsBytes(b -> b.bucket(bucket).key("bobs")), 403, "AccessDenied");
        assertError(() -> carol.putObjectAcl(b -> b.bucket(bucket).key("bobs").acl(ObjectCannedACL.PUBLIC_READ)), 403, "AccessDenied");

        List<Grant> grants = new ArrayList<>(acl.grants());
        grants.add(Grant.builder().grantee(user("carol")).permission(Permission.READ).build());
        bob.putObjectAcl(b -> b.bucket(bucket).key("bobs").accessControlPolicy(p -> p.owner(acl.owner()).grants(grants)));
        assertThat(carol.getObjectAsBytes(b -> b.bucket(bucket).key("bobs")).asUtf8String()).isEqualTo("b");

        bob.putObjectAcl(b -> b.bucket(bucket).key("bobs").acl(ObjectCannedACL.PUBLIC_READ));
        assertThat(anonymous(endpoint, "GET", "/" + bucket + "/bobs", null).statusCode()).isEqualTo(200);
        assertError(() -> carol.getObjectAcl(b -> b.bucket(bucket).key("bobs")), 403, "AccessDenied");
    }

    @Test
    void bucketOwnerPreferredTakesOverObjectsWrittenWithBucketOwnerFullControl() {
        String bucket = TestData.bucketName("preferred");
        root.createBucket(b -> b.bucket(bucket).objectOwnership(ObjectOwnership.BUCKET_OWNER_PREFERRED)
                .grantFullControl("id=\"root\"").grantWrite("id=\"bob\""));

        bob.putObject(b -> b.bucket(bucket).key("given").acl(ObjectCannedACL.BUCKET_OWNER_FULL_CONTROL), RequestBody.fromString("g"));
        bob.putObject(b -> b.bucket(bucket).key("kept"), RequestBody.fromString("k"));

        assertThat(root.getObjectAcl(b -> b.bucket(bucket).key("given")).owner().id()).isEqualTo("root");
        assertThat(root.getObjectAcl(b -> b.bucket(bucket).key("kept")).owner().id()).isEqualTo("bob");
    }

    private static String bucket(String prefix) {
        String bucket = TestData.bucketName(prefix);
        root.createBucket(b -> b.bucket(bucket));
        return bucket;
    }

    private static Grantee user(String name) {
        return Grantee.builder().type(Type.CANONICAL_USER).id(name).build();
    }

    private static S3Client client(String accessKey, String secretKey) {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.of(StowageServerExtension.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .forcePathStyle(true)
                .build();
    }
}
