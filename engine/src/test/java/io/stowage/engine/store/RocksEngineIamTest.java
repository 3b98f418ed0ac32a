package io.stowage.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.engine.command.CreateAccessKey;
import io.stowage.engine.command.CreateBucket;
import io.stowage.engine.command.CreateUser;
import io.stowage.engine.command.DeleteAccessKey;
import io.stowage.engine.command.DeleteBucket;
import io.stowage.engine.command.DeleteBucketConfig;
import io.stowage.engine.command.DeleteGrant;
import io.stowage.engine.command.DeleteUser;
import io.stowage.engine.command.PutBucketConfig;
import io.stowage.engine.command.PutGrant;
import io.stowage.engine.command.SetAccessKeyStatus;
import io.stowage.engine.command.SetBucketOwner;
import io.stowage.engine.error.ConflictException;
import io.stowage.engine.error.InvalidInputException;
import io.stowage.engine.error.NoSuchAccessKeyException;
import io.stowage.engine.error.NoSuchBucketException;
import io.stowage.engine.error.NoSuchUserException;
import io.stowage.engine.model.Access;
import io.stowage.engine.model.AccessKey;
import io.stowage.engine.model.BucketConfigKind;
import io.stowage.engine.model.Grant;
import io.stowage.engine.model.GrantSubject;
import io.stowage.engine.model.KeyStatus;
import io.stowage.engine.model.User;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksEngineIamTest {

    private static final String SECRET = "s3cr3t-s3cr3t";

    @TempDir
    Path dir;

    RocksEngine engine;

    @BeforeEach
    void openEngine() {
        engine = EngineFixture.open(dir);
    }

    @AfterEach
    void closeEngine() {
        engine.close();
    }

    private AccessKey key(String user, String id, Grant... grants) {
        return engine.apply(new CreateAccessKey(user, id, SECRET, 5L, List.of(grants)));
    }

    private static Grant on(String bucket, String prefix, Access access) {
        return new Grant(GrantSubject.key("ignored"), bucket, prefix, access);
    }

    @Test
    void creatingAUserTwiceWithTheSameParametersIsIdempotentAndOtherwiseAConflict() {
        User alice = engine.apply(new CreateUser("alice", false, 1L));

        assertThat(engine.apply(new CreateUser("alice", false, 99L))).isEqualTo(alice);
        assertThatThrownBy(() -> engine.apply(new CreateUser("alice", true, 1L))).isInstanceOf(ConflictException.class);
        assertThat(engine.iam().users()).containsExactly(alice);
    }

    @Test
    void namesAreCheckedAndRootAndAnonymousAreReserved() {
        assertThatThrownBy(() -> engine.apply(new CreateUser("a/b", false, 1L))).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> engine.apply(new CreateUser("", false, 1L))).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> engine.apply(new CreateUser("root", false, 1L))).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> engine.apply(new CreateUser("anonymous", false, 1L))).isInstanceOf(ConflictException.class);
        engine.apply(new CreateUser("alice", false, 1L));
        assertThatThrownBy(() -> key("alice", "AK/1")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> engine.apply(new CreateAccessKey("alice", "AKALICE", "short", 1L, List.of())))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> key("nobody", "AKNOBODY")).isInstanceOf(NoSuchUserException.class);
    }

    @Test
    void accessKeysAreIdempotentByAllTheirParameters() {
        engine.apply(new CreateUser("alice", false, 1L));
        engine.apply(new CreateUser("bob", false, 1L));
        EngineFixture.createBucket(engine, "b");
        AccessKey first = key("alice", "AKALICE1", on("b", "", Access.READ));

        assertThat(key("alice", "AKALICE1", on("b", "", Access.READ))).isEqualTo(first);
        assertThatThrownBy(() -> key("bob", "AKALICE1", on("b", "", Access.READ))).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> key("alice", "AKALICE1", on("b", "", Access.READ_WRITE)))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> engine.apply(new CreateAccessKey("alice", "AKALICE1", "another-secret", 5L,
                List.of(on("b", "", Access.READ))))).isInstanceOf(ConflictException.class);
        assertThat(first.toString()).doesNotContain(SECRET);
    }

    @Test
    void aScopedKeyIsCreatedWithItsGrantsOrNotAtAll() {
        engine.apply(new CreateUser("alice", false, 1L));
        EngineFixture.createBucket(engine, "b");

        assertThatThrownBy(() -> key("alice", "AKSCOPED", on("b", "", Access.READ), on("missing", "", Access.READ)))
                .isInstanceOf(NoSuchBucketException.class);
        assertThat(engine.iam().accessKey("AKSCOPED")).isEmpty();

        key("alice", "AKSCOPED", on("b", "logs/", Access.WRITE));
        assertThat(engine.iam().grants(GrantSubject.key("AKSCOPED")))
                .containsExactly(new Grant(GrantSubject.key("AKSCOPED"), "b", "logs/", Access.WRITE));
    }

    @Test
    void keysCanBeDisabledAndDeletedWithTheirGrants() {
        engine.apply(new CreateUser("alice", false, 1L));
        EngineFixture.createBucket(engine, "b");
        key("alice", "AKALICE1", on("b", "", Access.READ));

        assertThat(engine.apply(new SetAccessKeyStatus("AKALICE1", KeyStatus.DISABLED)).status()).isEqualTo(KeyStatus.DISABLED);
        assertThat(engine.iam().accessKey("AKALICE1").orElseThrow().status()).isEqualTo(KeyStatus.DISABLED);
        assertThatThrownBy(() -> engine.apply(new SetAccessKeyStatus("AKNONE", KeyStatus.ACTIVE)))
                .isInstanceOf(NoSuchAccessKeyException.class);

        engine.apply(new DeleteAccessKey("AKALICE1"));
        engine.apply(new DeleteAccessKey("AKALICE1"));
        assertThat(engine.iam().accessKey("AKALICE1")).isEmpty();
        assertThat(engine.iam().grants()).isEmpty();
    }

    @Test
    void grantsAreIdempotentConflictOnAnotherAccessAndNeedTheirBucketAndSubject() {
        engine.apply(new CreateUser("alice", false, 1L));
        EngineFixture.createBucket(engine, "b");
        Grant grant = new Grant(GrantSubject.user("alice"), "b", "", Access.READ);

        assertThat(engine.apply(new PutGrant(grant))).isEqualTo(grant);
        assertThat(engine.apply(new PutGrant(grant))).isEqualTo(grant);
        assertThatThrownBy(() -> engine.apply(new PutGrant(new Grant(GrantSubject.user("alice"), "b", "", Access.WRITE))))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> engine.apply(new PutGrant(new Grant(GrantSubject.user("zed"), "b", "", Access.READ))))
                .isInstanceOf(NoSuchUserException.class);
        assertThatThrownBy(() -> engine.apply(new PutGrant(new Grant(GrantSubject.key("AKNONE"), "b", "", Access.READ))))
                .isInstanceOf(NoSuchAccessKeyException.class);
        assertThatThrownBy(() -> engine.apply(new PutGrant(new Grant(GrantSubject.user("alice"), "nob", "", Access.READ))))
                .isInstanceOf(NoSuchBucketException.class);

        engine.apply(new DeleteGrant(GrantSubject.user("alice"), "b", ""));
        engine.apply(new DeleteGrant(GrantSubject.user("alice"), "b", ""));
        assertThat(engine.iam().grants()).isEmpty();
    }

    @Test
    void aUserOwningBucketsCannotBeDeletedAndDeletingOneRemovesItsKeysAndGrants() {
        engine.apply(new CreateUser("alice", false, 1L));
        engine.apply(new CreateBucket("mine", "us-east-1", "alice", 1L));
        EngineFixture.createBucket(engine, "shared");
        key("alice", "AKALICE1");
        engine.apply(new PutGrant(new Grant(GrantSubject.user("alice"), "shared", "", Access.READ)));

        assertThatThrownBy(() -> engine.apply(new DeleteUser("alice")))
                .isInstanceOf(ConflictException.class).hasMessageContaining("mine");

        engine.apply(new SetBucketOwner("mine", "root"));
        engine.apply(new DeleteUser("alice"));
        engine.apply(new DeleteUser("alice"));
        assertThat(engine.iam().users()).isEmpty();
        assertThat(engine.iam().accessKey("AKALICE1")).isEmpty();
        assertThat(engine.iam().grants()).isEmpty();
    }

    @Test
    void ownershipMovesOnlyToExistingUsers() {
        engine.apply(new CreateUser("alice", false, 1L));
        EngineFixture.createBucket(engine, "b");

        assertThat(engine.apply(new SetBucketOwner("b", "alice")).owner()).isEqualTo("alice");
        assertThat(engine.bucket("b").orElseThrow().owner()).isEqualTo("alice");
        assertThatThrownBy(() -> engine.apply(new SetBucketOwner("b", "zed"))).isInstanceOf(NoSuchUserException.class);
        assertThatThrownBy(() -> engine.apply(new SetBucketOwner("nob", "alice"))).isInstanceOf(NoSuchBucketException.class);
    }

    @Test
    void deletingABucketRemovesItsGrantsAndConfigurationSoANewBucketOfThatNameStartsClean() {
        engine.apply(new CreateUser("alice", false, 1L));
        EngineFixture.createBucket(engine, "b");
        EngineFixture.createBucket(engine, "other");
        key("alice", "AKALICE1", on("b", "", Access.READ_WRITE), on("other", "", Access.READ));
        engine.apply(new PutBucketConfig("b", BucketConfigKind.POLICY, "{\"Version\":\"2012-10-17\"}"));
        assertThat(engine.bucketConfig("b", BucketConfigKind.POLICY)).contains("{\"Version\":\"2012-10-17\"}");

        engine.apply(new DeleteBucket("b"));
        EngineFixture.createBucket(engine, "b");

        assertThat(engine.iam().grants()).extracting(Grant::bucket).containsExactly("other");
        assertThat(engine.bucketConfig("b", BucketConfigKind.POLICY)).isEmpty();
    }

    @Test
    void configurationDocumentsAreStoredAsGivenAndRemoved() {
        EngineFixture.createBucket(engine, "b");
        engine.apply(new PutBucketConfig("b", BucketConfigKind.ACL, "<acl>é</acl>"));
        engine.apply(new PutBucketConfig("b", BucketConfigKind.ACL, "<acl>2</acl>"));
        assertThat(engine.bucketConfig("b", BucketConfigKind.ACL)).contains("<acl>2</acl>");
        engine.apply(new DeleteBucketConfig("b", BucketConfigKind.ACL));
        assertThat(engine.bucketConfig("b", BucketConfigKind.ACL)).isEmpty();
        assertThatThrownBy(() -> engine.apply(new PutBucketConfig("nob", BucketConfigKind.ACL, "x")))
                .isInstanceOf(NoSuchBucketException.class);
    }

    @Test
    void iamStateSurvivesReopen() {
        engine.apply(new CreateUser("alice", true, 1L));
        EngineFixture.createBucket(engine, "b");
        AccessKey key = key("alice", "AKALICE1", on("b", "p/", Access.READ));
        engine.apply(new SetAccessKeyStatus("AKALICE1", KeyStatus.DISABLED));

        engine.close();
        engine = EngineFixture.open(dir);

        assertThat(engine.iam().user("alice")).contains(new User("alice", true, 1L));
        AccessKey reopened = engine.iam().accessKey("AKALICE1").orElseThrow();
        assertThat(reopened.secretKey()).isEqualTo(key.secretKey());
        assertThat(reopened.status()).isEqualTo(KeyStatus.DISABLED);
        assertThat(engine.iam().grants(GrantSubject.key("AKALICE1")))
                .containsExactly(new Grant(GrantSubject.key("AKALICE1"), "b", "p/", Access.READ));
    }
}
