package io.stowage.backend.garage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.stowage.backend.AccessKey;
import io.stowage.backend.AccessMode;
import io.stowage.backend.BackendCapabilities;
import io.stowage.backend.BackendException;
import io.stowage.backend.BackendException.Reason;
import io.stowage.backend.BackendSettings;
import io.stowage.backend.BucketBackend;
import io.stowage.backend.BucketBackends;
import io.stowage.backend.BucketBackendContract;
import io.stowage.backend.BucketGrant;
import io.stowage.backend.BucketQuota;
import io.stowage.backend.BucketState;
import io.stowage.server.it.StowageServerExtension;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The backend contract on {@link FakeGarage} (Garage's admin API v2 as its API description gives it, over a real
 * Stowage server for S3): not on a live Garage. Plus what is particular to Garage.
 */
class GarageBackendContractIT extends BucketBackendContract {

    @RegisterExtension
    static final StowageServerExtension STOWAGE = new StowageServerExtension();

    static final AccessKey BACKEND_KEY = new AccessKey("GK0123456789abcdef01234567", "0123456789abcdef".repeat(4));

    private static FakeGarage garage;

    @BeforeAll
    static void startGarage() throws Exception {
        garage = FakeGarage.start(STOWAGE, false);
        garage.importKey(BACKEND_KEY, "stowage");
    }

    @AfterAll
    static void stopGarage() {
        if (garage != null) {
            garage.close();
        }
    }

    @Override
    protected Map<String, String> secretData() {
        return secretData(STOWAGE, garage, FakeGarage.TOKEN);
    }

    @Override
    protected Map<String, String> secretDataWithWrongCredentials() {
        return secretData(STOWAGE, garage, "not-the-token-0123456789");
    }

    @Override
    protected AccessKey administratorKey() {
        return BACKEND_KEY;
    }

    static Map<String, String> secretData(StowageServerExtension stowage, FakeGarage garage, String token) {
        return Map.of("type", "garage", "s3Endpoint", stowage.endpoint().toString(), "adminEndpoint", garage.endpoint().toString(),
                "adminToken", token, "accessKey", BACKEND_KEY.id(), "secretKey", BACKEND_KEY.secret(),
                "region", StowageServerExtension.REGION);
    }

    @Test
    void declaresNoPrefixQuotasAndNoTags() {
        assertThat(backend.capabilities()).isEqualTo(new BackendCapabilities(true, true, true, false, true, false, true, true, false, false));
    }

    @Test
    void bucketsWithoutAnOwnerAreOwnedByTheBackendsKeyName() {
        assertThat(backend.createBucket(bucket, BucketQuota.NONE).owner()).isEqualTo("stowage");
    }

    @Test
    void oneKeyReachesTwoBucketsAndSetOwnerTakesTheBucketFromThePreviousOwner() {
        backend.createBucket(bucket, BucketQuota.NONE);
        String other = bucket + "-other";
        backend.createBucket(other, BucketQuota.NONE);
        AccessKey granted = backend.newKey();
        AccessKey first = backend.newKey();
        AccessKey second = backend.newKey();
        backend.createKey("acct-" + bucket, granted, Optional.of(new BucketGrant(bucket, AccessMode.READ_WRITE)));
        backend.grant(granted.id(), new BucketGrant(other, AccessMode.READ_ONLY));
        backend.createKey("first-" + bucket, first, Optional.empty());
        backend.createKey("second-" + bucket, second, Optional.empty());
        backend.setOwner(bucket, "first-" + bucket);
        backend.setOwner(bucket, "second-" + bucket);

        assertThat(backend.findBucket(bucket).orElseThrow().owner()).isEqualTo("second-" + bucket);
        try (S3Client asGranted = s3As(granted); S3Client asFirst = s3As(first); S3Client asSecond = s3As(second)) {
            asGranted.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("v"));
            asSecond.putObject(b -> b.bucket(bucket).key("k2"), RequestBody.fromString("v"));
            assertThat(asGranted.listObjectsV2(b -> b.bucket(other)).contents()).isEmpty();
            assertThat(status(() -> asGranted.putObject(b -> b.bucket(other).key("k"), RequestBody.fromString("v")))).isEqualTo(403);
            assertThat(status(() -> asFirst.getObjectAsBytes(b -> b.bucket(bucket).key("k")))).isEqualTo(403);
        }
    }

    @Test
    void aKeyCreatedForAnAccountGetsTheBucketsItAlreadyOwns() {
        AccessKey first = backend.newKey();
        AccessKey later = backend.newKey();
        backend.createKey("owner-" + bucket, first, Optional.empty());
        backend.createBucket(bucket, BucketQuota.NONE, Optional.of("owner-" + bucket));
        backend.createKey("owner-" + bucket, later, Optional.empty());

        try (S3Client s3 = s3As(later)) {
            s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("v"));
        }
        assertThat(backend.keys("owner-" + bucket)).containsExactlyInAnyOrder(first.id(), later.id());
    }

    @Test
    void aCreationCutShortLeavesNoBucketByItsNameAndTheRetryMakesItTheOwners() {
        AccessKey key = backend.newKey();
        backend.createKey("owner-" + bucket, key, Optional.empty());
        BucketQuota quota = new BucketQuota(1_048_576, 10);
        // each call that follows the creation, cut short as a crash would
        for (String cut : List.of("AllowBucketKey", "UpdateBucket", "AddBucketAlias")) {
            String name = bucket + "-" + cut.toLowerCase(Locale.ROOT);
            garage.failNext(cut);
            assertThat(reason(() -> backend.createBucket(name, quota, Optional.of("owner-" + bucket)))).isEqualTo(Reason.UNAVAILABLE);
            assertThat(backend.findBucket(name)).as("after a failed " + cut).isEmpty();

            BucketState retried = backend.createBucket(name, quota, Optional.of("owner-" + bucket));

            assertThat(retried.created()).isTrue();
            assertThat(retried.owner()).isEqualTo("owner-" + bucket);
            assertThat(retried.quota()).isEqualTo(quota);
            try (S3Client s3 = s3As(key)) {
                s3.putObject(b -> b.bucket(name).key("k"), RequestBody.fromString("v"));
            }
        }
    }

    @Test
    void aRefusedBucketNameLeavesNothingBehind() {
        long unnamed = garage.unnamedBuckets();
        assertThat(reason(() -> backend.createBucket("Not_A_Bucket", BucketQuota.NONE))).isEqualTo(Reason.INVALID);
        assertThat(garage.unnamedBuckets()).isEqualTo(unnamed);
    }

    @Test
    void aRefusedTokenIsNotRepeated() {
        try (BucketBackend wrong = BucketBackends.open(BackendSettings.fromSecretData(secretDataWithWrongCredentials()))) {
            BackendException e = catchThrowableOfType(BackendException.class, () -> wrong.findBucket(bucket));
            assertThat(e.getMessage()).doesNotContain("not-the-token");
        }
    }

    @Test
    void aKeyGrantedOnAMissingBucketIsNotMade() {
        AccessKey key = backend.newKey();
        assertThat(reason(() -> backend.createKey("acct-" + bucket, key,
                Optional.of(new BucketGrant("nobucket-" + bucket, AccessMode.READ_WRITE))))).isEqualTo(Reason.NOT_FOUND);
        assertThat(backend.keys("acct-" + bucket)).isEmpty();
    }

    @Test
    void aDeletedKeyIdCannotBeImportedAgain() {
        AccessKey key = backend.newKey();
        backend.createKey("acct-" + bucket, key, Optional.empty());
        backend.deleteKey(key.id());

        assertThat(reason(() -> backend.createKey("acct-" + bucket, key, Optional.empty()))).isEqualTo(Reason.CONFLICT);
    }

    @Test
    void newKeysHaveGaragesFormAndAKeyOfAnotherFormIsRefusedBeforeAnythingIsMade() {
        assertThat(backend.newKey().id()).matches("GK[0-9a-f]{24}");
        assertThat(backend.newKey().secret()).matches("[0-9a-f]{64}");

        assertThat(reason(() -> backend.createKey("acct-" + bucket, AccessKey.generate(), Optional.empty())))
                .isEqualTo(Reason.INVALID);
        assertThat(backend.keys("acct-" + bucket)).isEmpty();
    }
}
