package io.stowage.engine.store;

import static io.stowage.engine.store.EngineFixture.createBucket;
import static io.stowage.engine.store.EngineFixture.put;
import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.engine.command.DeleteObject;
import io.stowage.engine.model.ListObjectsRequest;
import io.stowage.engine.model.ObjectListing;
import io.stowage.engine.model.ObjectVersion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksEngineListingTest {

    @TempDir
    Path dir;

    RocksEngine engine;

    @BeforeEach
    void openEngine() {
        engine = EngineFixture.open(dir);
        createBucket(engine, "b");
        createBucket(engine, "other");
    }

    @AfterEach
    void closeEngine() {
        engine.close();
    }

    @Test
    void listsKeysInOrderWithinTheBucketOnly() {
        for (String key : List.of("c", "a", "b/1", "b/2")) {
            put(engine, "b", key, "v");
        }
        put(engine, "other", "a", "v");

        ObjectListing listing = list("", null, null, 100);

        assertThat(keys(listing)).containsExactly("a", "b/1", "b/2", "c");
        assertThat(listing.commonPrefixes()).isEmpty();
        assertThat(listing.truncated()).isFalse();
        assertThat(listing.nextMarker()).isNull();
    }

    @Test
    void prefixAndDelimiter() {
        for (String key : List.of("photos/2024/a.jpg", "photos/2024/b.jpg", "photos/2025/c.jpg", "photos/top.jpg",
                "photosx", "readme", "zz/")) {
            put(engine, "b", key, "v");
        }

        ObjectListing root = list("", "/", null, 100);
        assertThat(keys(root)).containsExactly("photosx", "readme");
        assertThat(root.commonPrefixes()).containsExactly("photos/", "zz/");

        ObjectListing photos = list("photos/", "/", null, 100);
        assertThat(keys(photos)).containsExactly("photos/top.jpg");
        assertThat(photos.commonPrefixes()).containsExactly("photos/2024/", "photos/2025/");

        assertThat(keys(list("photos/2024/", "/", null, 100))).containsExactly("photos/2024/a.jpg", "photos/2024/b.jpg");
        assertThat(keys(list("photos", null, null, 100))).hasSize(5);
        assertThat(keys(list("nothing", "/", null, 100))).isEmpty();
    }

    @Test
    void multiCharacterDelimiter() {
        for (String key : List.of("a--b--c", "a--d", "e")) {
            put(engine, "b", key, "v");
        }
        ObjectListing listing = list("", "--", null, 100);
        assertThat(listing.commonPrefixes()).containsExactly("a--");
        assertThat(keys(listing)).containsExactly("e");
    }

    @Test
    void delimiterSkipsWholeCommonPrefixes() {
        for (int i = 0; i < 10_000; i++) {
            put(engine, "b", "a/" + i, "v");
        }
        put(engine, "b", "0", "v");
        put(engine, "b", "b", "v");
        put(engine, "b", "c/d", "v");

        ObjectListing listing = list("", "/", null, 1000);

        assertThat(keys(listing)).containsExactly("0", "b");
        assertThat(listing.commonPrefixes()).containsExactly("a/", "c/");
        assertThat(listing.truncated()).isFalse();
    }

    @Test
    void paginationCoversEverythingOnceWithAndWithoutDelimiter() {
        TreeSet<String> keys = new TreeSet<>();
        for (int i = 0; i < 3000; i++) {
            String key = switch (i % 4) {
                case 0 -> "dir" + (i % 37) + "/file" + i;
                case 1 -> "flat" + i;
                case 2 -> "dir" + (i % 37) + "/sub/" + i;
                default -> "x/" + i;
            };
            keys.add(key);
            put(engine, "b", key, "v");
        }

        assertThat(pageThrough(null, 7)).containsExactlyElementsOf(keys);
        assertThat(pageThrough(null, 1000)).containsExactlyElementsOf(keys);

        TreeSet<String> rolledUp = new TreeSet<>();
        for (String key : keys) {
            int slash = key.indexOf('/');
            rolledUp.add(slash < 0 ? key : key.substring(0, slash + 1));
        }
        List<String> withDelimiter = pageThrough("/", 5);
        assertThat(withDelimiter).containsExactlyElementsOf(rolledUp);
    }

    @Test
    void startAfterACommonPrefixSkipsIt() {
        for (String key : List.of("a/1", "a/2", "b", "c/1")) {
            put(engine, "b", key, "v");
        }

        ObjectListing first = list("", "/", null, 1);
        assertThat(first.commonPrefixes()).containsExactly("a/");
        assertThat(first.truncated()).isTrue();
        assertThat(first.nextMarker()).isEqualTo("a/");

        ObjectListing second = list("", "/", "a/", 10);
        assertThat(second.commonPrefixes()).containsExactly("c/");
        assertThat(keys(second)).containsExactly("b");

        // a marker inside a common prefix also hides that prefix
        ObjectListing inside = list("", "/", "a/1", 10);
        assertThat(inside.commonPrefixes()).containsExactly("c/");
        assertThat(keys(inside)).containsExactly("b");

        assertThat(keys(list("", null, "a/1", 10))).containsExactly("a/2", "b", "c/1");
        assertThat(keys(list("", null, "a", 10))).containsExactly("a/1", "a/2", "b", "c/1");
        assertThat(keys(list("c", null, "a", 10))).containsExactly("c/1");
    }

    @Test
    void maxKeysZeroAndExactPages() {
        for (String key : List.of("a", "b", "c")) {
            put(engine, "b", key, "v");
        }
        ObjectListing none = list("", null, null, 0);
        assertThat(none.objects()).isEmpty();
        assertThat(none.truncated()).isFalse();

        ObjectListing exact = list("", null, null, 3);
        assertThat(keys(exact)).hasSize(3);
        assertThat(exact.truncated()).isFalse();

        ObjectListing partial = list("", null, null, 2);
        assertThat(partial.truncated()).isTrue();
        assertThat(partial.nextMarker()).isEqualTo("b");
    }

    @Test
    void deletedKeysDisappear() {
        put(engine, "b", "a", "v");
        put(engine, "b", "b", "v");
        engine.apply(new DeleteObject("b", "a", null));
        assertThat(keys(list("", null, null, 10))).containsExactly("b");
    }

    @Test
    void unicodeKeysSortByUtf8Bytes() {
        // UTF-16 order would put U+FF5E (a BMP char) after U+1F600 (a surrogate pair); UTF-8 puts it before
        List<String> keys = List.of("z", "é", "日本", "～", "😀", "A", "a");
        keys.forEach(key -> put(engine, "b", key, "v"));

        List<String> expected = new ArrayList<>(keys);
        expected.sort(Comparator.comparing(s -> s.codePoints().boxed().toList(), RocksEngineListingTest::compareCodePoints));
        assertThat(keys(list("", null, null, 100))).containsExactlyElementsOf(expected);
        assertThat(expected).containsExactly("A", "a", "z", "é", "日本", "～", "😀");
    }

    private static int compareCodePoints(List<Integer> a, List<Integer> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = Integer.compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private List<String> pageThrough(String delimiter, int pageSize) {
        List<String> all = new ArrayList<>();
        String marker = null;
        while (true) {
            ObjectListing page = list("", delimiter, marker, pageSize);
            assertThat(page.objects().size() + page.commonPrefixes().size()).isLessThanOrEqualTo(pageSize);
            TreeSet<String> merged = new TreeSet<>(keys(page));
            merged.addAll(page.commonPrefixes());
            all.addAll(merged);
            if (!page.truncated()) {
                return all;
            }
            assertThat(page.nextMarker()).isEqualTo(merged.last());
            marker = page.nextMarker();
        }
    }

    private ObjectListing list(String prefix, String delimiter, String startAfter, int maxKeys) {
        return engine.listObjects(new ListObjectsRequest("b", prefix, delimiter, startAfter, maxKeys));
    }

    private static List<String> keys(ObjectListing listing) {
        return listing.objects().stream().map(ObjectVersion::key).toList();
    }
}
