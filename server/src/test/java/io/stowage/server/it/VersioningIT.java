package io.stowage.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteMarkerEntry;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.DeletedObject;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.MFADelete;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Bucket versioning through the AWS SDK for Java v2: versions, delete markers, listings, copies, multipart, batches. */
@ExtendWith(StowageServerExtension.class)
class VersioningIT {

    @Test
    void versioningIsEnabledAndSuspendedButMfaDeleteIsNotSupported(S3Client s3) {
        String bucket = TestData.bucketName("vconf");
        s3.createBucket(b -> b.bucket(bucket));
        assertThat(s3.getBucketVersioning(b -> b.bucket(bucket)).status()).isNull();

        s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(c -> c.status(BucketVersioningStatus.ENABLED)));
        assertThat(s3.getBucketVersioning(b -> b.bucket(bucket)).status()).isEqualTo(BucketVersioningStatus.ENABLED);
        s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(c -> c.status(BucketVersioningStatus.SUSPENDED)));
        assertThat(s3.getBucketVersioning(b -> b.bucket(bucket)).status()).isEqualTo(BucketVersioningStatus.SUSPENDED);

        assertError(() -> s3.putBucketVersioning(b -> b.bucket(bucket).mfa("serial 123456").versioningConfiguration(
                c -> c.status(BucketVersioningStatus.ENABLED).mfaDelete(MFADelete.ENABLED))), 501, "NotImplemented");
        assertError(() -> s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(c -> c.status("Sometimes"))),
                400, "MalformedXML");
        assertError(() -> s3.putBucketVersioning(b -> b.bucket(TestData.bucketName("missing"))
                .versioningConfiguration(c -> c.status(BucketVersioningStatus.ENABLED))), 404, "NoSuchBucket");
        assertThat(s3.getBucketVersioning(b -> b.bucket(bucket)).status()).isEqualTo(BucketVersioningStatus.SUSPENDED);
    }

    @Test
    void everyWriteOfAnEnabledBucketIsAVersionReadableById(S3Client s3) {
        String bucket = versionedBucket(s3, "vput");
        String first = s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("one")).versionId();
        String second = s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("two")).versionId();

        assertThat(first).isNotBlank().isNotEqualTo("null").isNotEqualTo(second);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String()).isEqualTo("two");
        var old = s3.getObjectAsBytes(b -> b.bucket(bucket).key("k").versionId(first));
        assertThat(old.asUtf8String()).isEqualTo("one");
        assertThat(old.response().versionId()).isEqualTo(first);
        assertThat(s3.headObject(b -> b.bucket(bucket).key("k").versionId(first)).contentLength()).isEqualTo(3);
        assertThat(s3.headObject(b -> b.bucket(bucket).key("k")).versionId()).isEqualTo(second);
        assertError(() -> s3.getObject(b -> b.bucket(bucket).key("k").versionId("no-such-version")), 404, "NoSuchVersion");
    }

    @Test
    void aDeleteWritesADeleteMarkerThatHidesTheObjectUntilItIsRemoved(S3Client s3) {
        String bucket = versionedBucket(s3, "vdel");
        String kept = s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("kept")).versionId();

        DeleteObjectResponse deleted = s3.deleteObject(b -> b.bucket(bucket).key("k"));
        assertThat(deleted.deleteMarker()).isTrue();
        String marker = deleted.versionId();
        assertThat(marker).isNotBlank().isNotEqualTo(kept);

        S3Exception missing = assertError(() -> s3.getObject(b -> b.bucket(bucket).key("k")), 404, "NoSuchKey");
        assertThat(header(missing, "x-amz-delete-marker")).isEqualTo("true");
        assertThat(header(missing, "x-amz-version-id")).isEqualTo(marker);
        S3Exception byId = assertError(() -> s3.getObject(b -> b.bucket(bucket).key("k").versionId(marker)), 405,
                "MethodNotAllowed");
        assertThat(header(byId, "x-amz-delete-marker")).isEqualTo("true");
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket(bucket).key("k")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(404));
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).contents()).isEmpty();
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("k").versionId(kept)).asUtf8String()).isEqualTo("kept");

        DeleteObjectResponse unmarked = s3.deleteObject(b -> b.bucket(bucket).key("k").versionId(marker));
        assertThat(unmarked.deleteMarker()).isTrue();
        assertThat(unmarked.versionId()).isEqualTo(marker);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String()).isEqualTo("kept");
    }

    @Test
    void deletingTheCurrentVersionByIdMakesTheOlderOneCurrent(S3Client s3) {
        String bucket = versionedBucket(s3, "vpromote");
        String first = s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("one")).versionId();
        String second = s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("two")).versionId();

        DeleteObjectResponse removed = s3.deleteObject(b -> b.bucket(bucket).key("k").versionId(second));
        assertThat(removed.versionId()).isEqualTo(second);
        assertThat(removed.deleteMarker()).isNull();

        var current = s3.getObjectAsBytes(b -> b.bucket(bucket).key("k"));
        assertThat(current.asUtf8String()).isEqualTo("one");
        assertThat(current.response().versionId()).isEqualTo(first);
        assertError(() -> s3.getObject(b -> b.bucket(bucket).key("k").versionId(second)), 404, "NoSuchVersion");
        // deleting a version that is gone succeeds, as S3 does
        s3.deleteObject(b -> b.bucket(bucket).key("k").versionId(second));
    }

    @Test
    void listObjectVersionsShowsVersionsAndMarkersNewestFirstAcrossPages(S3Client s3) {
        String bucket = versionedBucket(s3, "vlist");
        List<String> expected = new ArrayList<>();
        for (String key : List.of("a", "dir/x", "dir/y", "z")) {
            List<String> ofKey = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                int n = i;
                ofKey.add(0, key + "@" + s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(key + n)).versionId());
            }
            if (key.equals("dir/y")) {
                ofKey.add(0, "marker:" + key + "@" + s3.deleteObject(b -> b.bucket(bucket).key(key)).versionId());
            }
            expected.addAll(ofKey);
        }

        ListObjectVersionsResponse all = s3.listObjectVersions(b -> b.bucket(bucket));
        assertThat(entries(all)).containsExactlyElementsOf(expected);
        assertThat(all.versions().stream().filter(ObjectVersion::isLatest).map(ObjectVersion::key))
                .containsExactly("a", "dir/x", "z");
        assertThat(all.deleteMarkers()).singleElement().satisfies(m -> {
            assertThat(m.key()).isEqualTo("dir/y");
            assertThat(m.isLatest()).isTrue();
            assertThat(m.owner().id()).isEqualTo(all.versions().getFirst().owner().id());
        });

        List<String> paged = new ArrayList<>();
        String keyMarker = null;
        String versionMarker = null;
        int pages = 0;
        ListObjectVersionsResponse page;
        do {
            String k = keyMarker;
            String v = versionMarker;
            page = s3.listObjectVersions(b -> b.bucket(bucket).maxKeys(2).keyMarker(k).versionIdMarker(v));
            paged.addAll(entries(page));
            keyMarker = page.nextKeyMarker();
            versionMarker = page.nextVersionIdMarker();
            pages++;
        } while (page.isTruncated());
        assertThat(paged).containsExactlyElementsOf(expected);
        assertThat(pages).isEqualTo((expected.size() + 1) / 2);

        ListObjectVersionsResponse rolled = s3.listObjectVersions(b -> b.bucket(bucket).delimiter("/"));
        assertThat(rolled.commonPrefixes()).extracting(p -> p.prefix()).containsExactly("dir/");
        assertThat(entries(rolled)).allMatch(e -> e.startsWith("a@") || e.startsWith("z@"));
        ListObjectVersionsResponse prefixed = s3.listObjectVersions(b -> b.bucket(bucket).prefix("dir/"));
        assertThat(entries(prefixed)).allMatch(e -> e.contains("dir/")).hasSize(7);

        assertError(() -> s3.listObjectVersions(b -> b.bucket(bucket).versionIdMarker("x")), 400, "InvalidArgument");
    }

    @Test
    void aSuspendedBucketWritesTheNullVersionAndKeepsTheVersionsItHad(S3Client s3) {
        String bucket = versionedBucket(s3, "vsusp");
        String versioned = s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("versioned")).versionId();
        s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(c -> c.status(BucketVersioningStatus.SUSPENDED)));

        s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("null-1"));
        s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("null-2"));

        assertThat(entries(s3.listObjectVersions(b -> b.bucket(bucket)))).containsExactly("k@null", "k@" + versioned);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("k").versionId("null")).asUtf8String()).isEqualTo("null-2");
        DeleteObjectResponse marker = s3.deleteObject(b -> b.bucket(bucket).key("k"));
        assertThat(marker.deleteMarker()).isTrue();
        assertThat(entries(s3.listObjectVersions(b -> b.bucket(bucket)))).containsExactly("marker:k@null", "k@" + versioned);
    }

    @Test
    void copiesReadAnyVersionAndCopyingAnOlderVersionOntoItsKeyRestoresIt(S3Client s3) {
        String bucket = versionedBucket(s3, "vcopy");
        String first = s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("one")).versionId();
        s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("two"));

        CopyObjectResponse copied = s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("k").sourceVersionId(first)
                .destinationBucket(bucket).destinationKey("copy"));
        assertThat(copied.copySourceVersionId()).isEqualTo(first);
        assertThat(copied.versionId()).isNotBlank().isNotEqualTo(first);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("copy")).asUtf8String()).isEqualTo("one");

        CopyObjectResponse restored = s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("k").sourceVersionId(first)
                .destinationBucket(bucket).destinationKey("k"));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String()).isEqualTo("one");
        assertThat(s3.listObjectVersions(b -> b.bucket(bucket).prefix("k")).versions()).hasSize(3);
        // the restored copy has bytes of its own: removing the version it came from leaves it whole
        s3.deleteObject(b -> b.bucket(bucket).key("k").versionId(first));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("k").versionId(restored.versionId())).asUtf8String())
                .isEqualTo("one");

        String marker = s3.deleteObject(b -> b.bucket(bucket).key("copy")).versionId();
        assertError(() -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("copy").sourceVersionId(marker)
                .destinationBucket(bucket).destinationKey("other")), 400, "InvalidRequest");
        assertError(() -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("copy")
                .destinationBucket(bucket).destinationKey("other")), 404, "NoSuchKey");
    }

    @Test
    void aCompletedMultipartUploadIsANewVersion(S3Client s3) {
        String bucket = versionedBucket(s3, "vmulti");
        String before = s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("before")).versionId();
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key("k")).uploadId();
        String etag = s3.uploadPart(b -> b.bucket(bucket).key("k").uploadId(uploadId).partNumber(1),
                RequestBody.fromString("multipart")).eTag();

        String version = s3.completeMultipartUpload(b -> b.bucket(bucket).key("k").uploadId(uploadId)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etag).build()))).versionId();

        assertThat(version).isNotBlank().isNotEqualTo(before);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String()).isEqualTo("multipart");
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("k").versionId(before)).asUtf8String()).isEqualTo("before");
    }

    @Test
    void deleteObjectsRemovesVersionsByIdAndWritesMarkersOtherwise(S3Client s3) {
        String bucket = versionedBucket(s3, "vbatch");
        String a1 = s3.putObject(b -> b.bucket(bucket).key("a"), RequestBody.fromString("a1")).versionId();
        String a2 = s3.putObject(b -> b.bucket(bucket).key("a"), RequestBody.fromString("a2")).versionId();
        s3.putObject(b -> b.bucket(bucket).key("b"), RequestBody.fromString("b1"));

        DeleteObjectsResponse response = s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(
                ObjectIdentifier.builder().key("a").versionId(a1).build(),
                ObjectIdentifier.builder().key("b").build())));

        assertThat(response.errors()).isEmpty();
        DeletedObject byId = response.deleted().stream().filter(d -> d.key().equals("a")).findFirst().orElseThrow();
        assertThat(byId.versionId()).isEqualTo(a1);
        assertThat(byId.deleteMarker()).isNull();
        DeletedObject marked = response.deleted().stream().filter(d -> d.key().equals("b")).findFirst().orElseThrow();
        assertThat(marked.deleteMarker()).isTrue();
        assertThat(marked.deleteMarkerVersionId()).isNotBlank();

        ListObjectVersionsResponse left = s3.listObjectVersions(b -> b.bucket(bucket));
        assertThat(left.versions()).extracting(ObjectVersion::versionId).contains(a2).doesNotContain(a1);
        assertThat(left.deleteMarkers()).extracting(DeleteMarkerEntry::versionId).containsExactly(marked.deleteMarkerVersionId());
    }

    @Test
    void readingOrDeletingAVersionNeedsTheVersionActionsOfABucketPolicy(S3Client root, StowageServerExtension server) {
        String bucket = versionedBucket(root, "vpolicy");
        String old = root.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("old")).versionId();
        root.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("new"));
        AdminCalls admin = new AdminCalls(server.adminEndpoint(), StowageServerExtension.ADMIN_TOKEN);
        admin.user("version-reader", "VERSIONREADERKEY", "version-reader-secret");
        root.putBucketPolicy(b -> b.bucket(bucket).policy("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"version-reader"},
                 "Action":["s3:GetObject","s3:DeleteObject"],"Resource":"arn:aws:s3:::%s/*"}]}""".formatted(bucket)));
        try (S3Client reader = server.s3As("VERSIONREADERKEY", "version-reader-secret")) {
            assertThat(reader.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String()).isEqualTo("new");
            assertError(() -> reader.getObject(b -> b.bucket(bucket).key("k").versionId(old)), 403, "AccessDenied");
            assertError(() -> reader.deleteObject(b -> b.bucket(bucket).key("k").versionId(old)), 403, "AccessDenied");

            root.putBucketPolicy(b -> b.bucket(bucket).policy("""
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"version-reader"},
                     "Action":["s3:GetObject","s3:GetObjectVersion","s3:DeleteObjectVersion"],
                     "Resource":"arn:aws:s3:::%s/*"}]}""".formatted(bucket)));
            assertThat(reader.getObjectAsBytes(b -> b.bucket(bucket).key("k").versionId(old)).asUtf8String()).isEqualTo("old");
            reader.deleteObject(b -> b.bucket(bucket).key("k").versionId(old));
        }
        assertThat(root.listObjectVersions(b -> b.bucket(bucket)).versions()).hasSize(1);
    }

    private static String versionedBucket(S3Client s3, String prefix) {
        String bucket = TestData.bucketName(prefix);
        s3.createBucket(b -> b.bucket(bucket));
        s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(c -> c.status(BucketVersioningStatus.ENABLED)));
        return bucket;
    }

    /**
     * "key@versionId" for versions and "marker:key@versionId" for delete markers, keys in order and per key the latest
     * first. The SDK hands versions and markers over as two lists, each in S3's order; these tests put at most one
     * marker on a key, as its latest entry, so that order is rebuilt exactly.
     */
    private static List<String> entries(ListObjectVersionsResponse response) {
        java.util.TreeMap<String, List<String>> byKey = new java.util.TreeMap<>();
        for (DeleteMarkerEntry m : response.deleteMarkers()) {
            byKey.computeIfAbsent(m.key(), k -> new ArrayList<>()).add("marker:" + m.key() + "@" + m.versionId());
        }
        for (ObjectVersion v : response.versions()) {
            List<String> ofKey = byKey.computeIfAbsent(v.key(), k -> new ArrayList<>());
            if (v.isLatest()) {
                ofKey.add(0, v.key() + "@" + v.versionId());
            } else {
                ofKey.add(v.key() + "@" + v.versionId());
            }
        }
        return byKey.values().stream().flatMap(List::stream).toList();
    }

    private static String header(S3Exception e, String name) {
        return e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader(name).orElse(null);
    }

    private static S3Exception assertError(Runnable call, int status, String code) {
        S3Exception[] caught = new S3Exception[1];
        Consumer<S3Exception> check = e -> {
            assertThat(e.statusCode()).isEqualTo(status);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            caught[0] = e;
        };
        assertThatThrownBy(call::run).isInstanceOfSatisfying(S3Exception.class, check);
        return caught[0];
    }
}
