package io.stowage.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.engine.command.CreateBucket;
import io.stowage.engine.command.DeleteBucket;
import io.stowage.engine.command.CreateUser;
import io.stowage.engine.command.DeleteObject;
import io.stowage.engine.error.BucketAlreadyExistsException;
import io.stowage.engine.error.BucketAlreadyOwnedByYouException;
import io.stowage.engine.error.BucketNotEmptyException;
import io.stowage.engine.error.NoSuchBucketException;
import io.stowage.engine.error.NoSuchUserException;
import io.stowage.engine.model.Bucket;
import io.stowage.engine.model.Quota;
import io.stowage.engine.model.ListObjectsRequest;
import io.stowage.engine.model.Versioning;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksEngineBucketsTest {

    @TempDir
    Path dir;

    RocksEngine engine;

    @BeforeEach
    void openEngine() {
        engine = EngineFixture.open(dir);
        engine.apply(new CreateUser("alice", false, 1L));
        engine.apply(new CreateUser("bob", false, 1L));
    }

    @AfterEach
    void closeEngine() {
        engine.close();
    }

    @Test
    void createAndList() {
        Bucket created = engine.apply(new CreateBucket("zeta", "eu-west-1", "alice", 42L));
        engine.apply(new CreateBucket("alpha", "us-east-1", "bob", 43L));

        assertThat(created).isEqualTo(new Bucket("zeta", "eu-west-1", "alice", 42L, Versioning.UNVERSIONED, Quota.NONE));
        assertThat(engine.bucket("zeta")).contains(created);
        assertThat(engine.bucket("missing")).isEmpty();
        assertThat(engine.buckets()).extracting(Bucket::name).containsExactly("alpha", "zeta");
    }

    @Test
    void createExisting() {
        engine.apply(new CreateBucket("b", "us-east-1", "alice", 1L));

        assertThatThrownBy(() -> engine.apply(new CreateBucket("b", "us-east-1", "alice", 2L)))
                .isInstanceOf(BucketAlreadyOwnedByYouException.class);
        assertThatThrownBy(() -> engine.apply(new CreateBucket("b", "us-east-1", "bob", 2L)))
                .isInstanceOf(BucketAlreadyExistsException.class);
    }

    @Test
    void theOwnerMustExist() {
        assertThatThrownBy(() -> engine.apply(new CreateBucket("b", "us-east-1", "mallory", 2L)))
                .isInstanceOf(NoSuchUserException.class);
        assertThat(engine.bucket("b")).isEmpty();
    }

    @Test
    void deleteBucket() {
        assertThatThrownBy(() -> engine.apply(new DeleteBucket("b"))).isInstanceOf(NoSuchBucketException.class);
        EngineFixture.createBucket(engine, "b");
        EngineFixture.createBucket(engine, "b2");
        EngineFixture.put(engine, "b", "k", "v");
        EngineFixture.put(engine, "b2", "k", "v");

        assertThatThrownBy(() -> engine.apply(new DeleteBucket("b"))).isInstanceOf(BucketNotEmptyException.class);
        engine.apply(new DeleteObject("b", "k", null));
        engine.apply(new DeleteBucket("b"));

        assertThat(engine.bucket("b")).isEmpty();
        assertThatThrownBy(() -> engine.listObjects(new ListObjectsRequest("b", "", null, null, 10)))
                .isInstanceOf(NoSuchBucketException.class);
        assertThat(EngineFixture.read(engine, "b2", "k")).isEqualTo("v");
    }
}
