package io.stowage.backend.garage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.stowage.backend.AccessKey;
import io.stowage.backend.AccessMode;
import io.stowage.backend.BackendException;
import io.stowage.backend.BackendException.Reason;
import io.stowage.backend.BackendSettings;
import io.stowage.backend.BucketBackend;
import io.stowage.backend.BucketBackends;
import io.stowage.backend.BucketGrant;
import io.stowage.backend.BucketQuota;
import io.stowage.server.it.StowageServerExtension;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The Garage backend against {@link FakeGarage} speaking only the v1 admin API (Garage 0.9 and 1.x). */
class GarageAdminApiV1FallbackIT {

    @RegisterExtension
    static final StowageServerExtension STOWAGE = new StowageServerExtension();

    private static FakeGarage garage;

    @BeforeAll
    static void startGarage() throws Exception {
        garage = FakeGarage.start(STOWAGE, true);
        garage.importKey(GarageBackendContractIT.BACKEND_KEY, "stowage");
    }

    @AfterAll
    static void stopGarage() {
        if (garage != null) {
            garage.close();
        }
    }

    @Test
    void provisionsAndTearsDownThroughTheV1Routes() {
        try (BucketBackend backend = open(FakeGarage.TOKEN)) {
            backend.createBucket("v1-bucket", new BucketQuota(0, 1));
            AccessKey key = backend.newKey();
            backend.createKey("v1-acct", key, Optional.of(new BucketGrant("v1-bucket", AccessMode.READ_WRITE)));

            try (S3Client s3 = s3(key)) {
                s3.putObject(b -> b.bucket("v1-bucket").key("one"), RequestBody.fromString("1"));
                S3Exception overQuota = catchThrowableOfType(S3Exception.class,
                        () -> s3.putObject(b -> b.bucket("v1-bucket").key("two"), RequestBody.fromString("2")));
                assertThat(overQuota.statusCode()).isBetween(400, 499);
            }
            assertThat(backend.findBucket("v1-bucket").orElseThrow().quota()).isEqualTo(new BucketQuota(0, 1));
            assertThat(backend.keys("v1-acct")).containsExactly(key.id());

            AccessKey owner = backend.newKey();
            backend.createKey("v1-owner", owner, Optional.empty());
            assertThat(backend.createBucket("v1-owned", BucketQuota.NONE, Optional.of("v1-owner")).owner()).isEqualTo("v1-owner");
            try (S3Client s3 = s3(owner)) {
                s3.putObject(b -> b.bucket("v1-owned").key("k"), RequestBody.fromString("v"));
            }

            assertThat(catchThrowableOfType(BackendException.class, () -> backend.deleteBucket("v1-bucket", false)).reason())
                    .isEqualTo(Reason.BUCKET_NOT_EMPTY);
            backend.deleteBucket("v1-bucket", true);
            backend.revoke(key.id(), "v1-bucket");
            assertThat(backend.findBucket("v1-bucket")).isEmpty();
            assertThat(backend.keys("v1-acct")).isEmpty();
        }
        try (BucketBackend wrong = open("not-the-token-0123456789")) {
            assertThat(catchThrowableOfType(BackendException.class, () -> wrong.findBucket("v1-bucket")).reason())
                    .isEqualTo(Reason.UNAUTHORIZED);
        }
    }

    private static BucketBackend open(String token) {
        return BucketBackends.open(BackendSettings.fromSecretData(GarageBackendContractIT.secretData(STOWAGE, garage, token)));
    }

    private static S3Client s3(AccessKey key) {
        return S3Client.builder().endpointOverride(STOWAGE.endpoint()).region(Region.of(StowageServerExtension.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key.id(), key.secret())))
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(Apache5HttpClient.builder().socketTimeout(Duration.ofSeconds(60))).build();
    }
}
