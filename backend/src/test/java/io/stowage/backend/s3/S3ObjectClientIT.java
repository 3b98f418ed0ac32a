package io.stowage.backend.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.stowage.backend.AccessKey;
import io.stowage.backend.AddressingStyle;
import io.stowage.backend.BackendException;
import io.stowage.backend.BackendException.Reason;
import io.stowage.backend.S3Endpoint;
import io.stowage.server.it.StowageServerExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The S3 client against a real server, its results checked through the AWS SDK. */
class S3ObjectClientIT {

    @RegisterExtension
    static final StowageServerExtension SERVER = new StowageServerExtension();

    private static final AccessKey ROOT = new AccessKey(StowageServerExtension.ACCESS_KEY, StowageServerExtension.SECRET_KEY);

    private S3Client sdk;
    private S3ObjectClient client;
    private String bucket;

    @BeforeEach
    void open(S3Client sdk) {
        this.sdk = sdk;
        client = S3ObjectClient.open(endpoint(SERVER.endpoint()), ROOT);
        bucket = "s3c-" + UUID.randomUUID().toString().substring(0, 8);
        sdk.createBucket(b -> b.bucket(bucket));
    }

    @AfterEach
    void close() {
        client.close();
    }

    private static S3Endpoint endpoint(URI url) {
        return new S3Endpoint(url, StowageServerExtension.REGION, AddressingStyle.PATH, null);
    }

    private void put(String... keys) {
        for (String key : keys) {
            sdk.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString("data of " + key));
        }
    }

    private List<String> keysInBucket() {
        return sdk.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream().map(S3Object::key).toList();
    }

    @Test
    void bucketExistsAndDeleteBucketRefusingANonEmptyOneAndToleratingAnAbsentOne() {
        assertThat(client.bucketExists(bucket)).isTrue();
        assertThat(client.bucketExists(bucket + "-absent")).isFalse();
        put("k");

        assertThatThrownBy(() -> client.deleteBucket(bucket)).isInstanceOfSatisfying(BackendException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.BUCKET_NOT_EMPTY));
        assertThat(client.emptyBucket(bucket)).isEqualTo(1);
        client.deleteBucket(bucket);
        client.deleteBucket(bucket);
        assertThat(client.bucketExists(bucket)).isFalse();
        sdk.createBucket(b -> b.bucket(bucket)); // for the other checks' clean-up
    }

    @Test
    void listsPageByPageWithKeysThatNeedEncoding() {
        List<String> keys = List.of("vol/a b+c", "vol/d&e<f>", "vol/sub/ключ", "vol/z%41", "volume-other/x");
        put(keys.toArray(String[]::new));

        List<ListedObject> listed = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            ObjectListing page = client.listObjects(bucket, "vol/", token, 2);
            listed.addAll(page.objects());
            token = page.nextContinuationToken().orElse(null);
            pages++;
        } while (token != null);

        assertThat(pages).isEqualTo(2);
        assertThat(listed).extracting(ListedObject::key).containsExactly("vol/a b+c", "vol/d&e<f>", "vol/sub/ключ", "vol/z%41");
        assertThat(listed.getFirst().size()).isEqualTo("data of vol/a b+c".length());
    }

    @Test
    void listingsCarryEachObjectsEtag() {
        put("vol/a");
        String etag = sdk.headObject(b -> b.bucket(bucket).key("vol/a")).eTag().replace("\"", "");

        assertThat(client.listObjects(bucket, "vol/", null, 10).objects())
                .containsExactly(new ListedObject("vol/a", "data of vol/a".length(), etag));
    }

    @Test
    void getObjectStreamsTheWholeObjectOrARangeWithItsEtag() throws IOException {
        byte[] data = random(100_000);
        sdk.putObject(b -> b.bucket(bucket).key("dir/a b+c"), RequestBody.fromBytes(data));

        try (ObjectStream whole = client.getObject(bucket, "dir/a b+c", ReadOptions.whole())) {
            assertThat(whole.body().readAllBytes()).isEqualTo(data);
            assertThat(whole.head().contentLength()).isEqualTo(data.length);
            assertThat(whole.head().etag()).isEqualTo(HexFormat.of().formatHex(digest("MD5", data)));
            assertThat(whole.head().etagIsContentMd5()).isTrue();
        }
        try (ObjectStream tail = client.getObject(bucket, "dir/a b+c", ReadOptions.from(99_990))) {
            assertThat(tail.body().readAllBytes()).isEqualTo(Arrays.copyOfRange(data, 99_990, 100_000));
        }
        try (ObjectStream middle = client.getObject(bucket, "dir/a b+c", ReadOptions.range(10, 19))) {
            assertThat(middle.body().readAllBytes()).isEqualTo(Arrays.copyOfRange(data, 10, 20));
            assertThat(middle.head().contentLength()).isEqualTo(10);
        }
    }

    @Test
    void storedChecksumsAreAnsweredOnlyWhenAskedFor() throws IOException {
        byte[] data = random(5000);
        sdk.putObject(b -> b.bucket(bucket).key("sum").checksumAlgorithm(ChecksumAlgorithm.SHA256), RequestBody.fromBytes(data));
        String sha256 = Base64.getEncoder().encodeToString(digest("SHA-256", data));

        assertThat(client.headObject(bucket, "sum", ReadOptions.whole()).checksums()).isEmpty();
        assertThat(client.headObject(bucket, "sum", ReadOptions.whole().withChecksums()).checksums()).containsEntry("sha256", sha256);
        try (ObjectStream read = client.getObject(bucket, "sum", ReadOptions.whole().withChecksums())) {
            assertThat(read.head().checksums()).containsEntry("sha256", sha256);
            assertThat(read.body().readAllBytes()).isEqualTo(data);
        }
    }

    @Test
    void aPartOfAMultipartObjectIsReadWithThePartsCount() throws IOException {
        byte[] first = random(5 * 1024 * 1024);
        byte[] second = random(1000);
        String upload = sdk.createMultipartUpload(b -> b.bucket(bucket).key("mp")).uploadId();
        String etag1 = sdk.uploadPart(b -> b.bucket(bucket).key("mp").uploadId(upload).partNumber(1), RequestBody.fromBytes(first)).eTag();
        String etag2 = sdk.uploadPart(b -> b.bucket(bucket).key("mp").uploadId(upload).partNumber(2), RequestBody.fromBytes(second)).eTag();
        sdk.completeMultipartUpload(b -> b.bucket(bucket).key("mp").uploadId(upload).multipartUpload(m -> m.parts(
                CompletedPart.builder().partNumber(1).eTag(etag1).build(), CompletedPart.builder().partNumber(2).eTag(etag2).build())));

        ObjectHead head = client.headObject(bucket, "mp", ReadOptions.part(1));
        assertThat(head.partsCount()).contains(2);
        assertThat(head.contentLength()).isEqualTo(first.length);
        assertThat(head.etag()).endsWith("-2");
        assertThat(head.etagIsMd5Based()).isTrue();
        assertThat(head.etagIsContentMd5()).isFalse();
        try (ObjectStream part = client.getObject(bucket, "mp", ReadOptions.part(2))) {
            assertThat(part.body().readAllBytes()).isEqualTo(second);
            assertThat(part.head().partsCount()).contains(2);
        }
    }

    @Test
    void aKeyThatDoesNotExistIsNotFoundToGetAndHead() {
        BackendException get = catchThrowableOfType(BackendException.class, () -> client.getObject(bucket, "absent", ReadOptions.whole()));
        BackendException head = catchThrowableOfType(BackendException.class, () -> client.headObject(bucket, "absent", ReadOptions.whole()));

        assertThat(get.reason()).isEqualTo(Reason.NOT_FOUND);
        assertThat(get.getMessage()).contains("NoSuchKey").contains(bucket);
        assertThat(head.reason()).isEqualTo(Reason.NOT_FOUND);
    }

    private static byte[] random(int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return data;
    }

    private static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void deletePrefixDeletesExactlyThePrefixAcrossPages() {
        put("vol/1", "vol/2", "vol/3", "vol/dir/4", "vol/dir/5", "vol", "volume/6", "other/vol/7");

        long deleted = client.deletePrefix(bucket, "vol/", 2);

        assertThat(deleted).isEqualTo(5);
        assertThat(keysInBucket()).containsExactly("other/vol/7", "vol", "volume/6");
    }

    @Test
    void deleteObjectsSendsMoreThanAThousandKeysInBatches() {
        put("k/0000", "k/0999", "k/1000", "keep");
        List<String> keys = IntStream.range(0, 1001).mapToObj(i -> "k/%04d".formatted(i)).toList();

        client.deleteObjects(bucket, keys);

        assertThat(keysInBucket()).containsExactly("keep");
    }

    @Test
    void aBucketThatDoesNotExistIsNotFoundToListingAndEmptyToDeletePrefix() {
        BackendException e = catchThrowableOfType(BackendException.class,
                () -> client.listObjects(bucket + "-absent", "", null, 10));

        assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND);
        assertThat(e.getMessage()).contains("NoSuchBucket").contains(bucket + "-absent");
        assertThat(client.deletePrefix(bucket + "-absent", "vol/")).isZero();
    }

    @Test
    void aWrongSecretIsUnauthorizedAndNeverShown() {
        AccessKey wrong = new AccessKey(ROOT.id(), "not-the-secret-0123456789");
        try (S3ObjectClient refused = S3ObjectClient.open(endpoint(SERVER.endpoint()), wrong)) {
            BackendException e = catchThrowableOfType(BackendException.class, () -> refused.listObjects(bucket, "", null, 10));

            assertThat(e.reason()).isEqualTo(Reason.UNAUTHORIZED);
            assertThat(e.getMessage()).contains("SignatureDoesNotMatch").doesNotContain(wrong.secret());
        }
    }

    @Test
    void anEndpointNobodyListensOnIsUnavailable() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (S3ObjectClient dead = S3ObjectClient.open(endpoint(URI.create("http://127.0.0.1:" + port)), ROOT)) {
            BackendException e = catchThrowableOfType(BackendException.class, () -> dead.deletePrefix(bucket, "vol/"));

            assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
            assertThat(e.getMessage()).contains("cannot reach");
        }
    }

    @Test
    void versioningIsReadAndSetAsTheSdkSeesIt() {
        assertThat(client.bucketVersioning(bucket)).isEqualTo(BucketVersioning.UNVERSIONED);

        client.setBucketVersioning(bucket, BucketVersioning.ENABLED);
        assertThat(client.bucketVersioning(bucket)).isEqualTo(BucketVersioning.ENABLED);
        assertThat(sdk.getBucketVersioning(b -> b.bucket(bucket)).statusAsString()).isEqualTo("Enabled");

        client.setBucketVersioning(bucket, BucketVersioning.SUSPENDED);
        assertThat(client.bucketVersioning(bucket)).isEqualTo(BucketVersioning.SUSPENDED);
        assertThat(sdk.getBucketVersioning(b -> b.bucket(bucket)).statusAsString()).isEqualTo("Suspended");

        BackendException absent = catchThrowableOfType(BackendException.class, () -> client.bucketVersioning("absent-" + bucket));
        assertThat(absent.reason()).isEqualTo(Reason.NOT_FOUND);
    }

    @Test
    void objectLockIsCreatedWithTheBucketAndItsDefaultRetentionSetReadAndRemoved() {
        assertThat(client.objectLockConfiguration(bucket)).isEqualTo(ObjectLockConfiguration.DISABLED);
        assertThat(catchThrowableOfType(BackendException.class, () -> client.setObjectLockConfiguration(bucket,
                Optional.of(new DefaultRetention(DefaultRetention.Mode.GOVERNANCE, 1, 0)))).reason()).isEqualTo(Reason.CONFLICT);

        String locked = bucket + "-locked";
        client.createBucket(locked, true);
        client.createBucket(locked, true);
        assertThat(client.objectLockConfiguration(locked)).isEqualTo(ObjectLockConfiguration.enabled(Optional.empty()));
        assertThat(sdk.getBucketVersioning(b -> b.bucket(locked)).statusAsString()).isEqualTo("Enabled");

        DefaultRetention days = new DefaultRetention(DefaultRetention.Mode.GOVERNANCE, 30, 0);
        client.setObjectLockConfiguration(locked, Optional.of(days));
        assertThat(client.objectLockConfiguration(locked)).isEqualTo(ObjectLockConfiguration.enabled(Optional.of(days)));
        var rule = sdk.getObjectLockConfiguration(b -> b.bucket(locked)).objectLockConfiguration().rule().defaultRetention();
        assertThat(rule.modeAsString()).isEqualTo("GOVERNANCE");
        assertThat(rule.days()).isEqualTo(30);

        DefaultRetention years = new DefaultRetention(DefaultRetention.Mode.COMPLIANCE, 0, 2);
        client.setObjectLockConfiguration(locked, Optional.of(years));
        assertThat(client.objectLockConfiguration(locked)).isEqualTo(ObjectLockConfiguration.enabled(Optional.of(years)));
        client.setObjectLockConfiguration(locked, Optional.empty());
        assertThat(client.objectLockConfiguration(locked)).isEqualTo(ObjectLockConfiguration.enabled(Optional.empty()));
        client.deleteBucket(locked);
    }

    @Test
    void lifecycleRulesAreSetReadAndRemoved() {
        assertThat(client.bucketLifecycle(bucket)).isEmpty();
        List<LifecycleRule> rules = List.of(new LifecycleRule("expire-tmp", "tmp/", true, 30, 0, 7),
                new LifecycleRule("old-versions", "", true, 0, 90, 0));

        client.setBucketLifecycle(bucket, rules);
        assertThat(client.bucketLifecycle(bucket)).isEqualTo(rules);
        assertThat(sdk.getBucketLifecycleConfiguration(b -> b.bucket(bucket)).rules()).hasSize(2)
                .anySatisfy(r -> assertThat(r.expiration().days()).isEqualTo(30));

        client.setBucketLifecycle(bucket, List.of());
        assertThat(client.bucketLifecycle(bucket)).isEmpty();
    }

    @Test
    void corsRulesAreSetReadAndRemoved() {
        assertThat(client.bucketCors(bucket)).isEmpty();
        List<CorsRule> rules = List.of(new CorsRule(List.of("https://app.example.com"), List.of("GET", "PUT"), List.of("*"),
                List.of("ETag"), 3000));

        client.setBucketCors(bucket, rules);
        assertThat(client.bucketCors(bucket)).isEqualTo(rules);
        assertThat(sdk.getBucketCors(b -> b.bucket(bucket)).corsRules().getFirst().allowedOrigins())
                .containsExactly("https://app.example.com");

        client.setBucketCors(bucket, List.of());
        assertThat(client.bucketCors(bucket)).isEmpty();
    }
}
