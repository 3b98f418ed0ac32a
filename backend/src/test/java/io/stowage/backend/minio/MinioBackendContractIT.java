package io.stowage.backend.minio;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.backend.AccessKey;
import io.stowage.backend.AccessMode;
import io.stowage.backend.BackendCapabilities;
import io.stowage.backend.BackendException.Reason;
import io.stowage.backend.BackendSettings;
import io.stowage.backend.BucketBackend;
import io.stowage.backend.BucketBackendContract;
import io.stowage.backend.BucketBackends;
import io.stowage.backend.BucketGrant;
import io.stowage.backend.BucketQuota;
import io.stowage.server.it.StowageServerExtension;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The backend contract on {@link FakeMinio}, the admin API written from MinIO's published description (not a live
 * MinIO), with a real Stowage server behind it for S3; plus what is particular to the MinIO backend.
 */
class MinioBackendContractIT extends BucketBackendContract {

    @RegisterExtension
    static final StowageServerExtension SERVER = new StowageServerExtension();
    /** MinIO's root user is Stowage's root key: the backend's S3 calls go straight to Stowage. */
    private static final AccessKey ROOT = new AccessKey(StowageServerExtension.ACCESS_KEY, StowageServerExtension.SECRET_KEY);

    private static BucketBackend stowage;
    private static FakeMinio minio;

    @BeforeAll
    static void startFakeMinio() throws Exception {
        stowage = BucketBackends.open(BackendSettings.fromSecretData(Map.of("s3Endpoint", SERVER.endpoint().toString(),
                "adminEndpoint", SERVER.adminEndpoint().toString(), "adminToken", StowageServerExtension.ADMIN_TOKEN)));
        minio = FakeMinio.start(ROOT, StowageServerExtension.REGION, stowage, SERVER.endpoint(), Set.of(MinioAdminClient.V3, MinioAdminClient.V4));
    }

    @AfterAll
    static void stopFakeMinio() {
        if (minio != null) {
            minio.close();
        }
        if (stowage != null) {
            stowage.close();
        }
    }

    @Override
    protected Map<String, String> secretData() {
        return secretData(ROOT);
    }

    @Override
    protected Map<String, String> secretDataWithWrongCredentials() {
        return secretData(new AccessKey(ROOT.id(), "not-the-secret-0123456789"));
    }

    @Override
    protected AccessKey administratorKey() {
        return ROOT;
    }

    private static Map<String, String> secretData(AccessKey admin) {
        return Map.of("type", "minio", "s3Endpoint", minio.s3Endpoint().toString(), "adminEndpoint", minio.endpoint().toString(),
                "accessKey", admin.id(), "secretKey", admin.secret(), "region", StowageServerExtension.REGION);
    }

    @Test
    void declaresByteQuotasOnlyAndSeveralBucketsPerKey() {
        assertThat(backend.capabilities()).isEqualTo(new BackendCapabilities(true, true, false, false, true, true, true, false, false, false));
        assertThat(reason(() -> backend.createBucket(bucket, new BucketQuota(1_048_576, 10)))).isEqualTo(Reason.UNSUPPORTED);
        assertThat(backend.findBucket(bucket)).isEmpty();
    }

    @Test
    void aKeyGrantedOnTwoBucketsReachesBothWithTheirOwnModes() {
        String other = bucket + "-other";
        backend.createBucket(bucket, BucketQuota.NONE);
        backend.createBucket(other, BucketQuota.NONE);
        AccessKey key = backend.newKey();
        backend.createKey("acct-" + bucket, key, Optional.of(new BucketGrant(bucket, AccessMode.READ_WRITE)));
        backend.grant(key.id(), new BucketGrant(other, AccessMode.READ_ONLY));

        try (S3Client s3 = s3As(key); S3Client admin = s3As(ROOT)) {
            admin.putObject(b -> b.bucket(other).key("k"), RequestBody.fromString("other"));
            s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("v"));
            assertThat(s3.getObjectAsBytes(b -> b.bucket(other).key("k")).asUtf8String()).isEqualTo("other");
            assertThat(status(() -> s3.putObject(b -> b.bucket(other).key("k2"), RequestBody.fromString("v")))).isEqualTo(403);

            backend.revoke(key.id(), bucket);
            assertThat(status(() -> s3.putObject(b -> b.bucket(bucket).key("k3"), RequestBody.fromString("v")))).isEqualTo(403);
            assertThat(s3.getObjectAsBytes(b -> b.bucket(other).key("k")).asUtf8String()).isEqualTo("other");
        }
        assertThat(backend.keys("acct-" + bucket)).containsExactly(key.id());
    }

    @Test
    void setOwnerMovesTheBucketFromOneAccountPolicyToTheOther() {
        AccessKey first = backend.newKey();
        AccessKey second = backend.newKey();
        backend.createKey("first-" + bucket, first, Optional.empty());
        backend.createKey("second-" + bucket, second, Optional.empty());
        backend.createBucket(bucket, BucketQuota.NONE, Optional.of("first-" + bucket));

        backend.setOwner(bucket, "second-" + bucket);

        assertThat(backend.findBucket(bucket).orElseThrow().owner()).isEqualTo("second-" + bucket);
        try (S3Client asFirst = s3As(first); S3Client asSecond = s3As(second)) {
            asSecond.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("v"));
            assertThat(status(() -> asFirst.getObjectAsBytes(b -> b.bucket(bucket).key("k")))).isEqualTo(403);
        }
        assertThat(MinioPolicies.ownedBuckets(MinioPolicies.parse(minio.policy("stowage-account-first-" + bucket).orElseThrow())))
                .isEmpty();
    }

    @Test
    void anAccountsOwnKeyCannotBeLimitedToABucket() {
        backend.createBucket(bucket, BucketQuota.NONE);
        AccessKey key = backend.newKey();
        backend.createKey("acct-" + bucket, key, Optional.empty());

        assertThat(reason(() -> backend.grant(key.id(), new BucketGrant(bucket, AccessMode.READ_ONLY)))).isEqualTo(Reason.UNSUPPORTED);
        assertThat(reason(() -> backend.grant("NOSUCHKEY" + bucket, new BucketGrant(bucket, AccessMode.READ_ONLY))))
                .isEqualTo(Reason.NOT_FOUND);
    }

    @Test
    void deleteAccountRemovesItsGroupAndPolicy() {
        AccessKey key = backend.newKey();
        backend.createKey("acct-" + bucket, key, Optional.empty());
        assertThat(minio.groupsNamed("stowage-account-acct-" + bucket)).hasSize(1);

        backend.deleteAccount("acct-" + bucket);

        assertThat(minio.groupsNamed("stowage-account-acct-" + bucket)).isEmpty();
        assertThat(minio.policy("stowage-account-acct-" + bucket)).isEmpty();
    }

    @Test
    void aUserLeftOutsideAnyGroupByACrashIsTakenOverWithItsOwnSecretOnly() {
        backend.createBucket(bucket, BucketQuota.NONE);
        AccessKey key = backend.newKey();
        try (MinioAdminClient admin = MinioAdminClient.open(minio.endpoint(), ROOT, StowageServerExtension.REGION, null)) {
            admin.addUser(key);
        }
        Optional<BucketGrant> grant = Optional.of(new BucketGrant(bucket, AccessMode.READ_WRITE));

        assertThat(reason(() -> backend.createKey("acct-" + bucket, new AccessKey(key.id(), "another-secret-0123456789"), grant)))
                .isEqualTo(Reason.CONFLICT);
        backend.createKey("acct-" + bucket, key, grant);

        assertThat(backend.keys("acct-" + bucket)).containsExactly(key.id());
        try (S3Client s3 = s3As(key)) {
            s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("v"));
        }
    }

    @Test
    void theOwnerIsRecordedBeforeTheBucketIsCreatedAndDroppedWhenTheNameIsRefused() {
        String owner = "owner-" + bucket;
        backend.createKey(owner, backend.newKey(), Optional.empty());
        String refused = bucket + "..bad";

        assertThat(reason(() -> backend.createBucket(refused, BucketQuota.NONE, Optional.of(owner)))).isEqualTo(Reason.INVALID);
        assertThat(ownedBy(owner)).isEmpty();

        // a crash after the owner was recorded: the retry creates the bucket, the owner's from the start
        try (MinioAdminClient admin = MinioAdminClient.open(minio.endpoint(), ROOT, StowageServerExtension.REGION, null)) {
            admin.addCannedPolicy(MinioPolicies.accountName(owner), MinioPolicies.account(new TreeSet<>(Set.of(bucket))));
        }
        assertThat(backend.createBucket(bucket, BucketQuota.NONE, Optional.of(owner)).owner()).isEqualTo(owner);
        assertThat(ownedBy(owner)).containsExactly(bucket);
    }

    @Test
    void aBucketWhoseCreationFailsAfterS3MadeItIsAlreadyItsOwners() {
        String owner = "owner-" + bucket;
        backend.createKey(owner, backend.newKey(), Optional.empty());
        minio.failNext("PUT set-bucket-quota");

        assertThat(reason(() -> backend.createBucket(bucket, new BucketQuota(1_048_576, 0), Optional.of(owner))))
                .isEqualTo(Reason.UNAVAILABLE);

        assertThat(backend.findBucket(bucket).orElseThrow().owner()).isEqualTo(owner);
    }

    private static Set<String> ownedBy(String account) {
        return MinioPolicies.ownedBuckets(MinioPolicies.parse(minio.policy(MinioPolicies.accountName(account)).orElseThrow()));
    }
}
