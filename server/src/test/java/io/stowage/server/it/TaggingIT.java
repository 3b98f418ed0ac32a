package io.stowage.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Tag;

/** Object and bucket tagging through the AWS SDK v2, versions included, with S3's limits and errors. */
@ExtendWith(StowageServerExtension.class)
class TaggingIT {

    @Test
    void objectTagsArePutReadAndDeletedPerVersion(S3Client s3) {
        String bucket = TestData.bucketName("tags");
        s3.createBucket(b -> b.bucket(bucket));
        s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(c -> c.status(BucketVersioningStatus.ENABLED)));
        String first = s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("1")).versionId();
        String second = s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("2")).versionId();

        assertThat(s3.getObjectTagging(b -> b.bucket(bucket).key("k")).tagSet()).isEmpty();
        String tagged = s3.putObjectTagging(b -> b.bucket(bucket).key("k").versionId(first).tagging(t -> t.tagSet(
                tag("team", "data lake"), tag("env", "prod")))).versionId();
        assertThat(tagged).isEqualTo(first);

        assertThat(tags(s3.getObjectTagging(b -> b.bucket(bucket).key("k").versionId(first)).tagSet()))
                .containsExactlyInAnyOrderEntriesOf(Map.of("team", "data lake", "env", "prod"));
        var current = s3.getObjectTagging(b -> b.bucket(bucket).key("k"));
        assertThat(current.tagSet()).isEmpty();
        assertThat(current.versionId()).isEqualTo(second);

        s3.putObjectTagging(b -> b.bucket(bucket).key("k").tagging(t -> t.tagSet(tag("current", "yes"))));
        s3.deleteObjectTagging(b -> b.bucket(bucket).key("k").versionId(first));
        assertThat(s3.getObjectTagging(b -> b.bucket(bucket).key("k").versionId(first)).tagSet()).isEmpty();
        assertThat(tags(s3.getObjectTagging(b -> b.bucket(bucket).key("k")).tagSet())).containsEntry("current", "yes");

        assertError(() -> s3.getObjectTagging(b -> b.bucket(bucket).key("missing")), 404, "NoSuchKey");
        assertError(() -> s3.putObjectTagging(b -> b.bucket(bucket).key("k").versionId("no-such")
                .tagging(t -> t.tagSet(tag("a", "b")))), 404, "NoSuchVersion");
    }

    @Test
    void writesTagTheirObjectsThroughTheTaggingHeader(S3Client s3) {
        String bucket = TestData.bucketName("tag-writes");
        s3.createBucket(b -> b.bucket(bucket));
        s3.putObject(b -> b.bucket(bucket).key("put").tagging("team=data%20lake&env=prod"), RequestBody.fromString("x"));
        assertThat(tags(s3.getObjectTagging(b -> b.bucket(bucket).key("put")).tagSet()))
                .containsExactlyInAnyOrderEntriesOf(Map.of("team", "data lake", "env", "prod"));
        assertThat(s3.getObject(b -> b.bucket(bucket).key("put")).response().tagCount()).isEqualTo(2);

        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("put").destinationBucket(bucket).destinationKey("copied"));
        assertThat(tags(s3.getObjectTagging(b -> b.bucket(bucket).key("copied")).tagSet())).containsEntry("team", "data lake");
        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("put").destinationBucket(bucket).destinationKey("replaced")
                .taggingDirective("REPLACE").tagging("copy=new"));
        assertThat(tags(s3.getObjectTagging(b -> b.bucket(bucket).key("replaced")).tagSet()))
                .containsExactlyEntriesOf(Map.of("copy", "new"));

        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key("multi").tagging("stage=raw")).uploadId();
        String etag = s3.uploadPart(b -> b.bucket(bucket).key("multi").uploadId(uploadId).partNumber(1),
                RequestBody.fromString("part")).eTag();
        s3.completeMultipartUpload(b -> b.bucket(bucket).key("multi").uploadId(uploadId)
                .multipartUpload(m -> m.parts(p -> p.partNumber(1).eTag(etag))));
        assertThat(tags(s3.getObjectTagging(b -> b.bucket(bucket).key("multi")).tagSet()))
                .containsExactlyEntriesOf(Map.of("stage", "raw"));

        assertError(() -> s3.putObject(b -> b.bucket(bucket).key("bad").tagging("aws:k=v"), RequestBody.fromString("x")),
                400, "InvalidTag");
        assertError(() -> s3.putObject(b -> b.bucket(bucket).key("bad").tagging(
                IntStream.range(0, 11).mapToObj(i -> "k" + i + "=v").collect(Collectors.joining("&"))),
                RequestBody.fromString("x")), 400, "InvalidTag");
        assertError(() -> s3.getObject(b -> b.bucket(bucket).key("bad")), 404, "NoSuchKey");
    }

    @Test
    void objectTagsFollowS3sLimits(S3Client s3) {
        String bucket = TestData.bucketName("tag-limits");
        s3.createBucket(b -> b.bucket(bucket));
        s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("x"));

        assertError(() -> s3.putObjectTagging(b -> b.bucket(bucket).key("k").tagging(t -> t.tagSet(
                IntStream.range(0, 11).mapToObj(i -> tag("k" + i, "v")).toList()))), 400, "InvalidTag");
        assertError(() -> s3.putObjectTagging(b -> b.bucket(bucket).key("k").tagging(t -> t.tagSet(
                tag("k".repeat(129), "v")))), 400, "InvalidTag");
        assertError(() -> s3.putObjectTagging(b -> b.bucket(bucket).key("k").tagging(t -> t.tagSet(
                tag("dup", "1"), tag("dup", "2")))), 400, "InvalidTag");
        assertError(() -> s3.putObjectTagging(b -> b.bucket(bucket).key("k").tagging(t -> t.tagSet(
                tag("aws:owner", "me")))), 400, "InvalidTag");
        s3.putObjectTagging(b -> b.bucket(bucket).key("k").tagging(t -> t.tagSet(
                IntStream.range(0, 10).mapToObj(i -> tag("k" + i, "v" + i)).toList())));
        assertThat(s3.getObjectTagging(b -> b.bucket(bucket).key("k")).tagSet()).hasSize(10);
    }

    @Test
    void bucketTagsAreReplacedWholeAndDeleted(S3Client s3) {
        String bucket = TestData.bucketName("bucket-tags");
        s3.createBucket(b -> b.bucket(bucket));
        assertError(() -> s3.getBucketTagging(b -> b.bucket(bucket)), 404, "NoSuchTagSet");

        s3.putBucketTagging(b -> b.bucket(bucket).tagging(t -> t.tagSet(tag("owner", "platform"), tag("tier", "gold"))));
        s3.putBucketTagging(b -> b.bucket(bucket).tagging(t -> t.tagSet(
                IntStream.range(0, 50).mapToObj(i -> tag("k" + i, "v")).toList())));
        assertThat(s3.getBucketTagging(b -> b.bucket(bucket)).tagSet()).hasSize(50)
                .noneMatch(t -> t.key().equals("owner"));
        assertError(() -> s3.putBucketTagging(b -> b.bucket(bucket).tagging(t -> t.tagSet(
                IntStream.range(0, 51).mapToObj(i -> tag("k" + i, "v")).toList()))), 400, "InvalidTag");

        s3.deleteBucketTagging(b -> b.bucket(bucket));
        assertError(() -> s3.getBucketTagging(b -> b.bucket(bucket)), 404, "NoSuchTagSet");
        assertError(() -> s3.getBucketTagging(b -> b.bucket(TestData.bucketName("absent"))), 404, "NoSuchBucket");
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    private static Map<String, String> tags(List<Tag> tags) {
        return tags.stream().collect(Collectors.toMap(Tag::key, Tag::value));
    }

    private static void assertError(Runnable call, int status, String code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.statusCode()).isEqualTo(status);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
        });
    }
}
