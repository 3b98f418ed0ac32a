package io.stowage.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.GetObjectLockConfigurationResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectLockConfiguration;
import software.amazon.awssdk.services.s3.model.ObjectLockEnabled;
import software.amazon.awssdk.services.s3.model.ObjectLockLegalHoldStatus;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.ObjectLockRetention;
import software.amazon.awssdk.services.s3.model.ObjectLockRetentionMode;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** S3 Object Lock through the AWS SDK for Java v2: bucket configuration, retention, legal hold, and what they forbid. */
@ExtendWith(StowageServerExtension.class)
class ObjectLockIT {

    private static final String OWNER = "lock-owner";
    private static final String OWNER_KEY = "LOCKOWNERKEY";
    private static final String OTHER = "lock-other";
    private static final String OTHER_KEY = "LOCKOTHERKEY";
    private static final String SECRET = "lock-test-secret-0123456789";

    /** A non-admin user who creates the buckets it owns. */
    private static S3Client owner;
    /** A non-admin user who reaches the owner's buckets only through their policies. */
    private static S3Client other;

    @BeforeAll
    static void users(StowageServerExtension server) {
        AdminCalls admin = new AdminCalls(server.adminEndpoint(), StowageServerExtension.ADMIN_TOKEN);
        admin.user(OWNER, OWNER_KEY, SECRET);
        admin.user(OTHER, OTHER_KEY, SECRET);
        owner = server.s3As(OWNER_KEY, SECRET);
        other = server.s3As(OTHER_KEY, SECRET);
    }

    @AfterAll
    static void closeClients() {
        owner.close();
        other.close();
    }

    private static String lockedBucket(S3Client client, String prefix) {
        String bucket = TestData.bucketName(prefix);
        client.createBucket(b -> b.bucket(bucket).objectLockEnabledForBucket(true));
        return bucket;
    }

    private static String plainBucket(S3Client client, String prefix) {
        String bucket = TestData.bucketName(prefix);
        client.createBucket(b -> b.bucket(bucket));
        return bucket;
    }

    /** Puts an object under a retention and answers its version id. */
    private static String putRetained(S3Client client, String bucket, String key, ObjectLockMode mode, Instant until) {
        return client.putObject(b -> b.bucket(bucket).key(key).objectLockMode(mode).objectLockRetainUntilDate(until),
                RequestBody.fromString("retained")).versionId();
    }

    private static void assertError(ThrowingCallable call, int status, String code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.statusCode()).as(e.getMessage()).isEqualTo(status);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
        });
    }

    private static ObjectLockRetention retention(S3Client client, String bucket, String key, String versionId) {
        return client.getObjectRetention(b -> b.bucket(bucket).key(key).versionId(versionId)).retention();
    }

    private static void setRetention(S3Client client, String bucket, String key, ObjectLockRetentionMode mode, Instant until,
            boolean bypass) {
        setRetention(client, bucket, key, null, mode, until, bypass);
    }

    private static void setRetention(S3Client client, String bucket, String key, String versionId, ObjectLockRetentionMode mode,
            Instant until, boolean bypass) {
        client.putObjectRetention(b -> b.bucket(bucket).key(key).versionId(versionId).bypassGovernanceRetention(bypass ? true : null)
                .retention(r -> r.mode(mode).retainUntilDate(until)));
    }

    private static void deleteVersion(S3Client client, String bucket, String key, String versionId, boolean bypass) {
        client.deleteObject(b -> b.bucket(bucket).key(key).versionId(versionId).bypassGovernanceRetention(bypass ? true : null));
    }

    private static void putPolicy(S3Client client, String bucket, List<String> actions) {
        String quoted = String.join(",", actions.stream().map(a -> "\"" + a + "\"").toList());
        client.putBucketPolicy(b -> b.bucket(bucket).policy("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"%s"},
                 "Action":[%s],"Resource":"arn:aws:s3:::%s/*"}]}""".formatted(OTHER, quoted, bucket)));
    }

    private static Instant inDays(int days) {
        return Instant.now().plus(Duration.ofDays(days)).truncatedTo(ChronoUnit.MILLIS);
    }

    @Test
    void aBucketCreatedWithObjectLockIsVersionedAndCannotBeSuspended(S3Client s3) {
        String bucket = lockedBucket(s3, "lock-versioning");

        assertThat(s3.getBucketVersioning(b -> b.bucket(bucket)).status()).isEqualTo(BucketVersioningStatus.ENABLED);
        assertError(() -> s3.putBucketVersioning(b -> b.bucket(bucket)
                .versioningConfiguration(v -> v.status(BucketVersioningStatus.SUSPENDED))), 409, "InvalidBucketState");
        assertThat(s3.getBucketVersioning(b -> b.bucket(bucket)).status()).isEqualTo(BucketVersioningStatus.ENABLED);
    }

    @Test
    void theLockConfigurationRoundTrips(S3Client s3) {
        String bucket = lockedBucket(s3, "lock-config");
        ObjectLockConfiguration enabledOnly = ObjectLockConfiguration.builder().objectLockEnabled(ObjectLockEnabled.ENABLED).build();
        assertThat(s3.getObjectLockConfiguration(b -> b.bucket(bucket)).objectLockConfiguration()).isEqualTo(enabledOnly);

        ObjectLockConfiguration governanceDays = ObjectLockConfiguration.builder().objectLockEnabled(ObjectLockEnabled.ENABLED)
                .rule(r -> r.defaultRetention(d -> d.mode(ObjectLockRetentionMode.GOVERNANCE).days(10))).build();
        s3.putObjectLockConfiguration(b -> b.bucket(bucket).objectLockConfiguration(governanceDays));
        assertThat(s3.getObjectLockConfiguration(b -> b.bucket(bucket)).objectLockConfiguration()).isEqualTo(governanceDays);

        ObjectLockConfiguration complianceYears = ObjectLockConfiguration.builder().objectLockEnabled(ObjectLockEnabled.ENABLED)
                .rule(r -> r.defaultRetention(d -> d.mode(ObjectLockRetentionMode.COMPLIANCE).years(2))).build();
        s3.putObjectLockConfiguration(b -> b.bucket(bucket).objectLockConfiguration(complianceYears));
        assertThat(s3.getObjectLockConfiguration(b -> b.bucket(bucket)).objectLockConfiguration()).isEqualTo(complianceYears);

        s3.putObjectLockConfiguration(b -> b.bucket(bucket).objectLockConfiguration(enabledOnly));
        GetObjectLockConfigurationResponse cleared = s3.getObjectLockConfiguration(b -> b.bucket(bucket));
        assertThat(cleared.objectLockConfiguration()).isEqualTo(enabledOnly);
    }

    @Test
    void aBucketWithoutObjectLockHasNoConfigurationAndCannotBeGivenOne(S3Client s3) {
        String bucket = plainBucket(s3, "lock-none");

        assertError(() -> s3.getObjectLockConfiguration(b -> b.bucket(bucket)), 404, "ObjectLockConfigurationNotFoundError");
        assertError(() -> s3.putObjectLockConfiguration(b -> b.bucket(bucket).objectLockConfiguration(c -> c
                .objectLockEnabled(ObjectLockEnabled.ENABLED)
                .rule(r -> r.defaultRetention(d -> d.mode(ObjectLockRetentionMode.GOVERNANCE).days(1))))), 409, "InvalidBucketState");
        assertError(() -> s3.getObjectLockConfiguration(b -> b.bucket(bucket)), 404, "ObjectLockConfigurationNotFoundError");
    }

    @Test
    void anInvalidDefaultRetentionIsRefused(S3Client s3) {
        String bucket = lockedBucket(s3, "lock-bad-config");

        assertError(() -> s3.putObjectLockConfiguration(b -> b.bucket(bucket).objectLockConfiguration(c -> c
                .objectLockEnabled(ObjectLockEnabled.ENABLED)
                .rule(r -> r.defaultRetention(d -> d.mode(ObjectLockRetentionMode.GOVERNANCE).days(1).years(1))))), 400, "MalformedXML");
        assertError(() -> s3.putObjectLockConfiguration(b -> b.bucket(bucket).objectLockConfiguration(c -> c
                .objectLockEnabled(ObjectLockEnabled.ENABLED)
                .rule(r -> r.defaultRetention(d -> d.mode(ObjectLockRetentionMode.GOVERNANCE))))), 400, "MalformedXML");
        assertError(() -> s3.putObjectLockConfiguration(b -> b.bucket(bucket).objectLockConfiguration(c -> c
                .objectLockEnabled(ObjectLockEnabled.ENABLED)
                .rule(r -> r.defaultRetention(d -> d.mode("governance").days(1))))), 400, "MalformedXML");
        assertError(() -> s3.putObjectLockConfiguration(b -> b.bucket(bucket).objectLockConfiguration(c -> c
                .objectLockEnabled(ObjectLockEnabled.ENABLED)
                .rule(r -> r.defaultRetention(d -> d.mode(ObjectLockRetentionMode.GOVERNANCE).days(0))))), 400, "InvalidArgument");
        assertError(() -> s3.putObjectLockConfiguration(b -> b.bucket(bucket).objectLockConfiguration(c -> c
                .objectLockEnabled(ObjectLockEnabled.ENABLED)
                .rule(r -> r.defaultRetention(d -> d.mode(ObjectLockRetentionMode.COMPLIANCE).years(-1))))), 400, "InvalidArgument");
        assertThat(s3.getObjectLockConfiguration(b -> b.bucket(bucket)).objectLockConfiguration().rule()).isNull();
    }

    @Test
    void theDefaultRetentionAppliesToANewObject(S3Client s3) {
        String bucket = lockedBucket(s3, "lock-default");
        s3.putObjectLockConfiguration(b -> b.bucket(bucket).objectLockConfiguration(c -> c
                .objectLockEnabled(ObjectLockEnabled.ENABLED)
                .rule(r -> r.defaultRetention(d -> d.mode(ObjectLockRetentionMode.GOVERNANCE).days(3)))));

        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String versionId = s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("v")).versionId();
        Instant after = Instant.now();

        ObjectLockRetention retention = retention(s3, bucket, "k", versionId);
        assertThat(retention.mode()).isEqualTo(ObjectLockRetentionMode.GOVERNANCE);
        assertThat(retention.retainUntilDate()).isBetween(before.plus(Duration.ofDays(3)), after.plus(Duration.ofDays(3)));
        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key("k"));
        assertThat(head.objectLockMode()).isEqualTo(ObjectLockMode.GOVERNANCE);
        assertThat(head.objectLockRetainUntilDate()).isEqualTo(retention.retainUntilDate());
    }

    @Test
    void retentionAndLegalHoldAskedForOnPutAreKeptAndShownOnGetAndHead(S3Client s3) {
        String bucket = lockedBucket(s3, "lock-put");
        s3.putObjectLockConfiguration(b -> b.bucket(bucket).objectLockConfiguration(c -> c
                .objectLockEnabled(ObjectLockEnabled.ENABLED)
                .rule(r -> r.defaultRetention(d -> d.mode(ObjectLockRetentionMode.GOVERNANCE).days(1)))));
        Instant until = inDays(5);

        s3.putObject(b -> b.bucket(bucket).key("k").objectLockMode(ObjectLockMode.COMPLIANCE).objectLockRetainUntilDate(until)
                .objectLockLegalHoldStatus(ObjectLockLegalHoldStatus.ON), RequestBody.fromString("v"));

        assertThat(retention(s3, bucket, "k", null))
                .isEqualTo(ObjectLockRetention.builder().mode(ObjectLockRetentionMode.COMPLIANCE).retainUntilDate(until).build());
        assertThat(s3.getObjectLegalHold(b -> b.bucket(bucket).key("k")).legalHold().status()).isEqualTo(ObjectLockLegalHoldStatus.ON);
        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key("k"));
        assertThat(head.objectLockMode()).isEqualTo(ObjectLockMode.COMPLIANCE);
        assertThat(head.objectLockRetainUntilDate()).isEqualTo(until);
        assertThat(head.objectLockLegalHoldStatus()).isEqualTo(ObjectLockLegalHoldStatus.ON);
        var got = s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")).response();
        assertThat(got.objectLockMode()).isEqualTo(ObjectLockMode.COMPLIANCE);
        assertThat(got.objectLockRetainUntilDate()).isEqualTo(until);
        assertThat(got.objectLockLegalHoldStatus()).isEqualTo(ObjectLockLegalHoldStatus.ON);
    }

    @Test
    void aCopyTakesTheLockOfItsRequestNotTheSources(S3Client s3) {
        String bucket = lockedBucket(s3, "lock-copy");
        s3.putObject(b -> b.bucket(bucket).key("source").objectLockLegalHoldStatus(ObjectLockLegalHoldStatus.ON),
                RequestBody.fromString("v"));
        Instant until = inDays(2);

        String copyVersion = s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("source").destinationBucket(bucket)
                .destinationKey("copy").objectLockMode(ObjectLockMode.GOVERNANCE).objectLockRetainUntilDate(until)).versionId();

        assertThat(retention(s3, bucket, "copy", copyVersion))
                .isEqualTo(ObjectLockRetention.builder().mode(ObjectLockRetentionMode.GOVERNANCE).retainUntilDate(until).build());
        assertError(() -> s3.getObjectLegalHold(b -> b.bucket(bucket).key("copy")), 404, "NoSuchObjectLockConfiguration");
        assertError(() -> s3.getObjectRetention(b -> b.bucket(bucket).key("source")), 404, "NoSuchObjectLockConfiguration");
    }

    @Test
    void aMultipartObjectGetsTheLockItsUploadWasCreatedWith(S3Client s3) {
        String bucket = lockedBucket(s3, "lock-multipart");
        Instant until = inDays(4);
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key("mp").objectLockMode(ObjectLockMode.COMPLIANCE)
                .objectLockRetainUntilDate(until).objectLockLegalHoldStatus(ObjectLockLegalHoldStatus.ON)).uploadId();
        String etag = s3.uploadPart(b -> b.bucket(bucket).key("mp").uploadId(uploadId).partNumber(1),
                RequestBody.fromBytes(TestData.bytes(1000, 7))).eTag();

        String versionId = s3.completeMultipartUpload(b -> b.bucket(bucket).key("mp").uploadId(uploadId)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etag).build()))).versionId();

        assertThat(retention(s3, bucket, "mp", versionId))
                .isEqualTo(ObjectLockRetention.builder().mode(ObjectLockRetentionMode.COMPLIANCE).retainUntilDate(until).build());
        assertThat(s3.getObjectLegalHold(b -> b.bucket(bucket).key("mp").versionId(versionId)).legalHold().status())
                .isEqualTo(ObjectLockLegalHoldStatus.ON);
    }

    @Test
    void aMultipartObjectWithoutLockHeadersGetsTheDefaultRetentionWhenCompleted(S3Client s3) {
        String bucket = lockedBucket(s3, "lock-multipart-default");
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key("mp")).uploadId();
        s3.putObjectLockConfiguration(b -> b.bucket(bucket).objectLockConfiguration(c -> c
                .objectLockEnabled(ObjectLockEnabled.ENABLED)
                .rule(r -> r.defaultRetention(d -> d.mode(ObjectLockRetentionMode.GOVERNANCE).days(1)))));
        String etag = s3.uploadPart(b -> b.bucket(bucket).key("mp").uploadId(uploadId).partNumber(1),
                RequestBody.fromString("part")).eTag();
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        String versionId = s3.completeMultipartUpload(b -> b.bucket(bucket).key("mp").uploadId(uploadId)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etag).build()))).versionId();

        ObjectLockRetention retention = retention(s3, bucket, "mp", versionId);
        assertThat(retention.mode()).isEqualTo(ObjectLockRetentionMode.GOVERNANCE);
        assertThat(retention.retainUntilDate()).isBetween(before.plus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(1)));
    }

    @Test
    void lockHeadersOnABucketWithoutObjectLockAreInvalidRequests(S3Client s3) {
        String bucket = plainBucket(s3, "lock-plain-put");

        assertError(() -> putRetained(s3, bucket, "k", ObjectLockMode.GOVERNANCE, inDays(1)), 400, "InvalidRequest");
        assertError(() -> s3.createMultipartUpload(b -> b.bucket(bucket).key("mp")
                .objectLockLegalHoldStatus(ObjectLockLegalHoldStatus.ON)), 400, "InvalidRequest");
        s3.putObject(b -> b.bucket(bucket).key("source"), RequestBody.fromString("v"));
        assertError(() -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("source").destinationBucket(bucket)
                .destinationKey("copy").objectLockLegalHoldStatus(ObjectLockLegalHoldStatus.OFF)), 400, "InvalidRequest");
    }

    @Test
    void aRetentionMustNameModeAndDateTogetherAndEndInTheFuture(S3Client s3) {
        String bucket = lockedBucket(s3, "lock-bad-headers");

        assertError(() -> s3.putObject(b -> b.bucket(bucket).key("k").objectLockMode(ObjectLockMode.GOVERNANCE),
                RequestBody.fromString("v")), 400, "InvalidArgument");
        assertError(() -> s3.putObject(b -> b.bucket(bucket).key("k").objectLockRetainUntilDate(inDays(1)),
                RequestBody.fromString("v")), 400, "InvalidArgument");
        assertError(() -> putRetained(s3, bucket, "k", ObjectLockMode.GOVERNANCE, Instant.now().minusSeconds(60)),
                400, "InvalidArgument");
        assertError(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")), 404, "NoSuchKey");
    }

    @Test
    void aRetainedVersionCannotBeDeletedByIdButAPlainDeleteWritesAMarker(S3Client s3) {
        String bucket = lockedBucket(s3, "lock-delete");
        String versionId = putRetained(s3, bucket, "k", ObjectLockMode.GOVERNANCE, inDays(1));

        assertError(() -> deleteVersion(s3, bucket, "k", versionId, false), 403, "AccessDenied");
        DeleteObjectResponse marker = s3.deleteObject(b -> b.bucket(bucket).key("k"));

        assertThat(marker.deleteMarker()).isTrue();
        assertThat(marker.versionId()).isNotEqualTo(versionId);
        assertThat(s3.headObject(b -> b.bucket(bucket).key("k").versionId(versionId)).versionId()).isEqualTo(versionId);
        assertError(() -> deleteVersion(s3, bucket, "k", versionId, false), 403, "AccessDenied");
    }

    @Test
    void theOwnerBypassesGovernanceWithTheHeader() {
        String bucket = lockedBucket(owner, "lock-owner-bypass");
        String versionId = putRetained(owner, bucket, "k", ObjectLockMode.GOVERNANCE, inDays(1));

        deleteVersion(owner, bucket, "k", versionId, true);

        assertError(() -> owner.getObjectAsBytes(b -> b.bucket(bucket).key("k").versionId(versionId)), 404, "NoSuchVersion");
    }

    @Test
    void withoutTheHeaderEvenTheOwnerCannotDeleteAGovernanceVersion() {
        String bucket = lockedBucket(owner, "lock-owner-no-header");
        String versionId = putRetained(owner, bucket, "k", ObjectLockMode.GOVERNANCE, inDays(1));

        assertError(() -> deleteVersion(owner, bucket, "k", versionId, false), 403, "AccessDenied");
        assertThat(owner.headObject(b -> b.bucket(bucket).key("k").versionId(versionId)).objectLockMode())
                .isEqualTo(ObjectLockMode.GOVERNANCE);
    }

    @Test
    void aUserWithoutBypassPermissionCannotBypassEvenWithTheHeader() {
        String bucket = lockedBucket(owner, "lock-other-denied");
        putPolicy(owner, bucket, List.of("s3:DeleteObject", "s3:DeleteObjectVersion"));
        String plainVersion = owner.putObject(b -> b.bucket(bucket).key("plain"), RequestBody.fromString("v")).versionId();
        String versionId = putRetained(owner, bucket, "k", ObjectLockMode.GOVERNANCE, inDays(1));

        deleteVersion(other, bucket, "plain", plainVersion, true);
        assertError(() -> deleteVersion(other, bucket, "k", versionId, true), 403, "AccessDenied");
        assertThat(owner.headObject(b -> b.bucket(bucket).key("k").versionId(versionId)).versionId()).isEqualTo(versionId);
    }

    @Test
    void aUserWhomTheBucketPolicyAllowsBypassMayBypass() {
        String bucket = lockedBucket(owner, "lock-other-allowed");
        putPolicy(owner, bucket, List.of("s3:DeleteObject", "s3:DeleteObjectVersion", "s3:BypassGovernanceRetention"));
        String versionId = putRetained(owner, bucket, "k", ObjectLockMode.GOVERNANCE, inDays(1));

        assertError(() -> deleteVersion(other, bucket, "k", versionId, false), 403, "AccessDenied");
        deleteVersion(other, bucket, "k", versionId, true);

        assertError(() -> owner.getObjectAsBytes(b -> b.bucket(bucket).key("k").versionId(versionId)), 404, "NoSuchVersion");
    }

    @Test
    void aComplianceVersionIsNotDeletableBeforeItsDateEvenWithBypass(S3Client admin) {
        String bucket = lockedBucket(admin, "lock-compliance");
        String versionId = putRetained(admin, bucket, "k", ObjectLockMode.COMPLIANCE, inDays(1));

        assertError(() -> deleteVersion(admin, bucket, "k", versionId, true), 403, "AccessDenied");
        assertError(() -> setRetention(admin, bucket, "k", ObjectLockRetentionMode.COMPLIANCE, inDays(0).plusSeconds(60), true),
                403, "AccessDenied");
        assertThat(admin.headObject(b -> b.bucket(bucket).key("k").versionId(versionId)).versionId()).isEqualTo(versionId);
    }

    @Test
    void aComplianceRetentionCanBeExtendedButNotShortenedOrTurnedIntoGovernance() {
        String bucket = lockedBucket(owner, "lock-compliance-change");
        Instant first = inDays(1);
        String versionId = putRetained(owner, bucket, "k", ObjectLockMode.COMPLIANCE, first);
        Instant extended = first.plus(Duration.ofDays(1));

        setRetention(owner, bucket, "k", ObjectLockRetentionMode.COMPLIANCE, extended, false);

        assertThat(retention(owner, bucket, "k", versionId).retainUntilDate()).isEqualTo(extended);
        assertError(() -> setRetention(owner, bucket, "k", ObjectLockRetentionMode.COMPLIANCE, first, false), 403, "AccessDenied");
        assertError(() -> setRetention(owner, bucket, "k", ObjectLockRetentionMode.COMPLIANCE, first, true), 403, "AccessDenied");
        assertError(() -> setRetention(owner, bucket, "k", ObjectLockRetentionMode.GOVERNANCE, extended, true), 403, "AccessDenied");
        assertThat(retention(owner, bucket, "k", versionId))
                .isEqualTo(ObjectLockRetention.builder().mode(ObjectLockRetentionMode.COMPLIANCE).retainUntilDate(extended).build());
    }

    @Test
    void shorteningAGovernanceRetentionNeedsTheBypass() {
        String bucket = lockedBucket(owner, "lock-governance-change");
        Instant longer = inDays(2);
        String versionId = putRetained(owner, bucket, "k", ObjectLockMode.GOVERNANCE, longer);
        Instant shorter = inDays(1);

        assertError(() -> setRetention(owner, bucket, "k", ObjectLockRetentionMode.GOVERNANCE, shorter, false), 403, "AccessDenied");
        assertThat(retention(owner, bucket, "k", versionId).retainUntilDate()).isEqualTo(longer);
        setRetention(owner, bucket, "k", ObjectLockRetentionMode.GOVERNANCE, shorter, true);

        assertThat(retention(owner, bucket, "k", versionId).retainUntilDate()).isEqualTo(shorter);
        assertError(() -> setRetention(owner, bucket, "k", ObjectLockRetentionMode.COMPLIANCE, shorter, false), 403,
                "AccessDenied");
        setRetention(owner, bucket, "k", ObjectLockRetentionMode.COMPLIANCE, shorter, true);
        assertThat(retention(owner, bucket, "k", versionId).mode()).isEqualTo(ObjectLockRetentionMode.COMPLIANCE);
    }

    @Test
    void aLegalHoldBlocksDeletionUntilItIsRemoved(S3Client s3) {
        String bucket = lockedBucket(s3, "lock-hold");
        String versionId = s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("v")).versionId();
        s3.putObjectLegalHold(b -> b.bucket(bucket).key("k").legalHold(h -> h.status(ObjectLockLegalHoldStatus.ON)));

        assertError(() -> deleteVersion(s3, bucket, "k", versionId, true), 403, "AccessDenied");
        s3.putObjectLegalHold(b -> b.bucket(bucket).key("k").versionId(versionId).legalHold(h -> h.status(ObjectLockLegalHoldStatus.OFF)));
        assertThat(s3.getObjectLegalHold(b -> b.bucket(bucket).key("k")).legalHold().status())
                .as("a removed hold reads OFF").isEqualTo(ObjectLockLegalHoldStatus.OFF);
        assertThat(s3.headObject(b -> b.bucket(bucket).key("k")).objectLockLegalHoldStatus())
                .isEqualTo(ObjectLockLegalHoldStatus.OFF);
        deleteVersion(s3, bucket, "k", versionId, false);

        assertError(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("k").versionId(versionId)), 404, "NoSuchVersion");
    }

    @Test
    void onceTheRetentionDatePassesTheVersionCanBeDeleted(S3Client s3) throws InterruptedException {
        String bucket = lockedBucket(s3, "lock-expiry");
        Instant until = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.MILLIS);
        String versionId = putRetained(s3, bucket, "k", ObjectLockMode.COMPLIANCE, until);

        Instant deadline = Instant.now().plusSeconds(60);
        Instant deletedAt = null;
        while (deletedAt == null && Instant.now().isBefore(deadline)) {
            try {
                deleteVersion(s3, bucket, "k", versionId, false);
                deletedAt = Instant.now();
            } catch (S3Exception e) {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                Thread.sleep(200);
            }
        }

        assertThat(deletedAt).as("deleted once the retention ended").isNotNull().isAfterOrEqualTo(until);
        assertError(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("k").versionId(versionId)), 404, "NoSuchVersion");
    }

    @Test
    void versionsWithoutRetentionOrLegalHoldHaveNoLockConfiguration(S3Client s3) {
        String bucket = lockedBucket(s3, "lock-nothing");
        s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("v"));

        assertError(() -> s3.getObjectRetention(b -> b.bucket(bucket).key("k")), 404, "NoSuchObjectLockConfiguration");
        assertError(() -> s3.getObjectLegalHold(b -> b.bucket(bucket).key("k")), 404, "NoSuchObjectLockConfiguration");
        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key("k"));
        assertThat(head.objectLockMode()).isNull();
        assertThat(head.objectLockLegalHoldStatus()).isNull();
    }

    @Test
    void retentionAndLegalHoldRequestsOnABucketWithoutObjectLockAreInvalid(S3Client s3) {
        String bucket = plainBucket(s3, "lock-plain");
        s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("v"));

        assertError(() -> setRetention(s3, bucket, "k", ObjectLockRetentionMode.GOVERNANCE, inDays(1), false), 400, "InvalidRequest");
        assertError(() -> s3.getObjectRetention(b -> b.bucket(bucket).key("k")), 400, "InvalidRequest");
        assertError(() -> s3.putObjectLegalHold(b -> b.bucket(bucket).key("k").legalHold(h -> h.status(ObjectLockLegalHoldStatus.ON))),
                400, "InvalidRequest");
        assertError(() -> s3.getObjectLegalHold(b -> b.bucket(bucket).key("k")), 400, "InvalidRequest");
    }

    @Test
    void missingObjectsVersionsAndDeleteMarkersAnswerAsS3Does(S3Client s3) {
        String bucket = lockedBucket(s3, "lock-missing");
        String versionId = s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("v")).versionId();
        String markerId = s3.deleteObject(b -> b.bucket(bucket).key("k")).versionId();

        assertError(() -> s3.getObjectRetention(b -> b.bucket(bucket).key("absent")), 404, "NoSuchKey");
        assertError(() -> s3.getObjectRetention(b -> b.bucket(bucket).key("k").versionId("AAAAAAAAAAAAAAAAAAAAAA")),
                404, "NoSuchVersion");
        assertError(() -> s3.getObjectRetention(b -> b.bucket(bucket).key("k")), 404, "NoSuchKey");
        assertError(() -> s3.getObjectLegalHold(b -> b.bucket(bucket).key("k").versionId(markerId)), 405, "MethodNotAllowed");
        assertError(() -> setRetention(s3, bucket, "k", ObjectLockRetentionMode.GOVERNANCE, inDays(1), false), 404, "NoSuchKey");
        assertError(() -> setRetention(s3, bucket, "k", markerId, ObjectLockRetentionMode.GOVERNANCE, inDays(1), false),
                405, "MethodNotAllowed");
        setRetention(s3, bucket, "k", versionId, ObjectLockRetentionMode.GOVERNANCE, inDays(1), false);
        assertThat(retention(s3, bucket, "k", versionId).mode()).isEqualTo(ObjectLockRetentionMode.GOVERNANCE);
    }

    @Test
    void lockHeadersAreShownOnlyToCallersAllowedToReadThem() {
        String bucket = lockedBucket(owner, "lock-visible");
        putPolicy(owner, bucket, List.of("s3:GetObject"));
        owner.putObject(b -> b.bucket(bucket).key("k").objectLockMode(ObjectLockMode.GOVERNANCE).objectLockRetainUntilDate(inDays(1))
                .objectLockLegalHoldStatus(ObjectLockLegalHoldStatus.ON), RequestBody.fromString("v"));

        HeadObjectResponse seenByOther = other.headObject(b -> b.bucket(bucket).key("k"));
        assertThat(seenByOther.objectLockMode()).isNull();
        assertThat(seenByOther.objectLockLegalHoldStatus()).isNull();

        putPolicy(owner, bucket, List.of("s3:GetObject", "s3:GetObjectRetention", "s3:GetObjectLegalHold"));
        HeadObjectResponse allowed = other.headObject(b -> b.bucket(bucket).key("k"));
        assertThat(allowed.objectLockMode()).isEqualTo(ObjectLockMode.GOVERNANCE);
        assertThat(allowed.objectLockLegalHoldStatus()).isEqualTo(ObjectLockLegalHoldStatus.ON);
    }

    @Test
    void lockHeadersOnAWriteNeedThePermissionToSetThem() {
        String bucket = lockedBucket(owner, "lock-write-permission");
        putPolicy(owner, bucket, List.of("s3:PutObject"));

        assertError(() -> putRetained(other, bucket, "k", ObjectLockMode.GOVERNANCE, inDays(1)), 403, "AccessDenied");
        assertError(() -> other.putObject(b -> b.bucket(bucket).key("k").objectLockLegalHoldStatus(ObjectLockLegalHoldStatus.ON),
                RequestBody.fromString("v")), 403, "AccessDenied");
        other.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("v"));

        putPolicy(owner, bucket, List.of("s3:PutObject", "s3:PutObjectRetention"));
        String versionId = putRetained(other, bucket, "k", ObjectLockMode.GOVERNANCE, inDays(1));
        assertThat(retention(owner, bucket, "k", versionId).mode()).isEqualTo(ObjectLockRetentionMode.GOVERNANCE);
    }
}
