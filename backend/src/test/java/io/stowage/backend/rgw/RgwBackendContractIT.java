package io.stowage.backend.rgw;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.backend.AccessKey;
import io.stowage.backend.AccessMode;
import io.stowage.backend.BackendCapabilities;
import io.stowage.backend.BucketBackendContract;
import io.stowage.backend.BucketGrant;
import io.stowage.backend.BucketQuota;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** The backend contract on a real Ceph RGW (Pacific, from Debian's packages), plus what is particular to RGW. */
class RgwBackendContractIT extends BucketBackendContract {

    private static RgwServer rgw;

    @BeforeAll
    static void startRgw() throws Exception {
        rgw = RgwServer.start();
    }

    @AfterAll
    static void stopRgw() {
        if (rgw != null) {
            rgw.close();
        }
    }

    @Override
    protected Map<String, String> secretData() {
        return secretData(rgw.adminKey());
    }

    @Override
    protected Map<String, String> secretDataWithWrongCredentials() {
        return secretData(new AccessKey(rgw.adminKey().id(), "not-the-secret-0123456789"));
    }

    @Override
    protected AccessKey administratorKey() {
        return rgw.adminKey();
    }

    private static Map<String, String> secretData(AccessKey admin) {
        return Map.of("type", "rgw", "s3Endpoint", rgw.endpoint().toString(), "adminEndpoint", rgw.endpoint().toString(),
                "accessKey", admin.id(), "secretKey", admin.secret());
    }

    @Test
    void declaresNoPrefixQuotasAndOneBucketPerGrantedKey() {
        assertThat(backend.capabilities()).isEqualTo(new BackendCapabilities(true, true, true, false, true, true, false, false, false, true));
    }

    @Test
    void quotaSizesAreKeptInWholeKibibytes() {
        backend.createBucket(bucket, new BucketQuota(1_000_000, 0));
        assertThat(backend.findBucket(bucket).orElseThrow().quota()).isEqualTo(new BucketQuota(977 * 1024, 0));
    }

    @Test
    void aGrantSurvivesAnOwnerChangeButTheNewOwnerCannotReadTheOldOwnersObjects() {
        backend.createBucket(bucket, BucketQuota.NONE);
        AccessKey reader = AccessKey.generate();
        AccessKey owner = AccessKey.generate();
        backend.createKey("acct-" + bucket, reader, Optional.of(new BucketGrant(bucket, AccessMode.READ_ONLY)));
        backend.createKey("owner-" + bucket, owner, Optional.empty());
        try (S3Client admin = s3As(rgw.adminKey()); S3Client asReader = s3As(reader); S3Client asOwner = s3As(owner)) {
            admin.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("v"));
            backend.setOwner(bucket, "owner-" + bucket);

            assertThat(asReader.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String()).isEqualTo("v");
            assertThat(asOwner.listObjectsV2(b -> b.bucket(bucket)).contents()).hasSize(1);
            assertThat(status(() -> asOwner.getObjectAsBytes(b -> b.bucket(bucket).key("k")))).isEqualTo(403);
        }
    }

    @Test
    void aCreationKeyLeftByACrashBeforeTheBucketIsRemovedAndTheBucketIsTheOwners() {
        String owner = "owner-" + bucket;
        AccessKey key = AccessKey.generate();
        backend.createKey(owner, key, Optional.empty());
        try (RgwAdminClient admin = adminClient()) {
            admin.addKey(owner, new AccessKey(RgwBackend.creationKeyId(owner, bucket), "left-by-a-crash-0123456789"));
        }

        assertThat(backend.createBucket(bucket, BucketQuota.NONE, Optional.of(owner)).owner()).isEqualTo(owner);

        assertThat(backend.keys(owner)).containsExactly(key.id());
    }

    @Test
    void aRetryAfterACrashBetweenCreationAndKeyRemovalAnswersTheOwnersBucketAndRemovesTheKey() {
        String owner = "owner-" + bucket;
        AccessKey key = AccessKey.generate();
        backend.createKey(owner, key, Optional.empty());
        AccessKey leftOver = new AccessKey(RgwBackend.creationKeyId(owner, bucket), "left-by-a-crash-0123456789");
        try (RgwAdminClient admin = adminClient(); S3Client asCrashedCall = s3As(leftOver)) {
            admin.addKey(owner, leftOver);
            asCrashedCall.createBucket(b -> b.bucket(bucket));
        }

        assertThat(backend.createBucket(bucket, BucketQuota.NONE, Optional.of(owner)).owner()).isEqualTo(owner);

        assertThat(backend.keys(owner)).containsExactly(key.id());
        assertThat(backend.findBucket(bucket).orElseThrow().owner()).isEqualTo(owner);
    }

    private static RgwAdminClient adminClient() {
        return RgwAdminClient.open(rgw.endpoint(), rgw.adminKey(), "us-east-1", null);
    }
}
