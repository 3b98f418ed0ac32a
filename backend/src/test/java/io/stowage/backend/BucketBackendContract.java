package io.stowage.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.stowage.backend.BackendException.Reason;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * What every {@link BucketBackend} must do, checked against a real server of its kind through the backend and
 * through S3 with the AWS SDK and the keys the backend makes. One subclass per backend says how to reach its server;
 * a test of a capability the backend declares it lacks is skipped, and the lack itself is checked to be refused as
 * {@link Reason#UNSUPPORTED}.
 */
public abstract class BucketBackendContract {

    protected BucketBackend backend;
    protected String bucket;

    /** The backend Secret's data for the server under test. */
    protected abstract Map<String, String> secretData();

    /** {@link #secretData()} with credentials the server refuses. */
    protected abstract Map<String, String> secretDataWithWrongCredentials();

    /** The S3 key of the account that owns buckets created without an owner. */
    protected abstract AccessKey administratorKey();

    @BeforeEach
    void openBackend() {
        backend = BucketBackends.open(BackendSettings.fromSecretData(secretData()));
        bucket = "b-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void closeBackend() {
        backend.close();
    }

    /** An S3 client of the server under test signing with this key (path style, checksums only where S3 requires them). */
    protected S3Client s3As(AccessKey key) {
        S3Endpoint endpoint = backend.endpoint();
        return S3Client.builder()
                .endpointOverride(endpoint.url())
                .region(Region.of(endpoint.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key.id(), key.secret())))
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(Apache5HttpClient.builder().socketTimeout(Duration.ofSeconds(60)))
                .build();
    }

    private BackendCapabilities can() {
        return backend.capabilities();
    }

    @Test
    void createBucketIsIdempotentAndKeepsTheQuotaOfTheFirstCall() {
        assumeTrue(can().bucketQuota(), "the backend has no bucket quotas");
        // whole MiB: some backends keep sizes in KiB
        BucketQuota quota = new BucketQuota(1_048_576, can().objectQuota() ? 10 : 0);
        BucketState first = backend.createBucket(bucket, quota);
        BucketState again = backend.createBucket(bucket, BucketQuota.NONE);

        assertThat(first.created()).isTrue();
        assertThat(again.created()).isFalse();
        assertThat(again.quota()).isEqualTo(quota);
        BucketQuota changed = can().objectQuota() ? new BucketQuota(0, 5) : new BucketQuota(2_097_152, 0);
        backend.setQuota(bucket, changed);
        assertThat(backend.findBucket(bucket).orElseThrow().quota()).isEqualTo(changed);
        backend.setQuota(bucket, BucketQuota.NONE);
        assertThat(backend.findBucket(bucket).orElseThrow().quota()).isEqualTo(BucketQuota.NONE);
    }

    @Test
    void anAccountQuotaIsSetReadBackReplacedAndRemoved() {
        assumeTrue(can().accountQuota(), "the backend has no account quotas");
        String account = "acct-" + bucket;
        backend.createKey(account, backend.newKey(), Optional.empty());

        assertThat(backend.accountQuota(account)).isEmpty();
        backend.setAccountQuota(account, new BucketQuota(4_194_304, 100));
        assertThat(backend.accountQuota(account)).hasValue(new BucketQuota(4_194_304, 100));
        backend.setAccountQuota(account, new BucketQuota(0, 7));
        assertThat(backend.accountQuota(account)).hasValue(new BucketQuota(0, 7));
        backend.setAccountQuota(account, BucketQuota.NONE);
        assertThat(backend.accountQuota(account)).isEmpty();
        assertThat(reason(() -> backend.accountQuota("nobody-" + bucket))).isEqualTo(Reason.NOT_FOUND);
    }

    @Test
    void aBucketQuotaInBytesRefusesTheWriteThatWouldPassIt() {
        assumeTrue(can().bucketQuota(), "the backend has no bucket quotas");
        backend.createBucket(bucket, new BucketQuota(1_048_576, 0));
        byte[] part = new byte[700 * 1024];
        try (S3Client admin = s3As(administratorKey())) {
            admin.putObject(b -> b.bucket(bucket).key("one"), RequestBody.fromBytes(part));
            assertThat(status(() -> admin.putObject(b -> b.bucket(bucket).key("two"), RequestBody.fromBytes(part))))
                    .isBetween(400, 499);
        }
    }

    @Test
    void aBucketQuotaOnObjectsRefusesTheWriteThatWouldPassIt() {
        assumeTrue(can().objectQuota(), "the backend has no quotas on the number of objects");
        backend.createBucket(bucket, new BucketQuota(0, 1));
        try (S3Client admin = s3As(administratorKey())) {
            admin.putObject(b -> b.bucket(bucket).key("one"), RequestBody.fromString("1"));
            assertThat(status(() -> admin.putObject(b -> b.bucket(bucket).key("two"), RequestBody.fromString("2"))))
                    .isBetween(400, 499);
        }
    }

    @Test
    void findBucketOfAnAbsentBucketIsEmpty() {
        assertThat(backend.findBucket(bucket + "-absent")).isEmpty();
        BucketState created = backend.createBucket(bucket, BucketQuota.NONE);
        assertThat(created.created()).isTrue();
        assertThat(backend.findBucket(bucket).orElseThrow().name()).isEqualTo(bucket);
    }

    @Test
    void bucketTagsAreReplacedAsAWhole() {
        assumeTrue(can().bucketTags(), "the backend has no bucket tags");
        backend.createBucket(bucket, BucketQuota.NONE);
        assertThat(backend.bucketTags(bucket)).isEmpty();

        backend.setBucketTags(bucket, Map.of("a", "1", "b", "2"));
        assertThat(backend.bucketTags(bucket)).containsExactlyInAnyOrderEntriesOf(Map.of("a", "1", "b", "2"));
        backend.setBucketTags(bucket, Map.of("b", "3"));
        assertThat(backend.bucketTags(bucket)).containsExactlyEntriesOf(Map.of("b", "3"));
        backend.setBucketTags(bucket, Map.of());
        assertThat(backend.bucketTags(bucket)).isEmpty();

        assertThat(reason(() -> backend.bucketTags(bucket + "-absent"))).isEqualTo(Reason.NOT_FOUND);
    }

    @Test
    void readOnlyAndReadWriteKeysForTheSameBucketReachOnlyIt() {
        assumeTrue(can().readOnlyGrants(), "the backend has no read-only grants");
        backend.createBucket(bucket, BucketQuota.NONE);
        String other = bucket + "-other";
        backend.createBucket(other, BucketQuota.NONE);
        AccessKey writer = backend.newKey();
        AccessKey reader = backend.newKey();
        backend.createKey("acct-" + bucket, writer, Optional.of(new BucketGrant(bucket, AccessMode.READ_WRITE)));
        backend.createKey("acct-" + bucket, reader, Optional.of(new BucketGrant(bucket, AccessMode.READ_ONLY)));

        try (S3Client asWriter = s3As(writer); S3Client asReader = s3As(reader); S3Client admin = s3As(administratorKey())) {
            admin.putObject(b -> b.bucket(other).key("k"), RequestBody.fromString("other"));
            asWriter.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("v"));
            assertThat(asReader.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String()).isEqualTo("v");
            assertThat(asReader.listObjectsV2(b -> b.bucket(bucket)).contents()).hasSize(1);
            assertThat(status(() -> asReader.putObject(b -> b.bucket(bucket).key("k2"), RequestBody.fromString("v")))).isEqualTo(403);
            assertThat(status(() -> asReader.deleteObject(b -> b.bucket(bucket).key("k")))).isEqualTo(403);
            assertThat(status(() -> asWriter.putObject(b -> b.bucket(other).key("k"), RequestBody.fromString("v")))).isEqualTo(403);
            assertThat(status(() -> asWriter.getObjectAsBytes(b -> b.bucket(other).key("k")))).isEqualTo(403);
            assertThat(status(() -> asReader.getObjectAsBytes(b -> b.bucket(other).key("k")))).isEqualTo(403);
            assertThat(status(() -> asWriter.createBucket(b -> b.bucket(bucket + "-new")))).isEqualTo(403);
        }
        assertThat(backend.keys("acct-" + bucket)).containsExactlyInAnyOrder(writer.id(), reader.id());
    }

    @Test
    void aWriteOnlyKeyPutsButNeitherReadsNorLists() {
        assumeTrue(can().writeOnlyGrants(), "the backend has no write-only grants");
        backend.createBucket(bucket, BucketQuota.NONE);
        AccessKey key = backend.newKey();
        backend.createKey("acct-" + bucket, key, Optional.of(new BucketGrant(bucket, AccessMode.WRITE_ONLY)));

        try (S3Client s3 = s3As(key)) {
            s3.putObject(b -> b.bucket(bucket).key("drop/k"), RequestBody.fromString("v"));
            String upload = s3.createMultipartUpload(b -> b.bucket(bucket).key("drop/big")).uploadId();
            String etag = s3.uploadPart(b -> b.bucket(bucket).key("drop/big").uploadId(upload).partNumber(1),
                    RequestBody.fromString("part")).eTag();
            s3.completeMultipartUpload(b -> b.bucket(bucket).key("drop/big").uploadId(upload)
                    .multipartUpload(m -> m.parts(p -> p.partNumber(1).eTag(etag))));
            assertThat(status(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("drop/k")))).isEqualTo(403);
            assertThat(status(() -> s3.listObjectsV2(b -> b.bucket(bucket)))).isEqualTo(403);
        }
        try (S3Client admin = s3As(administratorKey())) {
            assertThat(admin.getObjectAsBytes(b -> b.bucket(bucket).key("drop/big")).asUtf8String()).isEqualTo("part");
        }
    }

    @Test
    void aPrefixKeyReachesOnlyItsPrefix() {
        assumeTrue(can().prefixGrants(), "the backend has no grants on a key prefix");
        backend.createBucket(bucket, BucketQuota.NONE);
        AccessKey key = backend.newKey();
        backend.createKey("acct-" + bucket, key, Optional.of(new BucketGrant(bucket, "team/", AccessMode.READ_WRITE)));

        try (S3Client s3 = s3As(key); S3Client admin = s3As(administratorKey())) {
            admin.putObject(b -> b.bucket(bucket).key("other/k"), RequestBody.fromString("theirs"));
            s3.putObject(b -> b.bucket(bucket).key("team/k"), RequestBody.fromString("ours"));
            assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("team/k")).asUtf8String()).isEqualTo("ours");
            assertThat(s3.listObjectsV2(b -> b.bucket(bucket).prefix("team/")).contents()).hasSize(1);
            assertThat(status(() -> s3.putObject(b -> b.bucket(bucket).key("other/k2"), RequestBody.fromString("v"))))
                    .isEqualTo(403);
            assertThat(status(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("other/k")))).isEqualTo(403);
            assertThat(status(() -> s3.listObjectsV2(b -> b.bucket(bucket)))).isEqualTo(403);
            assertThat(status(() -> s3.listObjectsV2(b -> b.bucket(bucket).prefix("other/")))).isEqualTo(403);
        }
    }

    @Test
    void grantsReadBackAsGranted() {
        backend.createBucket(bucket, BucketQuota.NONE);
        AccessKey key = backend.newKey();
        backend.createKey("acct-" + bucket, key, Optional.of(new BucketGrant(bucket, AccessMode.READ_WRITE)));
        List<BucketGrant> first;
        try {
            first = backend.keyGrants(key.id());
        } catch (BackendException e) {
            assumeTrue(e.reason() != Reason.UNSUPPORTED, "the backend cannot read a key's grants");
            throw e;
        }
        assertThat(first).containsExactly(new BucketGrant(bucket, AccessMode.READ_WRITE));
        assertThat(reason(() -> backend.keyGrants(backend.newKey().id()))).isEqualTo(Reason.NOT_FOUND);

        AccessMode mode = can().writeOnlyGrants() ? AccessMode.WRITE_ONLY : AccessMode.READ_ONLY;
        BucketGrant changed = new BucketGrant(bucket, can().prefixGrants() ? "team/" : "", mode);
        backend.grant(key.id(), changed);
        assertThat(backend.keyGrants(key.id())).containsExactly(changed);
        if (can().multiBucketGrants()) {
            String other = bucket + "-other";
            backend.createBucket(other, BucketQuota.NONE);
            backend.grant(key.id(), new BucketGrant(other, AccessMode.READ_ONLY));
            assertThat(backend.keyGrants(key.id())).containsExactlyInAnyOrder(changed, new BucketGrant(other, AccessMode.READ_ONLY));
            backend.revoke(key.id(), bucket);
            assertThat(backend.keyGrants(key.id())).containsExactly(new BucketGrant(other, AccessMode.READ_ONLY));
        }
    }

    @Test
    void createKeyIsIdempotentAndRefusesATakenIdOrAnotherSecret() {
        backend.createBucket(bucket, BucketQuota.NONE);
        AccessKey key = backend.newKey();
        Optional<BucketGrant> grant = Optional.of(new BucketGrant(bucket, AccessMode.READ_WRITE));
        backend.createKey("acct-" + bucket, key, grant);
        backend.createKey("acct-" + bucket, key, grant);

        assertThat(backend.keys("acct-" + bucket)).containsExactly(key.id());
        assertThat(reason(() -> backend.createKey("someone-else", key, grant))).isEqualTo(Reason.CONFLICT);
        assertThat(reason(() -> backend.createKey("acct-" + bucket, new AccessKey(key.id(), backend.newKey().secret()), grant)))
                .isEqualTo(Reason.CONFLICT);
    }

    @Test
    void aGivenKeyWithoutAGrantActsForItsAccount() {
        assumeTrue(can().ownerChange(), "the backend cannot give a bucket an owner");
        AccessKey given = backend.newKey();
        backend.createKey("acct-" + bucket, given, Optional.empty());
        backend.createKey("acct-" + bucket, given, Optional.empty());
        backend.createBucket(bucket, BucketQuota.NONE, Optional.of("acct-" + bucket));

        try (S3Client s3 = s3As(given)) {
            s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("v"));
            assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String()).isEqualTo("v");
        }
        assertThat(backend.keys("acct-" + bucket)).containsExactly(given.id());
    }

    @Test
    void grantChangesTheModeAndRevokeDeletesAKeyLeftWithoutAccess() {
        assumeTrue(can().readOnlyGrants(), "the backend has no read-only grants");
        backend.createBucket(bucket, BucketQuota.NONE);
        AccessKey key = backend.newKey();
        backend.createKey("acct-" + bucket, key, Optional.of(new BucketGrant(bucket, AccessMode.READ_ONLY)));
        try (S3Client s3 = s3As(key)) {
            assertThat(status(() -> s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("v")))).isEqualTo(403);
            backend.grant(key.id(), new BucketGrant(bucket, AccessMode.READ_WRITE));
            backend.grant(key.id(), new BucketGrant(bucket, AccessMode.READ_WRITE));
            s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("v"));

            backend.revoke(key.id(), bucket);
            backend.revoke(key.id(), bucket);
            assertThat(backend.keys("acct-" + bucket)).isEmpty();
            assertThat(status(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")))).isEqualTo(403);
        }
    }

    @Test
    void aBucketCreatedWithAnOwnerIsItsFromTheStart() {
        assumeTrue(can().ownerChange(), "the backend cannot give a bucket an owner");
        AccessKey key = backend.newKey();
        backend.createKey("owner-" + bucket, key, Optional.empty());

        BucketState created = backend.createBucket(bucket, BucketQuota.NONE, Optional.of("owner-" + bucket));

        assertThat(created.owner()).isEqualTo("owner-" + bucket);
        assertThat(backend.keys("owner-" + bucket)).as("no key but the account's own is left").containsExactly(key.id());
        try (S3Client s3 = s3As(key)) {
            s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("v"));
        }
        assertThat(reason(() -> backend.createBucket(bucket + "-x", BucketQuota.NONE, Optional.of("nobody-" + bucket))))
                .isEqualTo(Reason.NOT_FOUND);
    }

    @Test
    void setOwnerGivesAnUnscopedKeyTheBucket() {
        assumeTrue(can().ownerChange(), "the backend cannot change a bucket's owner");
        backend.createBucket(bucket, BucketQuota.NONE);
        AccessKey key = backend.newKey();
        backend.createKey("owner-" + bucket, key, Optional.empty());
        backend.setOwner(bucket, "owner-" + bucket);
        backend.setOwner(bucket, "owner-" + bucket);

        assertThat(backend.findBucket(bucket).orElseThrow().owner()).isEqualTo("owner-" + bucket);
        try (S3Client s3 = s3As(key)) {
            s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("v"));
        }
        assertThat(reason(() -> backend.setOwner(bucket, "nobody-" + bucket))).isEqualTo(Reason.NOT_FOUND);
    }

    @Test
    void deleteBucketRefusesANonEmptyBucketUnlessPurgingAndToleratesAnAbsentOne() {
        backend.createBucket(bucket, BucketQuota.NONE);
        try (S3Client admin = s3As(administratorKey())) {
            admin.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("v"));
        }

        assertThat(reason(() -> backend.deleteBucket(bucket, false))).isEqualTo(Reason.BUCKET_NOT_EMPTY);
        backend.deleteBucket(bucket, true);
        assertThat(backend.findBucket(bucket)).isEmpty();
        assertThatCode(() -> backend.deleteBucket(bucket, false)).doesNotThrowAnyException();
    }

    @Test
    void aKeyGrantedOnADeletedBucketDoesNotReachANewBucketOfTheSameName() {
        backend.createBucket(bucket, BucketQuota.NONE);
        AccessKey key = backend.newKey();
        backend.createKey("acct-" + bucket, key, Optional.of(new BucketGrant(bucket, AccessMode.READ_WRITE)));
        try (S3Client s3 = s3As(key); S3Client admin = s3As(administratorKey())) {
            s3.putObject(b -> b.bucket(bucket).key("old"), RequestBody.fromString("v"));

            backend.deleteBucket(bucket, true);
            assertThat(backend.createBucket(bucket, BucketQuota.NONE).created()).isTrue();
            admin.putObject(b -> b.bucket(bucket).key("new"), RequestBody.fromString("not theirs"));

            assertThat(status(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("new")))).isEqualTo(403);
            assertThat(status(() -> s3.listObjectsV2(b -> b.bucket(bucket)))).isEqualTo(403);
            assertThat(status(() -> s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("v")))).isEqualTo(403);
        }
    }

    @Test
    void aPrefixQuotaIsSetIdempotentlyEnforcedOnItsPrefixAndDeletedEvenWhenAbsent() {
        assumeTrue(can().prefixQuota(), "the backend has no prefix quotas");
        backend.createBucket(bucket, BucketQuota.NONE);
        assertThat(backend.prefixQuota(bucket, "vol/")).isEmpty();

        try (S3Client root = s3As(administratorKey())) {
            backend.setPrefixQuota(bucket, "vol/", new BucketQuota(10, 0));
            root.putObject(b -> b.bucket(bucket).key("vol/a"), RequestBody.fromString("12345678"));
            backend.setPrefixQuota(bucket, "vol/", new BucketQuota(10, 0));
            assertThat(backend.prefixQuota(bucket, "vol/")).contains(new BucketQuota(10, 0));
            assertThat(status(() -> root.putObject(b -> b.bucket(bucket).key("vol/b"), RequestBody.fromString("123"))))
                    .isBetween(400, 499);
            root.putObject(b -> b.bucket(bucket).key("other/b"), RequestBody.fromString("no limit here"));

            assertThat(reason(() -> backend.setPrefixQuota(bucket, "other/", new BucketQuota(10, 0))))
                    .isEqualTo(Reason.CONFLICT);
            assertThat(reason(() -> backend.setPrefixQuota(bucket, "no-slash", new BucketQuota(10, 0))))
                    .isEqualTo(Reason.INVALID);
            assertThat(reason(() -> backend.prefixQuota("nobucket-" + bucket, "vol/"))).isEqualTo(Reason.NOT_FOUND);

            backend.deletePrefixQuota(bucket, "vol/");
            backend.deletePrefixQuota(bucket, "vol/");
            backend.deletePrefixQuota("nobucket-" + bucket, "vol/");
            assertThat(backend.prefixQuota(bucket, "vol/")).isEmpty();
            root.putObject(b -> b.bucket(bucket).key("vol/b"), RequestBody.fromString("123"));
        }
    }

    @Test
    void whatTheBackendLacksIsRefusedAsUnsupported() {
        backend.createBucket(bucket, BucketQuota.NONE);
        BucketQuota quota = new BucketQuota(1_048_576, 0);
        if (!can().prefixQuota()) {
            assertThat(reason(() -> backend.setPrefixQuota(bucket, "vol/", quota))).isEqualTo(Reason.UNSUPPORTED);
            assertThat(reason(() -> backend.prefixQuota(bucket, "vol/"))).isEqualTo(Reason.UNSUPPORTED);
        }
        if (!can().bucketQuota()) {
            assertThat(reason(() -> backend.setQuota(bucket, quota))).isEqualTo(Reason.UNSUPPORTED);
        }
        if (!can().accountQuota()) {
            assertThat(reason(() -> backend.setAccountQuota("acct-" + bucket, quota))).isEqualTo(Reason.UNSUPPORTED);
        }
        if (!can().objectQuota()) {
            assertThat(reason(() -> backend.setQuota(bucket, new BucketQuota(0, 5)))).isEqualTo(Reason.UNSUPPORTED);
        }
        if (!can().bucketTags()) {
            assertThat(reason(() -> backend.setBucketTags(bucket, Map.of("a", "1")))).isEqualTo(Reason.UNSUPPORTED);
        }
        if (!can().writeOnlyGrants() || !can().prefixGrants()) {
            AccessKey key = backend.newKey();
            backend.createKey("acct-" + bucket, key, Optional.of(new BucketGrant(bucket, AccessMode.READ_WRITE)));
            if (!can().writeOnlyGrants()) {
                BucketGrant writeOnly = new BucketGrant(bucket, AccessMode.WRITE_ONLY);
                assertThat(reason(() -> backend.grant(key.id(), writeOnly))).isEqualTo(Reason.UNSUPPORTED);
                assertThat(reason(() -> backend.createKey("acct-" + bucket, backend.newKey(), Optional.of(writeOnly))))
                        .isEqualTo(Reason.UNSUPPORTED);
            }
            if (!can().prefixGrants()) {
                BucketGrant onPrefix = new BucketGrant(bucket, "team/", AccessMode.READ_WRITE);
                assertThat(reason(() -> backend.grant(key.id(), onPrefix))).isEqualTo(Reason.UNSUPPORTED);
                assertThat(reason(() -> backend.createKey("acct-" + bucket, backend.newKey(), Optional.of(onPrefix))))
                        .isEqualTo(Reason.UNSUPPORTED);
            }
            // refused before anything changed: the key keeps its grant and the refused keys were never made
            assertThat(backend.keys("acct-" + bucket)).containsExactly(key.id());
            try (S3Client s3 = s3As(key)) {
                s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("v"));
                assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String()).isEqualTo("v");
            }
        }
        if (!can().multiBucketGrants()) {
            String other = bucket + "-other";
            backend.createBucket(other, BucketQuota.NONE);
            AccessKey key = backend.newKey();
            backend.createKey("acct-" + bucket, key, Optional.of(new BucketGrant(bucket, AccessMode.READ_WRITE)));
            assertThat(reason(() -> backend.grant(key.id(), new BucketGrant(other, AccessMode.READ_ONLY))))
                    .isEqualTo(Reason.UNSUPPORTED);
        }
    }

    @Test
    void deleteKeyAndDeleteAccountRemoveKeysAndTolerateAbsentOnes() {
        backend.createBucket(bucket, BucketQuota.NONE);
        AccessKey own = backend.newKey();
        AccessKey granted = backend.newKey();
        backend.createKey("gone-" + bucket, own, Optional.empty());
        backend.createKey("gone-" + bucket, granted, Optional.of(new BucketGrant(bucket, AccessMode.READ_WRITE)));
        backend.deleteKey(granted.id());
        backend.deleteKey(granted.id());
        assertThat(backend.keys("gone-" + bucket)).containsExactly(own.id());
        try (S3Client s3 = s3As(granted)) {
            assertThat(status(() -> s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("v")))).isEqualTo(403);
        }

        backend.deleteAccount("gone-" + bucket);
        backend.deleteAccount("gone-" + bucket);
        backend.deleteKey(own.id());
        assertThat(backend.keys("gone-" + bucket)).isEmpty();
        try (S3Client s3 = s3As(own)) {
            assertThat(status(() -> s3.listBuckets())).isEqualTo(403);
        }
    }

    @Test
    void failuresSayWhetherARetryCanHelp() {
        assertThat(reason(() -> backend.createBucket("Not_A_Bucket", BucketQuota.NONE))).isEqualTo(Reason.INVALID);
        try (BucketBackend wrong = BucketBackends.open(BackendSettings.fromSecretData(secretDataWithWrongCredentials()))) {
            BackendException e = catchThrowableOfType(BackendException.class, () -> wrong.findBucket(bucket));
            assertThat(e.reason()).isEqualTo(Reason.UNAUTHORIZED);
        }
        URI closed = URI.create("http://127.0.0.1:1");
        Map<String, String> unreachable = new HashMap<>(secretData());
        unreachable.put("s3Endpoint", closed.toString());
        unreachable.put("adminEndpoint", closed.toString());
        try (BucketBackend down = BucketBackends.open(BackendSettings.fromSecretData(unreachable))) {
            BackendException e = catchThrowableOfType(BackendException.class, () -> down.createBucket(bucket, BucketQuota.NONE));
            assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
            assertThat(e.retryable()).isTrue();
        }
    }

    protected static Reason reason(Runnable call) {
        return catchThrowableOfType(BackendException.class, call::run).reason();
    }

    protected static int status(Runnable call) {
        return catchThrowableOfType(S3Exception.class, call::run).statusCode();
    }
}
