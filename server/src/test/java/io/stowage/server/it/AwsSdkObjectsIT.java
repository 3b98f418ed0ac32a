package io.stowage.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Object operations through the AWS SDK for Java v2 with its default checksum behaviour. */
@ExtendWith(StowageServerExtension.class)
class AwsSdkObjectsIT {

    private static final String BUCKET = TestData.bucketName("objects");

    @BeforeAll
    static void createBucket(S3Client s3) {
        s3.createBucket(b -> b.bucket(BUCKET));
    }

    @Test
    void smallObjectRoundTripsWithItsMetadata(S3Client s3) {
        byte[] data = TestData.bytes(1000, 1);
        PutObjectResponse put = s3.putObject(b -> b.bucket(BUCKET).key("meta/small.bin")
                .contentType("application/x-test")
                .contentEncoding("identity")
                .contentDisposition("attachment; filename=\"small.bin\"")
                .contentLanguage("en")
                .cacheControl("max-age=60")
                .expires(Instant.parse("2030-01-01T00:00:00Z"))
                .metadata(Map.of("color", "blue", "Mixed-Case", "v")), RequestBody.fromBytes(data));
        String md5 = java.util.HexFormat.of().formatHex(md5(data));
        assertThat(put.eTag()).isEqualTo("\"" + md5 + "\"");

        ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("meta/small.bin"));
        assertThat(got.asByteArray()).isEqualTo(data);
        GetObjectResponse r = got.response();
        assertThat(r.eTag()).isEqualTo(put.eTag());
        assertThat(r.contentType()).isEqualTo("application/x-test");
        assertThat(r.contentEncoding()).isEqualTo("identity");
        assertThat(r.contentDisposition()).isEqualTo("attachment; filename=\"small.bin\"");
        assertThat(r.contentLanguage()).isEqualTo("en");
        assertThat(r.cacheControl()).isEqualTo("max-age=60");
        assertThat(r.expiresString()).isEqualTo("Tue, 01 Jan 2030 00:00:00 GMT");
        assertThat(r.metadata()).containsEntry("color", "blue").containsEntry("mixed-case", "v");
        assertThat(r.contentLength()).isEqualTo(1000L);
        assertThat(r.lastModified()).isBefore(Instant.now().plusSeconds(5));

        HeadObjectResponse head = s3.headObject(b -> b.bucket(BUCKET).key("meta/small.bin"));
        assertThat(head.contentLength()).isEqualTo(1000L);
        assertThat(head.eTag()).isEqualTo(put.eTag());
        assertThat(head.metadata()).containsEntry("color", "blue");
    }

    @Test
    void defaultContentTypeIsBinaryOctetStream(S3Client s3) {
        s3.putObject(b -> b.bucket(BUCKET).key("no-type"), RequestBody.fromBytes(new byte[] {1, 2, 3}));
        // The SDK sets a Content-Type of its own for byte bodies; what it sent is what comes back.
        assertThat(s3.headObject(b -> b.bucket(BUCKET).key("no-type")).contentType()).isNotBlank();
    }

    @Test
    void fiftyMebibyteSinglePutStreamsBothWays(S3Client s3) throws IOException {
        long size = 50L * 1024 * 1024;
        String expected = TestData.sha256(TestData.stream(size, 50));
        s3.putObject(b -> b.bucket(BUCKET).key("large/50MiB"), RequestBody.fromInputStream(TestData.stream(size, 50), size));
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(BUCKET).key("large/50MiB"))) {
            assertThat(in.response().contentLength()).isEqualTo(size);
            assertThat(TestData.sha256(in)).isEqualTo(expected);
        }
    }

    @Test
    void emptyObject(S3Client s3) {
        s3.putObject(b -> b.bucket(BUCKET).key("empty"), RequestBody.empty());
        ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("empty"));
        assertThat(got.asByteArray()).isEmpty();
        assertThat(got.response().eTag()).isEqualTo("\"d41d8cd98f00b204e9800998ecf8427e\"");
    }

    @Test
    void rangesOnInlineAndBlobObjects(S3Client s3) {
        for (int size : new int[] {1000, 200_000}) {
            byte[] data = TestData.bytes(size, size);
            String key = "range/" + size;
            s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(data));

            ResponseBytes<GetObjectResponse> first = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key).range("bytes=0-9"));
            assertThat(first.asByteArray()).isEqualTo(java.util.Arrays.copyOfRange(data, 0, 10));
            assertThat(first.response().contentRange()).isEqualTo("bytes 0-9/" + size);

            ResponseBytes<GetObjectResponse> open = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key).range("bytes=100-"));
            assertThat(open.asByteArray()).isEqualTo(java.util.Arrays.copyOfRange(data, 100, size));

            ResponseBytes<GetObjectResponse> suffix = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key).range("bytes=-7"));
            assertThat(suffix.asByteArray()).isEqualTo(java.util.Arrays.copyOfRange(data, size - 7, size));
            assertThat(suffix.response().contentRange()).isEqualTo("bytes " + (size - 7) + "-" + (size - 1) + "/" + size);

            ResponseBytes<GetObjectResponse> beyond = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key).range("bytes=10-999999999"));
            assertThat(beyond.asByteArray()).isEqualTo(java.util.Arrays.copyOfRange(data, 10, size));

            assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key).range("bytes=" + size + "-")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(416);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidRange");
                    });
        }
    }

    @Test
    void conditionalReads(S3Client s3) {
        s3.putObject(b -> b.bucket(BUCKET).key("cond"), RequestBody.fromString("conditional"));
        String etag = s3.headObject(b -> b.bucket(BUCKET).key("cond")).eTag();
        Instant lastModified = s3.headObject(b -> b.bucket(BUCKET).key("cond")).lastModified();

        assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("cond").ifMatch(etag)).asUtf8String()).isEqualTo("conditional");
        assertStatus(() -> s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("cond").ifMatch("\"0000\"")), 412);
        assertStatus(() -> s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("cond").ifNoneMatch(etag)), 304);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("cond").ifNoneMatch("\"0000\"")).asUtf8String()).isEqualTo("conditional");
        assertStatus(() -> s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("cond").ifModifiedSince(lastModified.plusSeconds(60))), 304);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("cond").ifModifiedSince(lastModified.minusSeconds(60))).asUtf8String())
                .isEqualTo("conditional");
        assertStatus(() -> s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("cond").ifUnmodifiedSince(lastModified.minusSeconds(60))), 412);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("cond").ifUnmodifiedSince(lastModified.plusSeconds(60))).asUtf8String())
                .isEqualTo("conditional");
        assertStatus(() -> s3.headObject(b -> b.bucket(BUCKET).key("cond").ifNoneMatch(etag)), 304);
        assertStatus(() -> s3.headObject(b -> b.bucket(BUCKET).key("cond").ifMatch("\"0000\"")), 412);
    }

    @Test
    void responseHeaderOverrides(S3Client s3) {
        s3.putObject(b -> b.bucket(BUCKET).key("override"), RequestBody.fromString("x"));
        GetObjectResponse r = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("override")
                .responseContentType("text/csv")
                .responseContentDisposition("inline")
                .responseCacheControl("no-cache")
                .responseContentLanguage("de")
                .responseContentEncoding("gzip")
                .responseExpires(Instant.parse("2031-02-03T04:05:06Z"))).response();
        assertThat(r.contentType()).isEqualTo("text/csv");
        assertThat(r.contentDisposition()).isEqualTo("inline");
        assertThat(r.cacheControl()).isEqualTo("no-cache");
        assertThat(r.contentLanguage()).isEqualTo("de");
        assertThat(r.contentEncoding()).isEqualTo("gzip");
        assertThat(r.expiresString()).isEqualTo("Mon, 03 Feb 2031 04:05:06 GMT");
    }

    @Test
    void contentMd5IsVerified(S3Client s3) {
        byte[] data = "payload".getBytes();
        s3.putObject(b -> b.bucket(BUCKET).key("md5-ok").contentMD5(Base64.getEncoder().encodeToString(md5(data))),
                RequestBody.fromBytes(data));
        String wrong = Base64.getEncoder().encodeToString(md5("other".getBytes()));
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket(BUCKET).key("md5-bad").contentMD5(wrong), RequestBody.fromBytes(data)))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("BadDigest");
                });
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket(BUCKET).key("md5-bad"))).isInstanceOf(NoSuchKeyException.class);
    }

    @Test
    void everyChecksumAlgorithmIsStoredAndReturned(S3Client s3) {
        for (ChecksumAlgorithm algorithm : List.of(ChecksumAlgorithm.CRC32, ChecksumAlgorithm.CRC32_C,
                ChecksumAlgorithm.CRC64_NVME, ChecksumAlgorithm.SHA1, ChecksumAlgorithm.SHA256)) {
            String key = "checksum/" + algorithm;
            byte[] data = TestData.bytes(100_000, algorithm.ordinal());
            PutObjectResponse put = s3.putObject(b -> b.bucket(BUCKET).key(key).checksumAlgorithm(algorithm), RequestBody.fromBytes(data));
            HeadObjectResponse head = s3.headObject(b -> b.bucket(BUCKET).key(key).checksumMode(ChecksumMode.ENABLED));
            String sent = switch (algorithm) {
                case CRC32 -> put.checksumCRC32();
                case CRC32_C -> put.checksumCRC32C();
                case CRC64_NVME -> put.checksumCRC64NVME();
                case SHA1 -> put.checksumSHA1();
                case SHA256 -> put.checksumSHA256();
                default -> throw new IllegalStateException();
            };
            String stored = switch (algorithm) {
                case CRC32 -> head.checksumCRC32();
                case CRC32_C -> head.checksumCRC32C();
                case CRC64_NVME -> head.checksumCRC64NVME();
                case SHA1 -> head.checksumSHA1();
                case SHA256 -> head.checksumSHA256();
                default -> throw new IllegalStateException();
            };
            assertThat(sent).as(algorithm.toString()).isNotBlank();
            assertThat(stored).as(algorithm.toString()).isEqualTo(sent);
            // The SDK validates the returned checksum against the bytes it reads in checksum mode.
            assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key).checksumMode(ChecksumMode.ENABLED)).asByteArray())
                    .isEqualTo(data);
        }
    }

    @Test
    void aWrongChecksumHeaderIsRefusedAndNothingIsStored(S3Client s3) {
        byte[] data = "checked".getBytes();
        String wrongCrc = Base64.getEncoder().encodeToString(new byte[] {1, 2, 3, 4});
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket(BUCKET).key("bad-crc").checksumCRC32(wrongCrc), RequestBody.fromBytes(data)))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("BadDigest");
                });
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket(BUCKET).key("bad-crc"))).isInstanceOf(NoSuchKeyException.class);
    }

    @Test
    void conditionalWrites(S3Client s3) {
        s3.putObject(b -> b.bucket(BUCKET).key("cas").ifNoneMatch("*"), RequestBody.fromString("first"));
        assertStatus(() -> s3.putObject(b -> b.bucket(BUCKET).key("cas").ifNoneMatch("*"), RequestBody.fromString("second")), 412);
        String etag = s3.headObject(b -> b.bucket(BUCKET).key("cas")).eTag();
        assertStatus(() -> s3.putObject(b -> b.bucket(BUCKET).key("cas").ifMatch("\"ffff\""), RequestBody.fromString("third")), 412);
        s3.putObject(b -> b.bucket(BUCKET).key("cas").ifMatch(etag), RequestBody.fromString("fourth"));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("cas")).asUtf8String()).isEqualTo("fourth");
    }

    @Test
    void overwriteReplacesAndDeleteRemoves(S3Client s3) {
        s3.putObject(b -> b.bucket(BUCKET).key("ow"), RequestBody.fromBytes(TestData.bytes(100_000, 7)));
        s3.putObject(b -> b.bucket(BUCKET).key("ow"), RequestBody.fromString("short now"));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("ow")).asUtf8String()).isEqualTo("short now");
        s3.deleteObject(b -> b.bucket(BUCKET).key("ow"));
        assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("ow")))
                .isInstanceOfSatisfying(NoSuchKeyException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
        // Deleting what is not there succeeds, as in S3.
        s3.deleteObject(b -> b.bucket(BUCKET).key("ow"));
    }

    @Test
    void copyWithCopyAndReplaceDirectives(S3Client s3) {
        byte[] data = TestData.bytes(150_000, 9);
        s3.putObject(b -> b.bucket(BUCKET).key("copy/src").contentType("text/plain").metadata(Map.of("a", "1")), RequestBody.fromBytes(data));
        String otherBucket = TestData.bucketName("copy-target");
        s3.createBucket(b -> b.bucket(otherBucket));

        CopyObjectResponse copied = s3.copyObject(b -> b.sourceBucket(BUCKET).sourceKey("copy/src")
                .destinationBucket(otherBucket).destinationKey("dst"));
        assertThat(copied.copyObjectResult().eTag()).isEqualTo(s3.headObject(b -> b.bucket(BUCKET).key("copy/src")).eTag());
        ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket(otherBucket).key("dst"));
        assertThat(got.asByteArray()).isEqualTo(data);
        assertThat(got.response().metadata()).containsEntry("a", "1");
        assertThat(got.response().contentType()).isEqualTo("text/plain");

        s3.copyObject(b -> b.sourceBucket(BUCKET).sourceKey("copy/src").destinationBucket(BUCKET).destinationKey("copy/replaced")
                .metadataDirective(MetadataDirective.REPLACE).contentType("image/png").metadata(Map.of("b", "2")));
        HeadObjectResponse replaced = s3.headObject(b -> b.bucket(BUCKET).key("copy/replaced"));
        assertThat(replaced.metadata()).containsOnly(Map.entry("b", "2"));
        assertThat(replaced.contentType()).isEqualTo("image/png");

        // Deleting the source must not affect the copy (its bytes are its own).
        s3.deleteObject(b -> b.bucket(BUCKET).key("copy/src"));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(otherBucket).key("dst")).asByteArray()).isEqualTo(data);
    }

    @Test
    void copyOntoItselfNeedsReplaceAndThenUpdatesOnlyMetadata(S3Client s3) {
        byte[] data = TestData.bytes(100_000, 11);
        s3.putObject(b -> b.bucket(BUCKET).key("self").metadata(Map.of("v", "1")), RequestBody.fromBytes(data));
        assertThatThrownBy(() -> s3.copyObject(b -> b.sourceBucket(BUCKET).sourceKey("self").destinationBucket(BUCKET).destinationKey("self")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidRequest");
                });
        s3.copyObject(b -> b.sourceBucket(BUCKET).sourceKey("self").destinationBucket(BUCKET).destinationKey("self")
                .metadataDirective(MetadataDirective.REPLACE).metadata(Map.of("v", "2")));
        ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("self"));
        assertThat(got.response().metadata()).containsEntry("v", "2");
        assertThat(got.asByteArray()).isEqualTo(data);
    }

    @Test
    void copySourceConditions(S3Client s3) {
        s3.putObject(b -> b.bucket(BUCKET).key("copy-cond"), RequestBody.fromString("c"));
        String etag = s3.headObject(b -> b.bucket(BUCKET).key("copy-cond")).eTag();
        s3.copyObject(b -> b.sourceBucket(BUCKET).sourceKey("copy-cond").destinationBucket(BUCKET).destinationKey("copy-cond-2")
                .copySourceIfMatch(etag));
        assertStatus(() -> s3.copyObject(b -> b.sourceBucket(BUCKET).sourceKey("copy-cond").destinationBucket(BUCKET)
                .destinationKey("copy-cond-3").copySourceIfNoneMatch(etag)), 412);
        assertThatThrownBy(() -> s3.copyObject(b -> b.sourceBucket(BUCKET).sourceKey("copy-missing").destinationBucket(BUCKET)
                .destinationKey("x"))).isInstanceOf(NoSuchKeyException.class);
    }

    @Test
    void deleteObjectsReportsEachKeyAndHonoursQuiet(S3Client s3) {
        for (int i = 0; i < 5; i++) {
            int n = i;
            s3.putObject(b -> b.bucket(BUCKET).key("batch/" + n), RequestBody.fromString("b" + n));
        }
        DeleteObjectsResponse verbose = s3.deleteObjects(b -> b.bucket(BUCKET).delete(d -> d.objects(
                ObjectIdentifier.builder().key("batch/0").build(),
                ObjectIdentifier.builder().key("batch/1").build(),
                ObjectIdentifier.builder().key("batch/never-existed").build())));
        assertThat(verbose.deleted()).extracting(d -> d.key()).containsExactlyInAnyOrder("batch/0", "batch/1", "batch/never-existed");
        assertThat(verbose.errors()).isEmpty();

        DeleteObjectsResponse quiet = s3.deleteObjects(b -> b.bucket(BUCKET).delete(d -> d.quiet(true).objects(
                ObjectIdentifier.builder().key("batch/2").build(),
                ObjectIdentifier.builder().key("batch/3").build())));
        assertThat(quiet.deleted()).isEmpty();
        assertThat(quiet.errors()).isEmpty();
        assertThat(s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("batch/")).contents()).extracting(o -> o.key()).containsExactly("batch/4");
    }

    @Test
    void keysWithUnicodeAndReservedCharacters(S3Client s3) {
        List<String> keys = List.of("spaces in name.txt", "ünïcödé/日本語/ファイル", "a+b=c&d?e#f", "percent%20literal", "tilde~star*(paren)!",
                "trailing/slash/", "emoji-😀", "dots/../../etc/passwd", "/leading-slash");
        for (String key : keys) {
            s3.putObject(b -> b.bucket(BUCKET).key("chars/" + key), RequestBody.fromString(key));
            assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("chars/" + key)).asUtf8String()).as(key).isEqualTo(key);
        }
        assertThat(s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("chars/")).contents()).extracting(o -> o.key().substring(6))
                .containsExactlyInAnyOrderElementsOf(keys);
    }

    @Test
    void keyLengthLimit(S3Client s3) {
        String longest = "k".repeat(1024);
        s3.putObject(b -> b.bucket(BUCKET).key(longest), RequestBody.fromString("ok"));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(longest)).asUtf8String()).isEqualTo("ok");
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket(BUCKET).key(longest + "k"), RequestBody.fromString("no")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("KeyTooLongError");
                });
    }

    @Test
    void missingKeyIsNoSuchKey(S3Client s3) {
        assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("never")))
                .isInstanceOfSatisfying(NoSuchKeyException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchKey");
                    assertThat(e.requestId()).isNotBlank();
                });
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket(BUCKET).key("never")))
                .isInstanceOfSatisfying(NoSuchKeyException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
    }

    @Test
    void aclsDefaultToTheOwnersFullControl(S3Client s3) {
        s3.putObject(b -> b.bucket(BUCKET).key("acl"), RequestBody.fromString("x"));
        var objectAcl = s3.getObjectAcl(b -> b.bucket(BUCKET).key("acl"));
        assertThat(objectAcl.owner().id()).isEqualTo("root");
        assertThat(objectAcl.grants()).singleElement().satisfies(g -> {
            assertThat(g.permissionAsString()).isEqualTo("FULL_CONTROL");
            assertThat(g.grantee().id()).isEqualTo("root");
        });
        assertThat(s3.getBucketAcl(b -> b.bucket(BUCKET)).grants()).hasSize(1);
        s3.putObjectAcl(b -> b.bucket(BUCKET).key("acl").acl(software.amazon.awssdk.services.s3.model.ObjectCannedACL.PRIVATE));
        assertThat(s3.getObjectAcl(b -> b.bucket(BUCKET).key("acl")).grants()).hasSize(1);
        assertThatThrownBy(() -> s3.getObjectAcl(b -> b.bucket(BUCKET).key("no-acl"))).isInstanceOf(NoSuchKeyException.class);
    }

    private static void assertStatus(Runnable call, int status) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(status));
    }

    static byte[] md5(byte[] data) {
        try {
            return java.security.MessageDigest.getInstance("MD5").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
