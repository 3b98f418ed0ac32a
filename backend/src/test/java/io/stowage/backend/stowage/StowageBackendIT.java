package io.stowage.backend.stowage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.stowage.backend.AccessKey;
import io.stowage.backend.AccessMode;
import io.stowage.backend.AddressingStyle;
import io.stowage.backend.BackendException;
import io.stowage.backend.BackendException.Reason;
import io.stowage.backend.BackendSettings;
import io.stowage.backend.BucketBackend;
import io.stowage.backend.BucketBackends;
import io.stowage.backend.BucketGrant;
import io.stowage.backend.BucketQuota;
import io.stowage.backend.BucketState;
import io.stowage.server.it.StowageServerExtension;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The Stowage backend against a real server, checked through S3 with the keys it makes. */
class StowageBackendIT {

    @RegisterExtension
    static final StowageServerExtension SERVER = new StowageServerExtension();

    private BucketBackend backend;
    private String bucket;

    @BeforeEach
    void open() {
        backend = BucketBackends.open(settings(StowageServerExtension.ADMIN_TOKEN));
        bucket = "b-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void close() {
        backend.close();
    }

    private static BackendSettings settings(String token) {
        return BackendSettings.fromSecretData(Map.of("s3Endpoint", SERVER.endpoint().toString(),
                "adminEndpoint", SERVER.adminEndpoint().toString(), "adminToken", token));
    }

    @Test
    void endpointTakesTheRegionFromTheServer() {
        assertThat(backend.endpoint().url()).isEqualTo(SERVER.endpoint());
        assertThat(backend.endpoint().region()).isEqualTo(StowageServerExtension.REGION);
        assertThat(backend.endpoint().addressingStyle()).isEqualTo(AddressingStyle.PATH);
        assertThat(backend.endpoint().caBundle()).isNull();
    }

    @Test
    void createBucketIsIdempotentAndKeepsTheQuotaOfTheFirstCall() {
        BucketState first = backend.createBucket(bucket, new BucketQuota(1_000_000, 10));
        BucketState again = backend.createBucket(bucket, BucketQuota.NONE);

        assertThat(first.created()).isTrue();
        assertThat(again.created()).isFalse();
        assertThat(again.quota()).isEqualTo(new BucketQuota(1_000_000, 10));
        backend.setQuota(bucket, new BucketQuota(0, 5));
        assertThat(backend.findBucket(bucket).orElseThrow().quota()).isEqualTo(new BucketQuota(0, 5));
        backend.setQuota(bucket, BucketQuota.NONE);
        assertThat(backend.findBucket(bucket).orElseThrow().quota()).isEqualTo(BucketQuota.NONE);
        assertThat(backend.findBucket(bucket + "-absent")).isEmpty();
    }

    @Test
    void bucketTagsAreReplacedAsAWhole() {
        backend.createBucket(bucket, BucketQuota.NONE);
        assertThat(backend.bucketTags(bucket)).isEmpty();

        backend.setBucketTags(bucket, Map.of("a", "1", "b", "2"));
        assertThat(backend.bucketTags(bucket)).containsExactlyInAnyOrderEntriesOf(Map.of("a", "1", "b", "2"));
        backend.setBucketTags(bucket, Map.of("b", "3"));
        assertThat(backend.bucketTags(bucket)).containsExactlyEntriesOf(Map.of("b", "3"));
        backend.setBucketTags(bucket, Map.of());
        assertThat(backend.bucketTags(bucket)).isEmpty();

        assertThat(catchThrowableOfType(BackendException.class, () -> backend.bucketTags(bucket + "-absent")).reason())
                .isEqualTo(Reason.NOT_FOUND);
        assertThat(catchThrowableOfType(BackendException.class, () -> backend.setBucketTags(bucket, Map.of("aws:x", "1")))
                .reason()).isEqualTo(Reason.INVALID);
    }

    @Test
    void readOnlyAndReadWriteKeysForTheSameBucketReachOnlyIt() {
        backend.createBucket(bucket, BucketQuota.NONE);
        String other = bucket + "-other";
        backend.createBucket(other, BucketQuota.NONE);
        AccessKey writer = AccessKey.generate();
        AccessKey reader = AccessKey.generate();
        backend.createKey("acct-" + bucket, writer, Optional.of(new BucketGrant(bucket, AccessMode.READ_WRITE)));
        backend.createKey("acct-" + bucket, reader, Optional.of(new BucketGrant(bucket, AccessMode.READ_ONLY)));

        try (S3Client asWriter = SERVER.s3As(writer.id(), writer.secret());
             S3Client asReader = SERVER.s3As(reader.id(), reader.secret())) {
            asWriter.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("v"));
            assertThat(asReader.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String()).isEqualTo("v");
            assertThat(status(() -> asReader.putObject(b -> b.bucket(bucket).key("k2"), RequestBody.fromString("v")))).isEqualTo(403);
            assertThat(status(() -> asWriter.putObject(b -> b.bucket(other).key("k"), RequestBody.fromString("v")))).isEqualTo(403);
            assertThat(status(() -> asWriter.createBucket(b -> b.bucket(bucket + "-new")))).isEqualTo(403);
        }
        assertThat(backend.keys("acct-" + bucket)).containsExactlyInAnyOrder(writer.id(), reader.id());
    }

    @Test
    void createKeyIsIdempotentAndRefusesATakenIdOrAnotherSecret() {
        backend.createBucket(bucket, BucketQuota.NONE);
        AccessKey key = AccessKey.generate();
        Optional<BucketGrant> grant = Optional.of(new BucketGrant(bucket, AccessMode.READ_WRITE));
        backend.createKey("acct-" + bucket, key, grant);
        backend.createKey("acct-" + bucket, key, grant);

        assertThat(backend.keys("acct-" + bucket)).containsExactly(key.id());
        assertThat(reason(() -> backend.createKey("someone-else", key, grant))).isEqualTo(Reason.CONFLICT);
        assertThat(reason(() -> backend.createKey("acct-" + bucket, new AccessKey(key.id(), "another-secret-123"), grant)))
                .isEqualTo(Reason.CONFLICT);
    }

    @Test
    void grantChangesTheModeAndRevokeDeletesAKeyLeftWithoutAccess() {
        backend.createBucket(bucket, BucketQuota.NONE);
        AccessKey key = AccessKey.generate();
        backend.createKey("acct-" + bucket, key, Optional.of(new BucketGrant(bucket, AccessMode.READ_ONLY)));
        try (S3Client s3 = SERVER.s3As(key.id(), key.secret())) {
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
        AccessKey key = AccessKey.generate();
        backend.createKey("owner-" + bucket, key, Optional.empty());

        BucketState created = backend.createBucket(bucket, BucketQuota.NONE, Optional.of("owner-" + bucket));

        assertThat(created.owner()).isEqualTo("owner-" + bucket);
        try (S3Client s3 = SERVER.s3As(key.id(), key.secret())) {
            s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("v"));
        }
        assertThat(reason(() -> backend.createBucket(bucket + "-x", BucketQuota.NONE, Optional.of("nobody-" + bucket))))
                .isEqualTo(Reason.NOT_FOUND);
    }

    @Test
    void setOwnerGivesAnUnscopedKeyTheBucket() {
        backend.createBucket(bucket, BucketQuota.NONE);
        AccessKey key = AccessKey.generate();
        backend.createKey("owner-" + bucket, key, Optional.empty());
        backend.setOwner(bucket, "owner-" + bucket);

        assertThat(backend.findBucket(bucket).orElseThrow().owner()).isEqualTo("owner-" + bucket);
        try (S3Client s3 = SERVER.s3As(key.id(), key.secret())) {
            s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("v"));
        }
        assertThat(reason(() -> backend.setOwner(bucket, "nobody-" + bucket))).isEqualTo(Reason.NOT_FOUND);
    }

    @Test
    void deleteBucketRefusesANonEmptyBucketUnlessPurgingAndToleratesAnAbsentOne(S3Client root) {
        backend.createBucket(bucket, BucketQuota.NONE);
        root.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("v"));

        assertThat(reason(() -> backend.deleteBucket(bucket, false))).isEqualTo(Reason.BUCKET_NOT_EMPTY);
        backend.deleteBucket(bucket, true);
        assertThat(backend.findBucket(bucket)).isEmpty();
        assertThatCode(() -> backend.deleteBucket(bucket, false)).doesNotThrowAnyException();
    }

    @Test
    void aPrefixQuotaIsSetIdempotentlyEnforcedOnItsPrefixAndDeletedEvenWhenAbsent(S3Client root) {
        backend.createBucket(bucket, BucketQuota.NONE);
        assertThat(backend.prefixQuota(bucket, "vol/")).isEmpty();

        backend.setPrefixQuota(bucket, "vol/", new BucketQuota(10, 0));
        root.putObject(b -> b.bucket(bucket).key("vol/a"), RequestBody.fromString("12345678"));
        backend.setPrefixQuota(bucket, "vol/", new BucketQuota(10, 0));
        assertThat(backend.prefixQuota(bucket, "vol/")).contains(new BucketQuota(10, 0));
        assertThat(status(() -> root.putObject(b -> b.bucket(bucket).key("vol/b"), RequestBody.fromString("123"))))
                .isEqualTo(403);
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

    @Test
    void deleteAccountRemovesItsKeysAndToleratesAnAbsentAccount() {
        AccessKey key = AccessKey.generate();
        backend.createKey("gone-" + bucket, key, Optional.empty());
        backend.deleteAccount("gone-" + bucket);
        backend.deleteAccount("gone-" + bucket);
        backend.deleteKey(key.id());

        assertThat(backend.keys("gone-" + bucket)).isEmpty();
    }

    @Test
    void failuresSayWhetherARetryCanHelp() {
        assertThat(reason(() -> backend.createBucket("Not_A_Bucket", BucketQuota.NONE))).isEqualTo(Reason.INVALID);
        try (BucketBackend wrongToken = BucketBackends.open(settings("wrong-token-0123456789abcdef"))) {
            BackendException e = catchThrowableOfType(BackendException.class, () -> wrongToken.findBucket(bucket));
            assertThat(e.reason()).isEqualTo(Reason.UNAUTHORIZED);
            assertThat(e.getMessage()).doesNotContain("wrong-token");
        }
        URI closed = URI.create("http://127.0.0.1:1");
        try (BucketBackend unreachable = BucketBackends.open(BackendSettings.fromSecretData(Map.of(
                "s3Endpoint", closed.toString(), "adminEndpoint", closed.toString(), "adminToken", "t")))) {
            BackendException e = catchThrowableOfType(BackendException.class, () -> unreachable.createBucket(bucket, BucketQuota.NONE));
            assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
            assertThat(e.retryable()).isTrue();
        }
    }

    private static Reason reason(Runnable call) {
        return catchThrowableOfType(BackendException.class, call::run).reason();
    }

    private static int status(Runnable call) {
        return catchThrowableOfType(S3Exception.class, call::run).statusCode();
    }
}
