package io.stowage.s3.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.engine.BodyWriter;
import io.stowage.engine.EngineConfig;
import io.stowage.engine.command.CreateBucket;
import io.stowage.engine.command.CreateUser;
import io.stowage.engine.command.PutBucketConfig;
import io.stowage.engine.command.PutGrant;
import io.stowage.engine.command.PutObject;
import io.stowage.engine.model.Access;
import io.stowage.engine.model.BucketConfigKind;
import io.stowage.engine.model.Grant;
import io.stowage.engine.model.GrantSubject;
import io.stowage.engine.model.ObjectBody;
import io.stowage.engine.model.ObjectVersion;
import io.stowage.engine.store.RocksEngine;
import io.stowage.s3.acl.AclCodec;
import io.stowage.s3.acl.CannedAcl;
import io.stowage.s3.acl.ObjectOwnership;
import io.stowage.s3.acl.PublicAccessBlock;
import io.stowage.s3.error.S3Exception;
import io.stowage.s3.router.QueryParams;
import io.stowage.s3.router.S3Operation;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Authorizer's decisions that involve ACLs, ownership controls and the public access block, over a real engine. */
class AuthorizerAclTest {

    private static final Caller ALICE = new Caller("alice", "AKALICE", false, List.of());
    private static final Caller BOB = new Caller("bob", "AKBOB", false, List.of());
    private static final Caller CAROL = new Caller("carol", "AKCAROL", false, List.of());
    private static final Caller BOB_SCOPED = new Caller("bob", "AKBOBSCOPED", false,
            List.of(new Grant(GrantSubject.key("AKBOBSCOPED"), "elsewhere", "", Access.READ_WRITE)));
    private static final Caller ANONYMOUS = Caller.ANONYMOUS;
    private static final String PUBLIC_GET_POLICY = """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*",
             "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}""";

    @TempDir
    Path dir;

    RocksEngine engine;
    Authorizer authorizer;

    @BeforeEach
    void setUp() {
        engine = RocksEngine.open(new EngineConfig(dir, 16));
        for (String user : List.of("alice", "bob", "carol")) {
            engine.apply(new CreateUser(user, false, 1L));
        }
        engine.apply(new CreateBucket("b", "us-east-1", "alice", 1L));
        engine.apply(new CreateBucket("elsewhere", "us-east-1", "alice", 1L));
        authorizer = new Authorizer(engine, new PolicyCache(engine), new AccessSettings(engine));
    }

    @AfterEach
    void tearDown() {
        engine.close();
    }

    @Test
    void aPublicReadBucketCanBeListedByAnyoneButNotWrittenNorItsObjectsRead() {
        bucketAcl(CannedAcl.PUBLIC_READ);
        object("k", "alice", null);

        assertThat(allowed(ANONYMOUS, S3Operation.LIST_OBJECTS_V2, null)).isTrue();
        assertThat(allowed(ANONYMOUS, S3Operation.HEAD_BUCKET, null)).isTrue();
        assertThat(allowed(CAROL, S3Operation.LIST_OBJECT_VERSIONS, null)).isTrue();
        assertThat(allowed(ANONYMOUS, S3Operation.PUT_OBJECT, "new")).isFalse();
        assertThat(allowed(ANONYMOUS, S3Operation.GET_OBJECT, "k")).isFalse();
        assertThat(allowed(ANONYMOUS, S3Operation.GET_BUCKET_ACL, null)).isFalse();
        assertThat(allowed(ANONYMOUS, S3Operation.GET_BUCKET_POLICY, null)).isFalse();
    }

    @Test
    void aPublicReadWriteBucketTakesWritesFromAnyone() {
        bucketAcl(CannedAcl.PUBLIC_READ_WRITE);

        for (S3Operation op : List.of(S3Operation.PUT_OBJECT, S3Operation.DELETE_OBJECT, S3Operation.CREATE_MULTIPART_UPLOAD,
                S3Operation.UPLOAD_PART, S3Operation.COMPLETE_MULTIPART_UPLOAD, S3Operation.ABORT_MULTIPART_UPLOAD)) {
            assertThat(allowed(ANONYMOUS, op, "k")).as(op.name()).isTrue();
        }
        assertThat(allowed(ANONYMOUS, S3Operation.DELETE_BUCKET, null)).isFalse();
        assertThat(allowed(ANONYMOUS, S3Operation.PUT_BUCKET_ACL, null)).isFalse();
    }

    @Test
    void aPublicReadObjectIsReadableByAnyoneButItsAclIsNot() {
        object("public", "alice", CannedAcl.PUBLIC_READ.expand("alice", "alice"));
        object("private", "alice", null);

        assertThat(allowed(ANONYMOUS, S3Operation.GET_OBJECT, "public")).isTrue();
        assertThat(allowed(ANONYMOUS, S3Operation.HEAD_OBJECT, "public")).isTrue();
        assertThat(allowed(BOB, S3Operation.GET_OBJECT, "public")).isTrue();
        assertThat(allowed(ANONYMOUS, S3Operation.GET_OBJECT_ACL, "public")).isFalse();
        assertThat(allowed(ANONYMOUS, S3Operation.PUT_OBJECT, "public")).isFalse();
        assertThat(allowed(ANONYMOUS, S3Operation.LIST_OBJECTS, null)).isFalse();
        assertThat(allowed(ANONYMOUS, S3Operation.GET_OBJECT, "private")).isFalse();
    }

    @Test
    void authenticatedReadIsForSignedRequestsOnly() {
        object("k", "alice", CannedAcl.AUTHENTICATED_READ.expand("alice", "alice"));

        assertThat(allowed(BOB, S3Operation.GET_OBJECT, "k")).isTrue();
        assertThat(allowed(ANONYMOUS, S3Operation.GET_OBJECT, "k")).isFalse();
    }

    @Test
    void aCanonicalUserGrantIsForThatUser() {
        engine.apply(new PutBucketConfig("b", BucketConfigKind.ACL, "FULL_CONTROL user alice\nREAD user bob\nREAD_ACP user carol\n"));

        assertThat(allowed(BOB, S3Operation.LIST_OBJECTS, null)).isTrue();
        assertThat(allowed(BOB, S3Operation.GET_BUCKET_ACL, null)).isFalse();
        assertThat(allowed(CAROL, S3Operation.LIST_OBJECTS, null)).isFalse();
        assertThat(allowed(CAROL, S3Operation.GET_BUCKET_ACL, null)).isTrue();
        assertThat(allowed(CAROL, S3Operation.PUT_BUCKET_ACL, null)).isFalse();
        assertThat(allowed(ANONYMOUS, S3Operation.LIST_OBJECTS, null)).isFalse();
    }

    @Test
    void fullControlOnTheBucketGivesEveryAclPermission() {
        engine.apply(new PutBucketConfig("b", BucketConfigKind.ACL, "FULL_CONTROL user alice\nFULL_CONTROL user bob\n"));

        for (S3Operation op : List.of(S3Operation.LIST_OBJECTS, S3Operation.GET_BUCKET_ACL, S3Operation.PUT_BUCKET_ACL)) {
            assertThat(allowed(BOB, op, null)).as(op.name()).isTrue();
        }
        assertThat(allowed(BOB, S3Operation.PUT_OBJECT, "k")).isTrue();
        assertThat(allowed(BOB, S3Operation.PUT_BUCKET_POLICY, null)).isFalse();
        assertThat(allowed(BOB, S3Operation.DELETE_BUCKET, null)).isFalse();
    }

    @Test
    void anObjectsOwnerReadsItAndAlwaysManagesItsAcl() {
        object("bobs", "bob", null);
        object("bobs-locked", "bob", AclCodec.decode("READ user carol\n"));

        assertThat(allowed(BOB, S3Operation.GET_OBJECT, "bobs")).isTrue();
        assertThat(allowed(BOB, S3Operation.PUT_OBJECT_ACL, "bobs")).isTrue();
        assertThat(allowed(CAROL, S3Operation.GET_OBJECT, "bobs")).isFalse();
        assertThat(allowed(BOB, S3Operation.GET_OBJECT, "bobs-locked")).isFalse();
        assertThat(allowed(BOB, S3Operation.GET_OBJECT_ACL, "bobs-locked")).isTrue();
        assertThat(allowed(BOB, S3Operation.PUT_OBJECT_ACL, "bobs-locked")).isTrue();
        assertThat(allowed(CAROL, S3Operation.GET_OBJECT, "bobs-locked")).isTrue();
        assertThat(allowed(CAROL, S3Operation.GET_OBJECT_ACL, "bobs-locked")).isFalse();
    }

    @Test
    void aMissingObjectIsForWhoeverMayListTheBucket() {
        assertThat(allowed(ANONYMOUS, S3Operation.GET_OBJECT, "missing")).isFalse();
        bucketAcl(CannedAcl.PUBLIC_READ);
        assertThat(allowed(ANONYMOUS, S3Operation.GET_OBJECT, "missing")).isTrue();
    }

    @Test
    void aclsNeverExtendAScopedKey() {
        bucketAcl(CannedAcl.PUBLIC_READ_WRITE);
        object("k", "bob", CannedAcl.PUBLIC_READ.expand("bob", "alice"));

        assertThat(allowed(BOB_SCOPED, S3Operation.LIST_OBJECTS, null)).isFalse();
        assertThat(allowed(BOB_SCOPED, S3Operation.PUT_OBJECT, "x")).isFalse();
        assertThat(allowed(BOB_SCOPED, S3Operation.GET_OBJECT, "k")).isFalse();
        assertThat(allowed(BOB_SCOPED, S3Operation.PUT_OBJECT_ACL, "k")).isFalse();
    }

    @Test
    void anExplicitDenyBeatsAnAcl() {
        object("k", "alice", CannedAcl.PUBLIC_READ.expand("alice", "alice"));
        policy("""
                {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*",
                 "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}""");

        assertThat(allowed(ANONYMOUS, S3Operation.GET_OBJECT, "k")).isFalse();
        assertThat(allowed(BOB, S3Operation.GET_OBJECT, "k")).isFalse();
    }

    @Test
    void bucketOwnerEnforcedTurnsAclsOff() {
        bucketAcl(CannedAcl.PUBLIC_READ);
        object("k", "bob", CannedAcl.PUBLIC_READ.expand("bob", "alice"));
        engine.apply(new PutBucketConfig("b", BucketConfigKind.OWNERSHIP_CONTROLS, ObjectOwnership.BUCKET_OWNER_ENFORCED.value()));

        assertThat(allowed(ANONYMOUS, S3Operation.LIST_OBJECTS, null)).isFalse();
        assertThat(allowed(ANONYMOUS, S3Operation.GET_OBJECT, "k")).isFalse();
        assertThat(allowed(BOB, S3Operation.GET_OBJECT_ACL, "k")).isFalse();
        assertThat(allowed(ALICE, S3Operation.GET_OBJECT, "k")).isTrue();
    }

    @Test
    void ignorePublicAclsIgnoresGroupGrantsOnly() {
        engine.apply(new PutBucketConfig("b", BucketConfigKind.ACL, "FULL_CONTROL user alice\nREAD group AllUsers\nREAD user bob\n"));
        object("k", "alice", CannedAcl.AUTHENTICATED_READ.expand("alice", "alice"));
        publicAccessBlock(new PublicAccessBlock(false, true, false, false));

        assertThat(allowed(ANONYMOUS, S3Operation.LIST_OBJECTS, null)).isFalse();
        assertThat(allowed(CAROL, S3Operation.GET_OBJECT, "k")).isFalse();
        assertThat(allowed(BOB, S3Operation.LIST_OBJECTS, null)).isTrue();
    }

    @Test
    void restrictPublicBucketsStopsAPublicPolicyFromAdmittingAnyone() {
        object("k", "alice", null);
        policy(PUBLIC_GET_POLICY);
        engine.apply(new PutGrant(new Grant(GrantSubject.user("carol"), "b", "", Access.READ)));
        assertThat(allowed(ANONYMOUS, S3Operation.GET_OBJECT, "k")).isTrue();
        assertThat(allowed(BOB, S3Operation.GET_OBJECT, "k")).isTrue();

        publicAccessBlock(new PublicAccessBlock(false, false, false, true));

        assertThat(allowed(ANONYMOUS, S3Operation.GET_OBJECT, "k")).isFalse();
        assertThat(allowed(BOB, S3Operation.GET_OBJECT, "k")).isFalse();
        assertThat(allowed(ALICE, S3Operation.GET_OBJECT, "k")).isTrue();
        assertThat(allowed(CAROL, S3Operation.GET_OBJECT, "k")).isTrue();
    }

    @Test
    void restrictPublicBucketsLeavesAPolicyThatIsNotPublicAlone() {
        object("k", "alice", null);
        policy("""
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "bob"},
                 "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}""");
        publicAccessBlock(new PublicAccessBlock(true, true, true, true));

        assertThat(allowed(BOB, S3Operation.GET_OBJECT, "k")).isTrue();
    }

    @Test
    void theAclOfTheNamedVersionCounts() {
        object("k", "alice", CannedAcl.PUBLIC_READ.expand("alice", "alice"));

        assertThat(allowed(ANONYMOUS, S3Operation.GET_OBJECT, "k", ObjectVersion.NULL_ID)).isTrue();
        assertThat(allowed(ANONYMOUS, S3Operation.GET_OBJECT, "k", "v-missing")).isFalse();
    }

    private boolean allowed(Caller caller, S3Operation op, String key) {
        return allowed(caller, op, key, null);
    }

    private boolean allowed(Caller caller, S3Operation op, String key, String versionId) {
        RequestFacts facts = new RequestFacts("192.0.2.1", false, false, Instant.parse("2025-01-01T00:00:00Z"),
                QueryParams.parse(""), Map.of());
        try {
            authorizer.check(caller, op, "b", key, versionId, facts);
            return true;
        } catch (S3Exception e) {
            return false;
        }
    }

    private void bucketAcl(CannedAcl canned) {
        engine.apply(new PutBucketConfig("b", BucketConfigKind.ACL, AclCodec.encode(canned.expand("alice", "alice"))));
    }

    private void policy(String json) {
        engine.apply(new PutBucketConfig("b", BucketConfigKind.POLICY, json));
    }

    private void publicAccessBlock(PublicAccessBlock block) {
        engine.apply(new PutBucketConfig("b", BucketConfigKind.PUBLIC_ACCESS_BLOCK, block.encode()));
    }

    private void object(String key, String owner, io.stowage.s3.acl.Acl acl) {
        ObjectBody body;
        try (BodyWriter writer = engine.newBody(1)) {
            writer.write(ByteBuffer.wrap(new byte[] {1}));
            body = writer.finish();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        engine.apply(new PutObject("b", new ObjectVersion(key, ObjectVersion.NULL_ID, false, 1, "e", 1L, owner,
                Map.of(), Map.of(), Map.of(), body, acl == null ? null : AclCodec.encode(acl))));
    }
}
