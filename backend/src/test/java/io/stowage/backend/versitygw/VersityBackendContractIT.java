package io.stowage.backend.versitygw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.stowage.backend.AccessKey;
import io.stowage.backend.AccessMode;
import io.stowage.backend.BackendCapabilities;
import io.stowage.backend.BackendException;
import io.stowage.backend.BackendException.Reason;
import io.stowage.backend.BackendSettings;
import io.stowage.backend.BucketBackend;
import io.stowage.backend.BucketBackendContract;
import io.stowage.backend.BucketBackends;
import io.stowage.backend.BucketGrant;
import io.stowage.backend.BucketQuota;
import io.stowage.server.it.StowageServerExtension;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The backend contract on {@link FakeVersityGw} (VersityGW's admin API as its source describes it, over a real Stowage
 * server for S3): not on a live VersityGW. Plus what is particular to VersityGW.
 */
class VersityBackendContractIT extends BucketBackendContract {

    @RegisterExtension
    static final StowageServerExtension STOWAGE = new StowageServerExtension();

    static final AccessKey ADMIN_KEY = new AccessKey("VGWADMIN0123456789AB", "versity-admin-secret-0123456789abcdefghij");

    private static FakeVersityGw versity;

    @BeforeAll
    static void startVersity() throws Exception {
        versity = FakeVersityGw.start(STOWAGE, ADMIN_KEY);
    }

    @AfterAll
    static void stopVersity() throws Exception {
        if (versity != null) {
            versity.close();
        }
    }

    @Override
    protected Map<String, String> secretData() {
        return secretData(ADMIN_KEY);
    }

    @Override
    protected Map<String, String> secretDataWithWrongCredentials() {
        return secretData(new AccessKey(ADMIN_KEY.id(), "not-the-secret-0123456789"));
    }

    @Override
    protected AccessKey administratorKey() {
        return ADMIN_KEY;
    }

    private static Map<String, String> secretData(AccessKey key) {
        return Map.of("type", "versitygw", "s3Endpoint", versity.s3Endpoint().toString(),
                "adminEndpoint", versity.adminEndpoint().toString(), "accessKey", key.id(), "secretKey", key.secret(),
                "region", StowageServerExtension.REGION);
    }

    @Test
    void declaresNoQuotas() {
        assertThat(backend.capabilities()).isEqualTo(new BackendCapabilities(true, false, false, false, true, true, true, false, false, false));
    }

    @Test
    void bucketsWithoutAnOwnerBelongToTheAdminAccount() {
        assertThat(backend.createBucket(bucket, BucketQuota.NONE).owner()).isEqualTo(ADMIN_KEY.id());
        assertThat(backend.findBucket(bucket).orElseThrow().owner()).isEqualTo(ADMIN_KEY.id());
    }

    @Test
    void allTheAccountsKeysReachItsBucketAndSetOwnerKeepsGrantsThatChangeBucketOwnerDrops() {
        AccessKey first = backend.newKey();
        AccessKey second = backend.newKey();
        AccessKey other = backend.newKey();
        AccessKey reader = backend.newKey();
        backend.createKey("a-" + bucket, first, Optional.empty());
        backend.createKey("a-" + bucket, second, Optional.empty());
        backend.createKey("b-" + bucket, other, Optional.empty());
        backend.createBucket(bucket, BucketQuota.NONE, Optional.of("a-" + bucket));
        backend.createKey("r-" + bucket, reader, Optional.of(new BucketGrant(bucket, AccessMode.READ_ONLY)));

        try (S3Client asFirst = s3As(first); S3Client asSecond = s3As(second); S3Client asOther = s3As(other);
             S3Client asReader = s3As(reader)) {
            asFirst.putObject(b -> b.bucket(bucket).key("k1"), RequestBody.fromString("1"));
            asSecond.putObject(b -> b.bucket(bucket).key("k2"), RequestBody.fromString("2"));
            assertThat(status(() -> asOther.getObjectAsBytes(b -> b.bucket(bucket).key("k1")))).isEqualTo(403);

            backend.setOwner(bucket, "b-" + bucket);
            backend.setOwner(bucket, "b-" + bucket);

            assertThat(backend.findBucket(bucket).orElseThrow().owner()).isEqualTo("b-" + bucket);
            asOther.putObject(b -> b.bucket(bucket).key("k3"), RequestBody.fromString("3"));
            assertThat(status(() -> asFirst.putObject(b -> b.bucket(bucket).key("k4"), RequestBody.fromString("4")))).isEqualTo(403);
            assertThat(status(() -> asSecond.getObjectAsBytes(b -> b.bucket(bucket).key("k3")))).isEqualTo(403);
            assertThat(asReader.getObjectAsBytes(b -> b.bucket(bucket).key("k3")).asUtf8String()).isEqualTo("3");
        }
    }

    @Test
    void deletingTheKeyThatHoldsABucketHandsItToTheAccountsNextKey() {
        AccessKey first = new AccessKey("AAAA" + backend.newKey().id().substring(4), backend.newKey().secret());
        AccessKey second = new AccessKey("ZZZZ" + backend.newKey().id().substring(4), backend.newKey().secret());
        backend.createKey("a-" + bucket, first, Optional.empty());
        backend.createKey("a-" + bucket, second, Optional.empty());
        backend.createBucket(bucket, BucketQuota.NONE, Optional.of("a-" + bucket));

        backend.deleteKey(first.id());

        assertThat(backend.findBucket(bucket).orElseThrow().owner()).isEqualTo("a-" + bucket);
        try (S3Client s3 = s3As(second)) {
            s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("v"));
        }
        backend.deleteAccount("a-" + bucket);
        assertThat(backend.findBucket(bucket).orElseThrow().owner()).isEqualTo(ADMIN_KEY.id());
    }

    @Test
    void aKeyIdThatVersityHoldsOutsideTheRegistryIsAConflict() {
        AccessKey foreign = backend.newKey();
        versity.createAccount(foreign, "user");

        assertThat(reason(() -> backend.createKey("acct-" + bucket, foreign, Optional.empty()))).isEqualTo(Reason.CONFLICT);
        assertThat(backend.keys("acct-" + bucket)).isEmpty();
    }

    @Test
    void aCrashAfterTheRegistryEntryOrAfterTheUserDeletionIsFinishedByTheRetry() {
        backend.createBucket(bucket, BucketQuota.NONE);
        AccessKey key = backend.newKey();
        Optional<BucketGrant> grant = Optional.of(new BucketGrant(bucket, AccessMode.READ_WRITE));
        backend.createKey("acct-" + bucket, key, grant);
        // as if the first createKey had stopped after writing the registry entry
        versity.deleteAccount(key.id());
        assertThat(backend.keys("acct-" + bucket)).containsExactly(key.id());

        backend.createKey("acct-" + bucket, key, grant);
        try (S3Client s3 = s3As(key)) {
            s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("v"));
        }
        // as if deleteKey had stopped after deleting the VersityGW account
        versity.deleteAccount(key.id());
        backend.deleteKey(key.id());
        assertThat(backend.keys("acct-" + bucket)).isEmpty();
    }

    @Test
    void theAdminApiRefusesAKeyWhoseRoleIsNotAdmin() {
        AccessKey user = backend.newKey();
        backend.createKey("acct-" + bucket, user, Optional.empty());
        Map<String, String> asUser = new HashMap<>(secretData(user));
        try (BucketBackend refused = BucketBackends.open(BackendSettings.fromSecretData(asUser))) {
            BackendException e = catchThrowableOfType(BackendException.class, () -> refused.findBucket(bucket));
            assertThat(e.reason()).isEqualTo(Reason.UNAUTHORIZED);
            assertThat(e.getMessage()).contains("XAdminAccessDenied").doesNotContain(user.secret());
        }
    }

    @Test
    void aWrongSecretIsRefusedAndNotRepeated() {
        try (BucketBackend wrong = BucketBackends.open(BackendSettings.fromSecretData(secretDataWithWrongCredentials()))) {
            BackendException e = catchThrowableOfType(BackendException.class, () -> wrong.findBucket(bucket));
            assertThat(e.getMessage()).contains("SignatureDoesNotMatch").doesNotContain("not-the-secret");
        }
    }

    @Test
    void aKeyGrantedOnAMissingBucketIsNotMade() {
        AccessKey key = backend.newKey();
        assertThat(reason(() -> backend.createKey("acct-" + bucket, key,
                Optional.of(new BucketGrant("nobucket-" + bucket, AccessMode.READ_WRITE))))).isEqualTo(Reason.NOT_FOUND);
        assertThat(backend.keys("acct-" + bucket)).isEmpty();
        assertThat(versity.hasAccount(key.id())).isFalse();
    }
}
