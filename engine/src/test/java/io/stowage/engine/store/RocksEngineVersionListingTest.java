package io.stowage.engine.store;

import static io.stowage.engine.store.EngineFixture.createBucket;
import static io.stowage.engine.store.EngineFixture.put;
import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.engine.command.DeleteObject;
import io.stowage.engine.model.ListObjectsRequest;
import io.stowage.engine.model.ListVersionsRequest;
import io.stowage.engine.model.ObjectBody;
import io.stowage.engine.model.ObjectVersion;
import io.stowage.engine.model.VersionListing;
import io.stowage.engine.store.codec.KeyCodec;
import io.stowage.engine.store.codec.RecordCodec;
import io.stowage.engine.store.meta.Batch;
import io.stowage.engine.store.meta.Cf;
import io.stowage.engine.store.meta.MetaStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksEngineVersionListingTest {

    @TempDir
    Path dir;

    RocksEngine engine;

    @BeforeEach
    void openEngine() {
        engine = EngineFixture.open(dir);
        createBucket(engine, "b");
    }

    @AfterEach
    void closeEngine() {
        engine.close();
    }

    @Test
    void unversionedBucketListsNullVersionsAsLatest() {
        put(engine, "b", "a", "1");
        put(engine, "b", "d/x", "2");
        put(engine, "b", "d/y", "3");

        VersionListing all = list(null, null, null, null, 10);
        assertThat(all.versions()).extracting(e -> e.version().key()).containsExactly("a", "d/x", "d/y");
        assertThat(all.versions()).allSatisfy(e -> {
            assertThat(e.latest()).isTrue();
            assertThat(e.version().versionId()).isEqualTo(ObjectVersion.NULL_ID);
        });
        assertThat(all.truncated()).isFalse();

        VersionListing rolled = list("/", null, null, null, 10);
        assertThat(rolled.versions()).extracting(e -> e.version().key()).containsExactly("a");
        assertThat(rolled.commonPrefixes()).containsExactly("d/");

        VersionListing page = list(null, null, null, null, 2);
        assertThat(page.truncated()).isTrue();
        assertThat(page.nextKeyMarker()).isEqualTo("d/x");
        assertThat(page.nextVersionIdMarker()).isEqualTo(ObjectVersion.NULL_ID);
        assertThat(list(null, "d/x", null, null, 2).versions())
                .extracting(e -> e.version().key()).containsExactly("d/y");

        VersionListing prefixPage = list("/", null, null, null, 1);
        assertThat(prefixPage.nextKeyMarker()).isEqualTo("a");
        VersionListing afterPrefix = list("/", "d/", null, null, 5);
        assertThat(afterPrefix.commonPrefixes()).isEmpty();
        assertThat(afterPrefix.versions()).isEmpty();
    }

    @Test
    void mergesNonCurrentVersionsAfterTheCurrentOne() {
        put(engine, "b", "a", "current-a");
        put(engine, "b", "c", "current-c");
        engine.apply(new DeleteObject("b", "c", null));
        engine.close();
        try (MetaStore meta = MetaStore.open(dir.resolve("meta"))) {
            storeOld(meta, "a", 2, "a-v2");
            storeOld(meta, "a", 1, "a-v1");
            storeOld(meta, "b", 1, "b-v1");
            storeOld(meta, "c", 1, "c-v1");
        }
        engine = EngineFixture.open(dir);

        VersionListing all = list(null, null, null, null, 100);
        assertThat(ids(all)).containsExactly("a:null", "a:a-v1", "a:a-v2", "b:b-v1", "c:c-v1");
        assertThat(all.versions()).extracting(VersionListing.Entry::latest)
                .containsExactly(true, false, false, false, false);

        List<String> paged = new ArrayList<>();
        String keyMarker = null;
        String versionMarker = null;
        while (true) {
            VersionListing page = list(null, keyMarker, versionMarker, null, 2);
            paged.addAll(ids(page));
            if (!page.truncated()) {
                break;
            }
            keyMarker = page.nextKeyMarker();
            versionMarker = page.nextVersionIdMarker();
        }
        assertThat(paged).containsExactlyElementsOf(ids(all));

        assertThat(engine.object("b", "a", "a-v1").etag()).isEqualTo("etag-a-v1");
        assertThat(engine.apply(new DeleteObject("b", "a", "a-v1")).versionId()).isEqualTo("a-v1");
        assertThat(ids(list(null, "a", null, null, 100))).containsExactly("b:b-v1", "c:c-v1");
        assertThat(ids(list(null, null, null, "a", 100))).containsExactly("a:null", "a:a-v2");
    }

    @Test
    void deleteMarkersAreVersionsButNotObjects() {
        put(engine, "b", "live", "v");
        engine.close();
        try (MetaStore meta = MetaStore.open(dir.resolve("meta")); Batch batch = meta.batch()) {
            for (String key : List.of("dead", "gone/x")) {
                ObjectVersion marker = new ObjectVersion(key, "m1", true, 0, null, 1L, "o",
                        Map.of(), Map.of(), Map.of(), null, null);
                batch.put(Cf.OBJECTS, KeyCodec.object("b", KeyCodec.utf8(key)), RecordCodec.encode(marker));
            }
            batch.commit(true);
        }
        engine = EngineFixture.open(dir);

        var objects = engine.listObjects(new ListObjectsRequest("b", "", "/", null, 10));
        assertThat(objects.objects()).extracting(ObjectVersion::key).containsExactly("live");
        assertThat(objects.commonPrefixes()).isEmpty();
        assertThat(ids(list(null, null, null, null, 10))).containsExactly("dead:m1", "gone/x:m1", "live:null");
        assertThat(engine.object("b", "dead", null).deleteMarker()).isTrue();
    }

    private static void storeOld(MetaStore meta, String key, int sortKey, String versionId) {
        ObjectVersion version = new ObjectVersion(key, versionId, false, 1, "etag-" + versionId, 1L, "o",
                Map.of(), Map.of(), Map.of(), new ObjectBody.Inline(new byte[] {1}), null);
        try (Batch batch = meta.batch()) {
            batch.put(Cf.VERSIONS,
                    KeyCodec.concat(KeyCodec.versionPrefix("b", KeyCodec.utf8(key)), new byte[] {(byte) sortKey}),
                    RecordCodec.encode(version)).commit(true);
        }
    }

    private VersionListing list(String delimiter, String keyMarker, String versionIdMarker, String prefix, int max) {
        return engine.listVersions(new ListVersionsRequest("b", prefix, delimiter, keyMarker, versionIdMarker, max));
    }

    private static List<String> ids(VersionListing listing) {
        return listing.versions().stream().map(e -> e.version().key() + ":" + e.version().versionId()).toList();
    }
}
