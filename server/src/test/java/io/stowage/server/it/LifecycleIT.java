package io.stowage.server.it;

import static io.stowage.server.it.LifecycleServers.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.server.StowageServer;
import io.stowage.server.lifecycle.LifecycleSettings;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.AbortIncompleteMultipartUpload;
import software.amazon.awssdk.services.s3.model.BucketLifecycleConfiguration;
import software.amazon.awssdk.services.s3.model.DeleteBucketLifecycleResponse;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.LifecycleExpiration;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.LifecycleRuleAndOperator;
import software.amazon.awssdk.services.s3.model.LifecycleRuleFilter;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoncurrentVersionExpiration;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.Transition;
import software.amazon.awssdk.services.s3.model.TransitionStorageClass;

/**
 * Bucket lifecycle through the AWS SDK for Java v2 against a real server whose lifecycle day lasts one second and
 * whose worker runs every 200 ms: the configuration API with AWS's errors, x-amz-expiration, and the worker expiring
 * objects, versions and delete markers and aborting uploads.
 */
class LifecycleIT {

    private static final LifecycleSettings FAST = new LifecycleSettings(Duration.ofMillis(200), 10_000, Duration.ofSeconds(1));
    private static final String CONFIG = TestData.bucketName("lc-config");
    private static final String PLAIN = TestData.bucketName("lc-plain");
    private static final String HEADER = TestData.bucketName("lc-header");
    private static final String VERSIONED = TestData.bucketName("lc-versioned");
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    @TempDir
    static Path data;
    private static StowageServer server;
    private static S3Client s3;
    /** Version ids of the versioned bucket's keys, oldest first. */
    private static final List<String> NONCURRENT_KEY_VERSIONS = new ArrayList<>();
    private static String currentKeyVersion;

    @BeforeAll
    static void start() throws Exception {
        server = StowageServer.start(StowageServerExtension.config(data, FAST));
        s3 = LifecycleServers.client(server);
        for (String bucket : List.of(CONFIG, PLAIN, HEADER, VERSIONED)) {
            s3.createBucket(b -> b.bucket(bucket));
        }
        s3.putBucketVersioning(b -> b.bucket(VERSIONED).versioningConfiguration(c -> c.status(BucketVersioningStatus.ENABLED)));
        currentKeyVersion = seed("cur/a", "only version");
        for (int i = 0; i < 4; i++) {
            NONCURRENT_KEY_VERSIONS.add(seed("nc/a", "version " + i));
        }
        seed("dm/a", "hidden");
        for (String key : List.of("dm/a", "dm/b")) {
            s3.deleteObject(b -> b.bucket(VERSIONED).key(key));
        }
    }

    private static String seed(String key, String content) {
        return s3.putObject(b -> b.bucket(VERSIONED).key(key), RequestBody.fromString(content)).versionId();
    }

    @AfterAll
    static void stop() {
        if (s3 != null) {
            s3.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static LifecycleRule.Builder rule(String id, LifecycleRuleFilter filter) {
        return LifecycleRule.builder().id(id).filter(filter).status(ExpirationStatus.ENABLED);
    }

    private static LifecycleRuleFilter prefix(String prefix) {
        return LifecycleRuleFilter.builder().prefix(prefix).build();
    }

    private static void putLifecycle(String bucket, LifecycleRule... rules) {
        s3.putBucketLifecycleConfiguration(b -> b.bucket(bucket)
                .lifecycleConfiguration(BucketLifecycleConfiguration.builder().rules(rules).build()));
    }

    @Test
    void configurationRoundTripsAndDeletes() {
        LifecycleRule logs = rule("logs", prefix("logs/"))
                .expiration(LifecycleExpiration.builder().days(30).build())
                .noncurrentVersionExpiration(NoncurrentVersionExpiration.builder().noncurrentDays(7).newerNoncurrentVersions(2).build())
                .abortIncompleteMultipartUpload(AbortIncompleteMultipartUpload.builder().daysAfterInitiation(3).build())
                .build();
        LifecycleRule unnamed = LifecycleRule.builder()
                .filter(LifecycleRuleFilter.builder().and(LifecycleRuleAndOperator.builder().prefix("tmp/")
                        .tags(Tag.builder().key("class").value("scratch").build()).objectSizeGreaterThan(10L).build()).build())
                .status(ExpirationStatus.DISABLED)
                .expiration(LifecycleExpiration.builder().date(Instant.parse("2030-01-01T00:00:00Z")).build())
                .build();
        LifecycleRule markers = rule("markers", LifecycleRuleFilter.builder().build())
                .expiration(LifecycleExpiration.builder().expiredObjectDeleteMarker(true).build())
                .build();
        putLifecycle(CONFIG, logs, unnamed, markers);

        List<LifecycleRule> rules = s3.getBucketLifecycleConfiguration(b -> b.bucket(CONFIG)).rules();
        assertThat(rules).hasSize(3);
        assertThat(rules.get(0)).isEqualTo(logs);
        assertThat(rules.get(1).id()).as("generated as AWS does").isNotBlank().hasSizeLessThanOrEqualTo(255);
        assertThat(rules.get(1)).isEqualTo(unnamed.toBuilder().id(rules.get(1).id()).build());
        assertThat(rules.get(2)).isEqualTo(markers);

        DeleteBucketLifecycleResponse deleted = s3.deleteBucketLifecycle(b -> b.bucket(CONFIG));
        assertThat(deleted.sdkHttpResponse().statusCode()).isEqualTo(204);
        assertThatThrownBy(() -> s3.getBucketLifecycleConfiguration(b -> b.bucket(CONFIG)))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchLifecycleConfiguration");
                });
        assertThatThrownBy(() -> s3.getBucketLifecycleConfiguration(b -> b.bucket("lc-no-such-bucket")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchBucket"));
    }

    static Stream<Arguments> refusedConfigurations() {
        LifecycleExpiration oneDay = LifecycleExpiration.builder().days(1).build();
        LifecycleRuleFilter tagged = LifecycleRuleFilter.builder().tag(Tag.builder().key("k").value("v").build()).build();
        List<LifecycleRule> tooMany = new ArrayList<>();
        for (int i = 0; i <= 1000; i++) {
            tooMany.add(rule("r" + i, prefix("p" + i + "/")).expiration(oneDay).build());
        }
        return Stream.of(
                Arguments.of("zero days", List.of(rule("r", prefix("")).expiration(LifecycleExpiration.builder().days(0).build()).build()),
                        400, "InvalidArgument"),
                Arguments.of("date not at midnight", List.of(rule("r", prefix("")).expiration(LifecycleExpiration.builder()
                        .date(Instant.parse("2030-01-01T10:00:00Z")).build()).build()), 400, "InvalidArgument"),
                Arguments.of("no action", List.of(rule("r", prefix("")).build()), 400, "InvalidArgument"),
                Arguments.of("days and date", List.of(rule("r", prefix("")).expiration(LifecycleExpiration.builder().days(1)
                        .date(Instant.parse("2030-01-01T00:00:00Z")).build()).build()), 400, "InvalidArgument"),
                Arguments.of("duplicate ids", List.of(rule("same", prefix("a/")).expiration(oneDay).build(),
                        rule("same", prefix("b/")).expiration(oneDay).build()), 400, "InvalidArgument"),
                Arguments.of("id over 255 characters", List.of(rule("x".repeat(256), prefix("")).expiration(oneDay).build()),
                        400, "InvalidArgument"),
                Arguments.of("1001 rules", tooMany, 400, "InvalidArgument"),
                Arguments.of("delete marker removal with days", List.of(rule("r", prefix("")).expiration(LifecycleExpiration.builder()
                        .days(1).expiredObjectDeleteMarker(true).build()).build()), 400, "InvalidArgument"),
                Arguments.of("tag filter with upload abort", List.of(rule("r", tagged).abortIncompleteMultipartUpload(
                        AbortIncompleteMultipartUpload.builder().daysAfterInitiation(1).build()).build()), 400, "InvalidArgument"),
                Arguments.of("tag filter with delete marker removal", List.of(rule("r", tagged).expiration(
                        LifecycleExpiration.builder().expiredObjectDeleteMarker(true).build()).build()), 400, "InvalidArgument"),
                Arguments.of("noncurrent days zero", List.of(rule("r", prefix("")).noncurrentVersionExpiration(
                        NoncurrentVersionExpiration.builder().noncurrentDays(0).build()).build()), 400, "InvalidArgument"),
                Arguments.of("transition", List.of(rule("r", prefix("")).transitions(Transition.builder().days(30)
                        .storageClass(TransitionStorageClass.GLACIER).build()).build()), 400, "InvalidStorageClass"),
                Arguments.of("filter with two predicates", List.of(rule("r", LifecycleRuleFilter.builder().prefix("a/")
                        .objectSizeLessThan(5L).build()).expiration(oneDay).build()), 400, "MalformedXML"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedConfigurations")
    void invalidConfigurationsGetAwsErrors(String name, List<LifecycleRule> rules, int status, String code) {
        assertThatThrownBy(() -> putLifecycle(CONFIG, rules.toArray(LifecycleRule[]::new)))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(status);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
                });
    }

    @Test
    void documentsThatAreNotLifecycleConfigurationsAreMalformedXml() throws Exception {
        URI endpoint = LifecycleServers.endpoint(server);
        // the SDK sends none of these: it requires a Status, and writes only known elements
        for (String body : List.of("not xml", "<LifecycleConfiguration/>",
                "<LifecycleConfiguration><Rule><Filter/><Status>Enabled</Status><Expiry/></Rule></LifecycleConfiguration>",
                "<LifecycleConfiguration><Rule><Filter/><Expiration><Days>1</Days></Expiration></Rule></LifecycleConfiguration>",
                "<LifecycleConfiguration><Rule><Prefix>a</Prefix><Filter/><Status>Enabled</Status>"
                        + "<Expiration><Days>1</Days></Expiration></Rule></LifecycleConfiguration>")) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            String path = "/" + CONFIG + "?lifecycle";
            RawHttp.Response response = RawHttp.send(endpoint, "PUT", path, RawHttp.signRoot(endpoint, "PUT", path, bytes, Map.of()), bytes);
            assertThat(response.status()).as(body).isEqualTo(400);
            assertThat(response.text()).as(body).contains("<Code>MalformedXML</Code>");
        }
    }

    @Test
    void expiredObjectsOfAnUnversionedBucketAreDeleted() throws Exception {
        for (String key : List.of("exp/a", "exp/b", "keep/c")) {
            s3.putObject(b -> b.bucket(PLAIN).key(key), RequestBody.fromString(key));
        }
        putLifecycle(PLAIN, rule("exp", prefix("exp/")).expiration(LifecycleExpiration.builder().days(1).build()).build());

        await("keys of " + PLAIN, () -> s3.listObjectsV2(b -> b.bucket(PLAIN)).contents().stream().map(S3Object::key).toList(),
                List.of("keep/c"));
    }

    @Test
    void expirationHeaderTellsWhenAndByWhichRuleOnPutHeadAndGet() {
        long days = 100_000; // about 28 hours of one-second days: the worker leaves the object alone meanwhile
        putLifecycle(HEADER, rule("long rule", prefix("h/")).expiration(LifecycleExpiration.builder().days((int) days).build()).build(),
                rule("later", prefix("h/")).expiration(LifecycleExpiration.builder().date(Instant.parse("2100-01-01T00:00:00Z")).build()).build());

        String put = s3.putObject(b -> b.bucket(HEADER).key("h/obj"), RequestBody.fromString("x")).expiration();
        HeadObjectResponse head = s3.headObject(b -> b.bucket(HEADER).key("h/obj"));
        // last-modified is whole seconds, as is the day: the first "midnight" after it plus the days
        Instant expiry = head.lastModified().plusSeconds(days + 1);
        String expected = "expiry-date=\"" + HTTP_DATE.format(expiry) + "\", rule-id=\"long%20rule\"";
        assertThat(put).isEqualTo(expected);
        assertThat(head.expiration()).isEqualTo(expected);
        assertThat(s3.getObject(b -> b.bucket(HEADER).key("h/obj")).response().expiration()).isEqualTo(expected);

        String copied = s3.copyObject(b -> b.sourceBucket(HEADER).sourceKey("h/obj").destinationBucket(HEADER)
                .destinationKey("h/copy")).expiration();
        assertThat(copied).startsWith("expiry-date=\"").endsWith("rule-id=\"long%20rule\"");
        String uploadId = s3.createMultipartUpload(b -> b.bucket(HEADER).key("h/mp")).uploadId();
        String etag = s3.uploadPart(b -> b.bucket(HEADER).key("h/mp").uploadId(uploadId).partNumber(1),
                RequestBody.fromString("part")).eTag();
        String completed = s3.completeMultipartUpload(b -> b.bucket(HEADER).key("h/mp").uploadId(uploadId)
                .multipartUpload(m -> m.parts(p -> p.partNumber(1).eTag(etag)))).expiration();
        assertThat(completed).startsWith("expiry-date=\"").endsWith("rule-id=\"long%20rule\"");

        assertThat(s3.putObject(b -> b.bucket(HEADER).key("other"), RequestBody.fromString("y")).expiration()).isNull();
        assertThat(s3.headObject(b -> b.bucket(HEADER).key("other")).expiration()).isNull();

        s3.deleteBucketLifecycle(b -> b.bucket(HEADER));
        assertThat(s3.headObject(b -> b.bucket(HEADER).key("h/obj")).expiration()).isNull();
    }

    @Test
    void versionedBucketGetsDeleteMarkersLosesOldVersionsAndExpiredMarkersAndAbortsUploads() throws Exception {
        String expiring = s3.createMultipartUpload(b -> b.bucket(VERSIONED).key("mp/x")).uploadId();
        String kept = s3.createMultipartUpload(b -> b.bucket(VERSIONED).key("keep/y")).uploadId();
        putLifecycle(VERSIONED,
                rule("current", prefix("cur/")).expiration(LifecycleExpiration.builder().days(1).build()).build(),
                rule("noncurrent", prefix("nc/")).noncurrentVersionExpiration(
                        NoncurrentVersionExpiration.builder().noncurrentDays(1).newerNoncurrentVersions(1).build()).build(),
                rule("markers", prefix("dm/"))
                        .expiration(LifecycleExpiration.builder().expiredObjectDeleteMarker(true).build())
                        .noncurrentVersionExpiration(NoncurrentVersionExpiration.builder().noncurrentDays(1).build()).build(),
                rule("uploads", prefix("mp/")).abortIncompleteMultipartUpload(
                        AbortIncompleteMultipartUpload.builder().daysAfterInitiation(1).build()).build());

        List<String> expected = List.of(
                "cur/a delete-marker latest",
                "cur/a " + currentKeyVersion,
                "nc/a " + NONCURRENT_KEY_VERSIONS.get(3) + " latest",
                "nc/a " + NONCURRENT_KEY_VERSIONS.get(2));
        await("versions of " + VERSIONED, LifecycleIT::versions, expected);
        await("uploads of " + VERSIONED, () -> s3.listMultipartUploads(b -> b.bucket(VERSIONED)).uploads().stream()
                .map(MultipartUpload::uploadId).toList(), List.of(kept));
        assertThat(kept).isNotEqualTo(expiring);

        // each expired once: nc/a's two oldest and dm/a's version, dm/a's and dm/b's markers, one upload
        await("non-current versions expired", () -> LifecycleServers.counter(server,
                "stowage_lifecycle_expired_total{kind=\"noncurrent\"}"), 3.0);
        await("delete markers removed", () -> LifecycleServers.counter(server,
                "stowage_lifecycle_expired_total{kind=\"delete_marker\"}"), 2.0);
        await("uploads aborted", () -> LifecycleServers.counter(server, "stowage_lifecycle_uploads_aborted_total"), 1.0);
        assertThat(LifecycleServers.counter(server, "stowage_lifecycle_expired_total{kind=\"current\"}")).isGreaterThanOrEqualTo(1.0);
        assertThat(LifecycleServers.counter(server, "stowage_lifecycle_cycles_total")).isGreaterThanOrEqualTo(1.0);
        assertThat(versions()).as("stable once done").isEqualTo(expected);
    }

    /** The versioned bucket's versions in listing order: key, version id (or delete-marker) and whether latest. */
    private static List<String> versions() {
        var listing = s3.listObjectVersions(b -> b.bucket(VERSIONED));
        List<String> entries = new ArrayList<>();
        // ListObjectVersions answers versions and markers apart; merged back by key, latest first
        listing.versions().forEach(v -> entries.add(v.key() + " " + v.versionId() + (v.isLatest() ? " latest" : "")));
        listing.deleteMarkers().forEach(m -> entries.add(m.key() + " delete-marker" + (m.isLatest() ? " latest" : "")));
        entries.sort((a, b) -> {
            String keyA = a.substring(0, a.indexOf(' '));
            String keyB = b.substring(0, b.indexOf(' '));
            if (!keyA.equals(keyB)) {
                return keyA.compareTo(keyB);
            }
            return Boolean.compare(b.endsWith(" latest"), a.endsWith(" latest"));
        });
        return entries;
    }
}
