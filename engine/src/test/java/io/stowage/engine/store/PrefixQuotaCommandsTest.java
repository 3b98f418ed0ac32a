package io.stowage.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.engine.command.DeletePrefixQuota;
import io.stowage.engine.command.SetPrefixQuota;
import io.stowage.engine.error.ConflictException;
import io.stowage.engine.model.Bucket;
import io.stowage.engine.model.PrefixQuota;
import io.stowage.engine.model.Quota;
import io.stowage.engine.model.Versioning;
import io.stowage.engine.store.codec.KeyCodec;
import io.stowage.engine.store.codec.RecordCodec;
import io.stowage.engine.store.lock.LockTable;
import io.stowage.engine.store.meta.Batch;
import io.stowage.engine.store.meta.Catalog;
import io.stowage.engine.store.meta.Cf;
import io.stowage.engine.store.meta.MetaStore;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cap on prefix quotas per bucket, with a small cap (the engine's own is 10 000). */
class PrefixQuotaCommandsTest {

    @TempDir
    Path dir;

    MetaStore meta;
    PrefixQuotaCommands commands;

    @BeforeEach
    void open() {
        meta = MetaStore.open(dir);
        PrefixQuotas quotas = new PrefixQuotas(meta);
        commands = new PrefixQuotaCommands(meta, new Catalog(meta), new LockTable(), quotas,
                new UsageLedger(meta, quotas), 3);
        try (Batch batch = meta.batch()) {
            Bucket bucket = new Bucket("b", "us-east-1", "root", 1L, Versioning.UNVERSIONED, Quota.NONE);
            batch.put(Cf.BUCKETS, KeyCodec.bucket("b"), RecordCodec.encode(bucket)).commit(true);
        }
    }

    @AfterEach
    void close() {
        meta.close();
    }

    @Test
    void aBucketHoldsAtMostTheCapAndChangingOneAtTheCapStillWorks() {
        for (int i = 0; i < 3; i++) {
            commands.set(new SetPrefixQuota("b", "p" + i + "/", new Quota(10, 0)));
        }

        assertThatThrownBy(() -> commands.set(new SetPrefixQuota("b", "p3/", new Quota(10, 0))))
                .isInstanceOf(ConflictException.class).hasMessageContaining("at most 3 prefix quotas");
        commands.set(new SetPrefixQuota("b", "p0/", new Quota(20, 0)));
        commands.delete(new DeletePrefixQuota("b", "p1/"));
        commands.set(new SetPrefixQuota("b", "p3/", new Quota(10, 0)));
        assertThat(commands.list("b")).extracting(PrefixQuota::prefix).containsExactly("p0/", "p2/", "p3/");
        assertThat(commands.list("b").getFirst().quota()).isEqualTo(new Quota(20, 0));
    }
}
