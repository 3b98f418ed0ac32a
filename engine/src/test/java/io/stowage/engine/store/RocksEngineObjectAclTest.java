package io.stowage.engine.store;

import static io.stowage.engine.store.EngineFixture.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.engine.command.CreateBucket;
import io.stowage.engine.command.SetObjectAcl;
import io.stowage.engine.error.NoSuchBucketException;
import io.stowage.engine.error.NoSuchKeyException;
import io.stowage.engine.error.NoSuchVersionException;
import io.stowage.engine.model.BucketConfigKind;
import io.stowage.engine.model.ObjectVersion;
import io.stowage.engine.model.Quota;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SetObjectAcl, and the configuration documents a bucket is created with. */
class RocksEngineObjectAclTest {

    @TempDir
    Path dir;

    RocksEngine engine;

    @BeforeEach
    void openEngine() {
        engine = EngineFixture.open(dir);
        EngineFixture.createBucket(engine, "b");
    }

    @AfterEach
    void closeEngine() {
        engine.close();
    }

    @Test
    void setObjectAclRewritesOnlyTheAcl() {
        ObjectVersion written = put(engine, "b", "k", "hello");

        ObjectVersion updated = engine.apply(new SetObjectAcl("b", "k", null, "READ group AllUsers"));

        assertThat(updated).usingRecursiveComparison().isEqualTo(written.withAcl("READ group AllUsers"));
        assertThat(engine.object("b", "k", null)).usingRecursiveComparison().isEqualTo(updated);
        assertThat(EngineFixture.read(engine, "b", "k")).isEqualTo("hello");
        assertThat(engine.usage("b").objects()).isEqualTo(1);

        engine.apply(new SetObjectAcl("b", "k", ObjectVersion.NULL_ID, null));
        assertThat(engine.object("b", "k", null).acl()).isNull();
    }

    @Test
    void anAclSurvivesARestart() {
        put(engine, "b", "k", "hello");
        engine.apply(new SetObjectAcl("b", "k", null, "FULL_CONTROL user alice"));
        engine.close();

        engine = EngineFixture.open(dir);

        assertThat(engine.object("b", "k", null).acl()).isEqualTo("FULL_CONTROL user alice");
    }

    @Test
    void setObjectAclNeedsTheVersion() {
        put(engine, "b", "k", "hello");

        assertThatThrownBy(() -> engine.apply(new SetObjectAcl("b", "missing", null, "x"))).isInstanceOf(NoSuchKeyException.class);
        assertThatThrownBy(() -> engine.apply(new SetObjectAcl("b", "k", "v9", "x"))).isInstanceOf(NoSuchVersionException.class);
        assertThatThrownBy(() -> engine.apply(new SetObjectAcl("nope", "k", null, "x"))).isInstanceOf(NoSuchBucketException.class);
    }

    @Test
    void aBucketStartsWithItsConfigurationDocuments() {
        engine.apply(new CreateBucket("c", "us-east-1", EngineFixture.OWNER, 1L, Quota.NONE,
                Map.of(BucketConfigKind.ACL, "READ group AllUsers", BucketConfigKind.OWNERSHIP_CONTROLS, "ObjectWriter")));

        assertThat(engine.bucketConfig("c", BucketConfigKind.ACL)).contains("READ group AllUsers");
        assertThat(engine.bucketConfig("c", BucketConfigKind.OWNERSHIP_CONTROLS)).contains("ObjectWriter");
        assertThat(engine.bucketConfig("c", BucketConfigKind.POLICY)).isEmpty();
    }
}
