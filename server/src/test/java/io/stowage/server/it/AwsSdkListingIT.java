package io.stowage.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Listing over a few thousand keys: pagination, delimiters, start-after, v1 markers, url
 * encoding and ListObjectVersions of an unversioned bucket.
 */
@ExtendWith(StowageServerExtension.class)
class AwsSdkListingIT {

    private static final String BUCKET = TestData.bucketName("listing");
    /** photos/2024/NNN (1500 keys), photos/2025/NNN (1500), docs/NNN (300), and 3 at the top. */
    private static final TreeSet<String> KEYS = new TreeSet<>();

    @BeforeAll
    static void fill(S3Client s3) throws Exception {
        s3.createBucket(b -> b.bucket(BUCKET));
        for (int i = 0; i < 1500; i++) {
            KEYS.add(String.format("photos/2024/%04d.jpg", i));
            KEYS.add(String.format("photos/2025/%04d.jpg", i));
        }
        for (int i = 0; i < 300; i++) {
            KEYS.add(String.format("docs/%03d.txt", i));
        }
        KEYS.add("a.txt");
        KEYS.add("readme");
        KEYS.add("z top");
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            List<Future<?>> puts = new ArrayList<>();
            for (String key : KEYS) {
                puts.add(pool.submit(() -> s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString(key))));
            }
            for (Future<?> put : puts) {
                put.get();
            }
        }
    }

    @Test
    void paginatesEveryKeyInOrderWithContinuationTokens(S3Client s3) {
        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String t = token;
            ListObjectsV2Response page = s3.listObjectsV2(b -> b.bucket(BUCKET).maxKeys(250).continuationToken(t));
            assertThat(page.keyCount()).isEqualTo(page.contents().size());
            assertThat(page.contents().size()).isLessThanOrEqualTo(250);
            page.contents().forEach(o -> seen.add(o.key()));
            token = page.isTruncated() ? page.nextContinuationToken() : null;
            pages++;
        } while (token != null);
        assertThat(seen).containsExactlyElementsOf(KEYS);
        assertThat(pages).isEqualTo((KEYS.size() + 249) / 250);
    }

    @Test
    void theSdkPaginatorSeesEverything(S3Client s3) {
        List<String> keys = s3.listObjectsV2Paginator(b -> b.bucket(BUCKET).maxKeys(1000)).contents().stream().map(S3Object::key).toList();
        assertThat(keys).containsExactlyElementsOf(KEYS);
    }

    @Test
    void delimiterCollapsesCommonPrefixes(S3Client s3) {
        ListObjectsV2Response top = s3.listObjectsV2(b -> b.bucket(BUCKET).delimiter("/"));
        assertThat(top.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("docs/", "photos/");
        assertThat(top.contents()).extracting(S3Object::key).containsExactly("a.txt", "readme", "z top");
        assertThat(top.keyCount()).isEqualTo(5);
        assertThat(top.isTruncated()).isFalse();

        ListObjectsV2Response photos = s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("photos/").delimiter("/"));
        assertThat(photos.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("photos/2024/", "photos/2025/");
        assertThat(photos.contents()).isEmpty();
    }

    @Test
    void paginatingWithADelimiterReturnsEachPrefixOnce(S3Client s3) {
        List<String> entries = new ArrayList<>();
        String token = null;
        do {
            String t = token;
            ListObjectsV2Response page = s3.listObjectsV2(b -> b.bucket(BUCKET).delimiter("/").maxKeys(2).continuationToken(t));
            page.commonPrefixes().forEach(p -> entries.add(p.prefix()));
            page.contents().forEach(o -> entries.add(o.key()));
            token = page.isTruncated() ? page.nextContinuationToken() : null;
        } while (token != null);
        assertThat(entries).containsExactlyInAnyOrder("a.txt", "docs/", "photos/", "readme", "z top");
    }

    @Test
    void startAfterAndPrefix(S3Client s3) {
        ListObjectsV2Response page = s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("docs/").startAfter("docs/295.txt"));
        assertThat(page.contents()).extracting(S3Object::key)
                .containsExactly("docs/296.txt", "docs/297.txt", "docs/298.txt", "docs/299.txt");
        assertThat(page.startAfter()).isEqualTo("docs/295.txt");
    }

    @Test
    void fetchOwnerAddsTheOwner(S3Client s3) {
        ListObjectsV2Response withOwner = s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("a.txt").fetchOwner(true));
        assertThat(withOwner.contents().getFirst().owner()).isNotNull();
        assertThat(withOwner.contents().getFirst().owner().id()).isNotBlank();
        ListObjectsV2Response without = s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("a.txt"));
        assertThat(without.contents().getFirst().owner()).isNull();
    }

    @Test
    void urlEncodingTypeRoundTripsThroughTheSdk(S3Client s3) {
        ListObjectsV2Response page = s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("z ").encodingType(EncodingType.URL));
        assertThat(page.contents()).extracting(S3Object::key).containsExactly("z top");
        assertThat(page.prefix()).isEqualTo("z ");
    }

    @Test
    void listObjectsV1WithMarkers(S3Client s3) {
        List<String> seen = new ArrayList<>();
        String marker = null;
        do {
            String m = marker;
            ListObjectsResponse page = s3.listObjects(b -> b.bucket(BUCKET).prefix("photos/2025/").maxKeys(400).marker(m));
            page.contents().forEach(o -> seen.add(o.key()));
            marker = page.isTruncated() ? page.nextMarker() : null;
        } while (marker != null);
        assertThat(seen).containsExactlyElementsOf(KEYS.subSet("photos/2025/", "photos/2025/\uffff"));

        ListObjectsResponse collapsed = s3.listObjects(b -> b.bucket(BUCKET).delimiter("/"));
        assertThat(collapsed.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("docs/", "photos/");
    }

    @Test
    void listObjectVersionsOfAnUnversionedBucketShowsNullVersions(S3Client s3) {
        ListObjectVersionsResponse versions = s3.listObjectVersions(b -> b.bucket(BUCKET).prefix("docs/").maxKeys(100));
        assertThat(versions.versions()).hasSize(100);
        assertThat(versions.versions()).allSatisfy(v -> {
            assertThat(v.versionId()).isEqualTo("null");
            assertThat(v.isLatest()).isTrue();
        });
        assertThat(versions.isTruncated()).isTrue();
        String next = versions.nextKeyMarker();
        ListObjectVersionsResponse rest = s3.listObjectVersions(b -> b.bucket(BUCKET).prefix("docs/").keyMarker(next));
        assertThat(rest.versions()).hasSize(200);
        assertThat(rest.versions().getFirst().key()).isEqualTo("docs/100.txt");
        assertThat(s3.listObjectVersions(b -> b.bucket(BUCKET).delimiter("/")).commonPrefixes())
                .extracting(CommonPrefix::prefix).containsExactly("docs/", "photos/");
    }

    @Test
    void badListingArgumentsAreInvalidArgument(S3Client s3) {
        assertThatThrownBy(() -> s3.listObjectsV2(b -> b.bucket(BUCKET).continuationToken("%%%not-a-token")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidArgument");
                });
        assertThatThrownBy(() -> s3.listObjectsV2(b -> b.bucket(BUCKET).maxKeys(-1)))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidArgument"));
    }

    @Test
    void maxKeysZeroIsAnEmptyPage(S3Client s3) {
        ListObjectsV2Response page = s3.listObjectsV2(b -> b.bucket(BUCKET).maxKeys(0));
        assertThat(page.contents()).isEmpty();
        assertThat(page.keyCount()).isZero();
    }
}
