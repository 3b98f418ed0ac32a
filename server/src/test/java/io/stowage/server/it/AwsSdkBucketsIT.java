package io.stowage.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

@ExtendWith(StowageServerExtension.class)
class AwsSdkBucketsIT {

    @Test
    void createListHeadLocateAndDelete(S3Client s3) {
        String bucket = TestData.bucketName("lifecycle");
        s3.createBucket(b -> b.bucket(bucket));

        assertThat(s3.listBuckets().buckets()).extracting(Bucket::name).contains(bucket);
        assertThat(s3.headBucket(b -> b.bucket(bucket)).sdkHttpResponse().statusCode()).isEqualTo(200);
        assertThat(s3.getBucketLocation(b -> b.bucket(bucket)).locationConstraintAsString()).isEmpty();

        s3.deleteBucket(b -> b.bucket(bucket));
        assertThat(s3.listBuckets().buckets()).extracting(Bucket::name).doesNotContain(bucket);
        assertThatThrownBy(() -> s3.headBucket(b -> b.bucket(bucket))).isInstanceOf(NoSuchBucketException.class);
    }

    @Test
    void creatingTwiceSaysYouOwnIt(S3Client s3) {
        String bucket = TestData.bucketName("twice");
        s3.createBucket(b -> b.bucket(bucket));
        assertThatThrownBy(() -> s3.createBucket(b -> b.bucket(bucket))).isInstanceOf(BucketAlreadyOwnedByYouException.class);
    }

    @Test
    void locationConstraintOfTheServerRegionIsAcceptedAndOthersRefused(S3Client s3) {
        // The server runs in us-east-1, for which AWS clients send no constraint; an explicit other region is refused.
        String bucket = TestData.bucketName("located");
        assertThatThrownBy(() -> s3.createBucket(b -> b.bucket(bucket)
                .createBucketConfiguration(c -> c.locationConstraint(BucketLocationConstraint.EU_WEST_1))))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidLocationConstraint");
                });
        s3.createBucket(b -> b.bucket(bucket).createBucketConfiguration(c -> c.locationConstraint("us-east-1")));
        assertThat(s3.headBucket(b -> b.bucket(bucket)).sdkHttpResponse().isSuccessful()).isTrue();
    }

    @Test
    void deletingANonEmptyBucketIsRefused(S3Client s3) {
        String bucket = TestData.bucketName("full");
        s3.createBucket(b -> b.bucket(bucket));
        s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("x"));
        assertThatThrownBy(() -> s3.deleteBucket(b -> b.bucket(bucket)))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(409);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("BucketNotEmpty");
                });
        s3.deleteObject(b -> b.bucket(bucket).key("k"));
        s3.deleteBucket(b -> b.bucket(bucket));
    }

    @Test
    void missingBucketsAreNoSuchBucket(S3Client s3) {
        String bucket = TestData.bucketName("absent");
        assertThatThrownBy(() -> s3.deleteBucket(b -> b.bucket(bucket))).isInstanceOf(NoSuchBucketException.class);
        assertThatThrownBy(() -> s3.listObjectsV2(b -> b.bucket(bucket))).isInstanceOf(NoSuchBucketException.class);
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("x")))
                .isInstanceOf(NoSuchBucketException.class);
    }

    @Test
    void versioningOfAPlainBucketIsUnset(S3Client s3) {
        String bucket = TestData.bucketName("versioning");
        s3.createBucket(b -> b.bucket(bucket));
        assertThat(s3.getBucketVersioning(b -> b.bucket(bucket)).status()).isNull();
    }
}
