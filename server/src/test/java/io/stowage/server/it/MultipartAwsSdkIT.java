package io.stowage.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.checksums.DefaultChecksumAlgorithm;
import software.amazon.awssdk.checksums.SdkChecksum;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.ListPartsResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.UploadPartCopyResponse;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Multipart uploads through the AWS SDK for Java v2 with its default checksum behaviour (CRC32 on
 * every part): create, upload, list, complete, abort, copy parts, every error the protocol
 * defines, and reads of the completed objects (whole, ranged across part boundaries, by part
 * number, in checksum mode).
 */
@ExtendWith(StowageServerExtension.class)
class MultipartAwsSdkIT {

    private static final String BUCKET = TestData.bucketName("multipart");
    private static final int MIB = 1024 * 1024;
    private static final int PART = 5 * MIB;

    @BeforeAll
    static void createBucket(S3Client s3) {
        s3.createBucket(b -> b.bucket(BUCKET));
    }

    @Test
    void threePartsCompleteIntoOneObject(S3Client s3) {
        byte[][] parts = {TestData.bytes(PART, 101), TestData.bytes(PART + 3, 102), TestData.bytes(MIB + 7, 103)};
        CreateMultipartUploadResponse created = s3.createMultipartUpload(b -> b.bucket(BUCKET).key("mp/three")
                .contentType("application/x-three").metadata(Map.of("origin", "multipart")));
        assertThat(created.bucket()).isEqualTo(BUCKET);
        assertThat(created.key()).isEqualTo("mp/three");
        String uploadId = created.uploadId();
        assertThat(uploadId).isNotBlank();

        List<CompletedPart> completed = uploadParts(s3, "mp/three", uploadId, parts);
        ListPartsResponse listed = s3.listParts(b -> b.bucket(BUCKET).key("mp/three").uploadId(uploadId));
        assertThat(listed.parts()).extracting(p -> p.partNumber()).containsExactly(1, 2, 3);
        assertThat(listed.parts()).extracting(p -> p.size()).containsExactly((long) PART, (long) PART + 3, (long) MIB + 7);
        assertThat(listed.parts()).extracting(p -> p.eTag()).containsExactlyElementsOf(completed.stream().map(CompletedPart::eTag).toList());
        // The SDK sent a CRC32 with every part; the part listing returns it.
        assertThat(listed.parts()).allSatisfy(p -> assertThat(p.checksumCRC32()).isNotBlank());
        assertThat(listed.parts().getFirst().checksumCRC32()).isEqualTo(crc32(parts[0]));
        assertThat(listed.isTruncated()).isFalse();
        assertThat(listed.storageClassAsString()).isEqualTo("STANDARD");
        assertThat(listed.owner().id()).isNotBlank();

        ListPartsResponse page = s3.listParts(b -> b.bucket(BUCKET).key("mp/three").uploadId(uploadId).maxParts(2));
        assertThat(page.isTruncated()).isTrue();
        assertThat(page.nextPartNumberMarker()).isEqualTo(2);
        assertThat(s3.listParts(b -> b.bucket(BUCKET).key("mp/three").uploadId(uploadId).partNumberMarker(2)).parts())
                .extracting(p -> p.partNumber()).containsExactly(3);

        CompleteMultipartUploadResponse done = complete(s3, "mp/three", uploadId, completed);
        String expectedEtag = "\"" + multipartEtag(parts) + "\"";
        assertThat(done.eTag()).isEqualTo(expectedEtag).endsWith("-3\"");
        assertThat(done.bucket()).isEqualTo(BUCKET);
        assertThat(done.key()).isEqualTo("mp/three");
        assertThat(done.location()).endsWith("/" + BUCKET + "/mp/three");

        byte[] whole = concat(parts);
        ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("mp/three"));
        assertThat(got.asByteArray()).isEqualTo(whole);
        assertThat(got.response().eTag()).isEqualTo(expectedEtag);
        assertThat(got.response().contentType()).isEqualTo("application/x-three");
        assertThat(got.response().metadata()).containsEntry("origin", "multipart");
        HeadObjectResponse head = s3.headObject(b -> b.bucket(BUCKET).key("mp/three"));
        assertThat(head.contentLength()).isEqualTo(whole.length);
        assertThat(head.eTag()).isEqualTo(expectedEtag);
        assertThat(s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("mp/three")).contents()).singleElement().satisfies(o -> {
            assertThat(o.eTag()).isEqualTo(expectedEtag);
            assertThat(o.size()).isEqualTo(whole.length);
        });
        // The upload is over.
        assertThat(s3.listMultipartUploads(b -> b.bucket(BUCKET).prefix("mp/three")).uploads()).isEmpty();
        assertNoSuchUpload(() -> s3.listParts(b -> b.bucket(BUCKET).key("mp/three").uploadId(uploadId)));

        // Ranges that start and end inside parts and cross their boundaries.
        int b1 = PART;
        int b2 = PART + PART + 3;
        for (long[] range : new long[][] {{0, 0}, {100, 199}, {b1 - 10, b1 + 9}, {b1 - 1, b1}, {b1, b2 - 1}, {b1 + 5, b2 + 5},
                {b1 - 1, b2}, {7, whole.length - 8}, {b2, whole.length - 1}}) {
            String header = "bytes=" + range[0] + "-" + range[1];
            ResponseBytes<GetObjectResponse> ranged = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("mp/three").range(header));
            assertThat(ranged.asByteArray()).as(header).isEqualTo(Arrays.copyOfRange(whole, (int) range[0], (int) range[1] + 1));
            assertThat(ranged.response().contentRange()).isEqualTo("bytes " + range[0] + "-" + range[1] + "/" + whole.length);
        }
        assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("mp/three").range("bytes=-100")).asByteArray())
                .isEqualTo(Arrays.copyOfRange(whole, whole.length - 100, whole.length));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("mp/three").range("bytes=" + (b1 + 1) + "-")).asByteArray())
                .isEqualTo(Arrays.copyOfRange(whole, b1 + 1, whole.length));
        assertError(() -> s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("mp/three").range("bytes=" + whole.length + "-")),
                416, "InvalidRange");

        // Reads by part number.
        long offset = 0;
        for (int n = 1; n <= 3; n++) {
            int number = n;
            byte[] part = parts[n - 1];
            ResponseBytes<GetObjectResponse> byPart = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("mp/three").partNumber(number));
            assertThat(byPart.asByteArray()).as("part " + n).isEqualTo(part);
            assertThat(byPart.response().partsCount()).isEqualTo(3);
            assertThat(byPart.response().eTag()).isEqualTo(expectedEtag);
            assertThat(byPart.response().contentRange())
                    .isEqualTo("bytes " + offset + "-" + (offset + part.length - 1) + "/" + whole.length);
            HeadObjectResponse headPart = s3.headObject(b -> b.bucket(BUCKET).key("mp/three").partNumber(number));
            assertThat(headPart.contentLength()).isEqualTo(part.length);
            assertThat(headPart.partsCount()).isEqualTo(3);
            offset += part.length;
        }
        assertError(() -> s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("mp/three").partNumber(4)), 416, "InvalidPartNumber");
        assertError(() -> s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("mp/three").partNumber(0)), 400, "InvalidArgument");
        assertError(() -> s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("mp/three").partNumber(10001)), 400, "InvalidArgument");
        assertError(() -> s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("mp/three").partNumber(1).range("bytes=0-1")),
                400, "InvalidRequest");
        assertError(() -> s3.headObject(b -> b.bucket(BUCKET).key("mp/three").partNumber(4)), 416, null);
    }

    @Test
    void anObjectThatIsNotMultipartHasOnePart(S3Client s3) {
        byte[] data = TestData.bytes(70_000, 5);
        s3.putObject(b -> b.bucket(BUCKET).key("single"), RequestBody.fromBytes(data));
        ResponseBytes<GetObjectResponse> first = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("single").partNumber(1));
        assertThat(first.asByteArray()).isEqualTo(data);
        assertThat(first.response().partsCount()).isNull();
        assertError(() -> s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("single").partNumber(2)), 416, "InvalidPartNumber");
    }

    @Test
    void reuploadingAPartReplacesIt(S3Client s3) {
        String uploadId = s3.createMultipartUpload(b -> b.bucket(BUCKET).key("mp/replace")).uploadId();
        byte[] first = TestData.bytes(PART, 201);
        byte[] second = TestData.bytes(PART, 202);
        byte[] last = TestData.bytes(1000, 203);
        String oldEtag = uploadPart(s3, "mp/replace", uploadId, 1, first).eTag();
        String newEtag = uploadPart(s3, "mp/replace", uploadId, 1, second).eTag();
        String lastEtag = uploadPart(s3, "mp/replace", uploadId, 2, last).eTag();
        assertThat(newEtag).isNotEqualTo(oldEtag);
        assertThat(s3.listParts(b -> b.bucket(BUCKET).key("mp/replace").uploadId(uploadId)).parts())
                .extracting(p -> p.partNumber() + ":" + p.eTag()).containsExactly("1:" + newEtag, "2:" + lastEtag);
        assertError(() -> complete(s3, "mp/replace", uploadId, List.of(part(1, oldEtag), part(2, lastEtag))), 400, "InvalidPart");
        complete(s3, "mp/replace", uploadId, List.of(part(1, newEtag), part(2, lastEtag)));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("mp/replace")).asByteArray()).isEqualTo(concat(second, last));
    }

    @Test
    void aCompletedUploadMayLeavePartsOut(S3Client s3) {
        String uploadId = s3.createMultipartUpload(b -> b.bucket(BUCKET).key("mp/subset")).uploadId();
        byte[][] parts = {TestData.bytes(PART, 301), TestData.bytes(100, 302), TestData.bytes(200, 303)};
        List<CompletedPart> uploaded = uploadParts(s3, "mp/subset", uploadId, parts);
        // Parts 1 and 3: part 2 is dropped (and freed), the small part 3 is last.
        complete(s3, "mp/subset", uploadId, List.of(uploaded.get(0), uploaded.get(2)));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("mp/subset")).asByteArray()).isEqualTo(concat(parts[0], parts[2]));
        assertThat(s3.headObject(b -> b.bucket(BUCKET).key("mp/subset")).eTag())
                .isEqualTo("\"" + multipartEtag(parts[0], parts[2]) + "\"");
    }

    @Test
    void abortEndsTheUpload(S3Client s3) {
        String uploadId = s3.createMultipartUpload(b -> b.bucket(BUCKET).key("mp/abort")).uploadId();
        CompletedPart part = uploadParts(s3, "mp/abort", uploadId, TestData.bytes(1000, 401)).getFirst();
        s3.abortMultipartUpload(b -> b.bucket(BUCKET).key("mp/abort").uploadId(uploadId));
        assertNoSuchUpload(() -> s3.uploadPart(b -> b.bucket(BUCKET).key("mp/abort").uploadId(uploadId).partNumber(2),
                RequestBody.fromString("late")));
        assertNoSuchUpload(() -> complete(s3, "mp/abort", uploadId, List.of(part)));
        assertNoSuchUpload(() -> s3.abortMultipartUpload(b -> b.bucket(BUCKET).key("mp/abort").uploadId(uploadId)));
        assertNoSuchUpload(() -> s3.listParts(b -> b.bucket(BUCKET).key("mp/abort").uploadId(uploadId)));
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket(BUCKET).key("mp/abort"))).isInstanceOf(S3Exception.class);
    }

    @Test
    void unknownUploadsAreNoSuchUpload(S3Client s3) {
        String bogus = "0000000000000000" + "f".repeat(32);
        assertNoSuchUpload(() -> s3.uploadPart(b -> b.bucket(BUCKET).key("mp/none").uploadId(bogus).partNumber(1),
                RequestBody.fromString("x")));
        assertNoSuchUpload(() -> complete(s3, "mp/none", bogus, List.of(part(1, "\"" + "0".repeat(32) + "\""))));
        assertNoSuchUpload(() -> s3.abortMultipartUpload(b -> b.bucket(BUCKET).key("mp/none").uploadId(bogus)));
        assertNoSuchUpload(() -> s3.listParts(b -> b.bucket(BUCKET).key("mp/none").uploadId(bogus)));
        assertNoSuchUpload(() -> s3.uploadPartCopy(b -> b.sourceBucket(BUCKET).sourceKey("single").destinationBucket(BUCKET)
                .destinationKey("mp/none").uploadId(bogus).partNumber(1)));
        // An upload id is bound to its key.
        String uploadId = s3.createMultipartUpload(b -> b.bucket(BUCKET).key("mp/bound")).uploadId();
        assertNoSuchUpload(() -> s3.listParts(b -> b.bucket(BUCKET).key("mp/other-key").uploadId(uploadId)));
        s3.abortMultipartUpload(b -> b.bucket(BUCKET).key("mp/bound").uploadId(uploadId));
    }

    @Test
    void partNumbersOutsideOneToTenThousand(S3Client s3) {
        String uploadId = s3.createMultipartUpload(b -> b.bucket(BUCKET).key("mp/numbers")).uploadId();
        for (int number : new int[] {0, 10001}) {
            assertThatThrownBy(() -> s3.uploadPart(b -> b.bucket(BUCKET).key("mp/numbers").uploadId(uploadId).partNumber(number),
                    RequestBody.fromString("x"))).isInstanceOfSatisfying(S3Exception.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidArgument");
                        assertThat(e.awsErrorDetails().errorMessage())
                                .isEqualTo("Part number must be an integer between 1 and 10000, inclusive");
                    });
        }
        uploadPart(s3, "mp/numbers", uploadId, 10000, new byte[] {1});
        assertThat(s3.listParts(b -> b.bucket(BUCKET).key("mp/numbers").uploadId(uploadId)).parts())
                .extracting(p -> p.partNumber()).containsExactly(10000);
        s3.abortMultipartUpload(b -> b.bucket(BUCKET).key("mp/numbers").uploadId(uploadId));
    }

    @Test
    void completeRefusesBadPartLists(S3Client s3) {
        String uploadId = s3.createMultipartUpload(b -> b.bucket(BUCKET).key("mp/bad")).uploadId();
        List<CompletedPart> parts = uploadParts(s3, "mp/bad", uploadId,
                TestData.bytes(MIB, 501), TestData.bytes(PART, 502), TestData.bytes(MIB, 503));
        // Part 1 is under 5 MiB and not last.
        assertThatThrownBy(() -> complete(s3, "mp/bad", uploadId, parts)).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("EntityTooSmall");
            assertThat(e.awsErrorDetails().errorMessage()).contains("part 1");
        });
        assertError(() -> complete(s3, "mp/bad", uploadId, List.of(parts.get(1), parts.get(0))), 400, "InvalidPartOrder");
        assertError(() -> complete(s3, "mp/bad", uploadId, List.of(parts.get(1), parts.get(1))), 400, "InvalidPartOrder");
        assertError(() -> complete(s3, "mp/bad", uploadId, List.of(part(2, "\"" + "0".repeat(32) + "\""))), 400, "InvalidPart");
        assertError(() -> complete(s3, "mp/bad", uploadId, List.of(parts.get(1), part(4, parts.get(2).eTag()))), 400, "InvalidPart");
        assertError(() -> complete(s3, "mp/bad", uploadId, List.of(parts.get(1).toBuilder().checksumCRC32("AAAAAA==").build())),
                400, "InvalidPart");
        assertError(() -> complete(s3, "mp/bad", uploadId, List.of()), 400, "MalformedXML");
        // Unquoted ETags are accepted; the upload was unaffected by the failed attempts.
        String bare = parts.get(1).eTag().replace("\"", "");
        complete(s3, "mp/bad", uploadId, List.of(part(2, bare), parts.get(2)));
        assertThat(s3.headObject(b -> b.bucket(BUCKET).key("mp/bad")).contentLength()).isEqualTo(PART + MIB);
    }

    @Test
    void conditionalComplete(S3Client s3) {
        s3.putObject(b -> b.bucket(BUCKET).key("mp/cond"), RequestBody.fromString("existing"));
        String existing = s3.headObject(b -> b.bucket(BUCKET).key("mp/cond")).eTag();
        String uploadId = s3.createMultipartUpload(b -> b.bucket(BUCKET).key("mp/cond")).uploadId();
        List<CompletedPart> parts = uploadParts(s3, "mp/cond", uploadId, TestData.bytes(100, 601));
        assertError(() -> s3.completeMultipartUpload(b -> b.bucket(BUCKET).key("mp/cond").uploadId(uploadId).ifNoneMatch("*")
                .multipartUpload(m -> m.parts(parts))), 412, "PreconditionFailed");
        assertError(() -> s3.completeMultipartUpload(b -> b.bucket(BUCKET).key("mp/cond").uploadId(uploadId).ifMatch("\"ffff\"")
                .multipartUpload(m -> m.parts(parts))), 412, "PreconditionFailed");
        s3.completeMultipartUpload(b -> b.bucket(BUCKET).key("mp/cond").uploadId(uploadId).ifMatch(existing)
                .multipartUpload(m -> m.parts(parts)));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("mp/cond")).asByteArray()).isEqualTo(TestData.bytes(100, 601));
    }

    @Test
    void listMultipartUploadsPagesByKeyAndUploadId(S3Client s3) {
        String bucket = TestData.bucketName("mp-list");
        s3.createBucket(b -> b.bucket(bucket));
        List<String> expected = new ArrayList<>();
        for (String key : List.of("a", "a", "b", "dir/x", "dir/y", "z")) {
            expected.add(key + " " + s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId());
        }
        ListMultipartUploadsResponse all = s3.listMultipartUploads(b -> b.bucket(bucket));
        assertThat(all.uploads()).extracting(u -> u.key() + " " + u.uploadId()).containsExactlyElementsOf(expected);
        assertThat(all.isTruncated()).isFalse();
        assertThat(all.uploads().getFirst().initiated()).isNotNull();
        assertThat(all.uploads().getFirst().initiator().id()).isNotBlank();
        assertThat(all.uploads().getFirst().storageClassAsString()).isEqualTo("STANDARD");

        List<String> paged = new ArrayList<>();
        String keyMarker = null;
        String uploadIdMarker = null;
        int pages = 0;
        while (true) {
            String km = keyMarker;
            String um = uploadIdMarker;
            ListMultipartUploadsResponse page = s3.listMultipartUploads(b -> b.bucket(bucket).maxUploads(2).keyMarker(km).uploadIdMarker(um));
            pages++;
            page.uploads().forEach(u -> paged.add(u.key() + " " + u.uploadId()));
            assertThat(page.uploads().size()).isLessThanOrEqualTo(2);
            if (!page.isTruncated()) {
                break;
            }
            keyMarker = page.nextKeyMarker();
            uploadIdMarker = page.nextUploadIdMarker();
        }
        assertThat(paged).containsExactlyElementsOf(expected);
        assertThat(pages).isEqualTo(3);

        // A key marker alone skips every upload of that key.
        assertThat(s3.listMultipartUploads(b -> b.bucket(bucket).keyMarker("a")).uploads()).extracting(MultipartUpload::key)
                .containsExactly("b", "dir/x", "dir/y", "z");
        // Both markers: the uploads of the key after that one, then the later keys.
        String firstA = expected.getFirst().substring(2);
        assertThat(s3.listMultipartUploads(b -> b.bucket(bucket).keyMarker("a").uploadIdMarker(firstA)).uploads())
                .extracting(u -> u.key() + " " + u.uploadId()).containsExactlyElementsOf(expected.subList(1, 6));

        ListMultipartUploadsResponse grouped = s3.listMultipartUploads(b -> b.bucket(bucket).delimiter("/"));
        assertThat(grouped.uploads()).extracting(MultipartUpload::key).containsExactly("a", "a", "b", "z");
        assertThat(grouped.commonPrefixes()).extracting(p -> p.prefix()).containsExactly("dir/");
        assertThat(s3.listMultipartUploads(b -> b.bucket(bucket).prefix("dir/")).uploads()).extracting(MultipartUpload::key)
                .containsExactly("dir/x", "dir/y");

        for (String entry : expected) {
            String[] keyAndId = entry.split(" ");
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(keyAndId[0]).uploadId(keyAndId[1]));
        }
        assertThat(s3.listMultipartUploads(b -> b.bucket(bucket)).uploads()).isEmpty();
        s3.deleteBucket(b -> b.bucket(bucket));
    }

    @Test
    void uploadPartCopyWithAndWithoutRanges(S3Client s3) {
        byte[] blobSource = TestData.bytes(PART + 1000, 701);
        s3.putObject(b -> b.bucket(BUCKET).key("copy/blob-src"), RequestBody.fromBytes(blobSource));
        byte[] small = TestData.bytes(100, 702);
        s3.putObject(b -> b.bucket(BUCKET).key("copy/inline-src"), RequestBody.fromBytes(small));
        byte[][] mpParts = {TestData.bytes(PART, 703), TestData.bytes(2 * MIB, 704)};
        String mpUpload = s3.createMultipartUpload(b -> b.bucket(BUCKET).key("copy/mp-src")).uploadId();
        complete(s3, "copy/mp-src", mpUpload, uploadParts(s3, "copy/mp-src", mpUpload, mpParts));
        byte[] mpSource = concat(mpParts);
        String blobEtag = s3.headObject(b -> b.bucket(BUCKET).key("copy/blob-src")).eTag();

        String uploadId = s3.createMultipartUpload(b -> b.bucket(BUCKET).key("copy/dst")).uploadId();
        // Part 1: all of a blob object, under a copy-source condition that holds.
        UploadPartCopyResponse p1 = s3.uploadPartCopy(b -> b.sourceBucket(BUCKET).sourceKey("copy/blob-src")
                .destinationBucket(BUCKET).destinationKey("copy/dst").uploadId(uploadId).partNumber(1).copySourceIfMatch(blobEtag));
        assertThat(p1.copyPartResult().eTag()).isEqualTo("\"" + md5Hex(blobSource) + "\"");
        assertThat(p1.copyPartResult().lastModified()).isNotNull();
        // Part 2: 5 MiB of a multipart object, from inside its first part to inside its second.
        long from = 1024;
        long to = PART + 1023;
        byte[] p2Bytes = Arrays.copyOfRange(mpSource, (int) from, (int) to + 1);
        UploadPartCopyResponse p2 = s3.uploadPartCopy(b -> b.sourceBucket(BUCKET).sourceKey("copy/mp-src")
                .destinationBucket(BUCKET).destinationKey("copy/dst").uploadId(uploadId).partNumber(2)
                .copySourceRange("bytes=" + from + "-" + to));
        assertThat(p2.copyPartResult().eTag()).isEqualTo("\"" + md5Hex(p2Bytes) + "\"");
        // Part 3: a range of an inline object.
        byte[] p3Bytes = Arrays.copyOfRange(small, 10, 60);
        UploadPartCopyResponse p3 = s3.uploadPartCopy(b -> b.sourceBucket(BUCKET).sourceKey("copy/inline-src")
                .destinationBucket(BUCKET).destinationKey("copy/dst").uploadId(uploadId).partNumber(3).copySourceRange("bytes=10-59"));

        // Conditions and ranges that fail.
        assertError(() -> s3.uploadPartCopy(b -> b.sourceBucket(BUCKET).sourceKey("copy/blob-src").destinationBucket(BUCKET)
                .destinationKey("copy/dst").uploadId(uploadId).partNumber(4).copySourceIfNoneMatch(blobEtag)), 412, "PreconditionFailed");
        assertError(() -> s3.uploadPartCopy(b -> b.sourceBucket(BUCKET).sourceKey("copy/blob-src").destinationBucket(BUCKET)
                .destinationKey("copy/dst").uploadId(uploadId).partNumber(4).copySourceIfMatch("\"ffff\"")), 412, "PreconditionFailed");
        assertError(() -> s3.uploadPartCopy(b -> b.sourceBucket(BUCKET).sourceKey("copy/inline-src").destinationBucket(BUCKET)
                .destinationKey("copy/dst").uploadId(uploadId).partNumber(4).copySourceRange("bytes=0-100")), 416, "InvalidRange");
        assertError(() -> s3.uploadPartCopy(b -> b.sourceBucket(BUCKET).sourceKey("copy/inline-src").destinationBucket(BUCKET)
                .destinationKey("copy/dst").uploadId(uploadId).partNumber(4).copySourceRange("bytes=5-")), 400, "InvalidArgument");
        assertError(() -> s3.uploadPartCopy(b -> b.sourceBucket(BUCKET).sourceKey("copy/missing").destinationBucket(BUCKET)
                .destinationKey("copy/dst").uploadId(uploadId).partNumber(4)), 404, "NoSuchKey");

        complete(s3, "copy/dst", uploadId, List.of(part(1, p1.copyPartResult().eTag()), part(2, p2.copyPartResult().eTag()),
                part(3, p3.copyPartResult().eTag())));
        byte[] expected = concat(blobSource, p2Bytes, p3Bytes);
        // The copied parts are the destination's own bytes: deleting the sources changes nothing.
        s3.deleteObject(b -> b.bucket(BUCKET).key("copy/mp-src"));
        s3.deleteObject(b -> b.bucket(BUCKET).key("copy/blob-src"));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("copy/dst")).asByteArray()).isEqualTo(expected);
    }

    @Test
    void copyObjectOfAMultipartObject(S3Client s3) {
        byte[][] parts = {TestData.bytes(PART, 801), TestData.bytes(3000, 802)};
        String uploadId = s3.createMultipartUpload(b -> b.bucket(BUCKET).key("mp/copy-src").metadata(Map.of("v", "1"))).uploadId();
        String mpEtag = complete(s3, "mp/copy-src", uploadId, uploadParts(s3, "mp/copy-src", uploadId, parts)).eTag();
        byte[] whole = concat(parts);

        s3.copyObject(b -> b.sourceBucket(BUCKET).sourceKey("mp/copy-src").destinationBucket(BUCKET).destinationKey("mp/copy-dst"));
        ResponseBytes<GetObjectResponse> copy = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("mp/copy-dst"));
        assertThat(copy.asByteArray()).isEqualTo(whole);
        // A copy is a single-part object: its ETag is the MD5 of its bytes.
        assertThat(copy.response().eTag()).isEqualTo("\"" + md5Hex(whole) + "\"");
        assertThat(copy.response().metadata()).containsEntry("v", "1");

        // Onto itself with REPLACE: new metadata, same parts, same ETag.
        s3.copyObject(b -> b.sourceBucket(BUCKET).sourceKey("mp/copy-src").destinationBucket(BUCKET).destinationKey("mp/copy-src")
                .metadataDirective(MetadataDirective.REPLACE).metadata(Map.of("v", "2")));
        ResponseBytes<GetObjectResponse> self = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("mp/copy-src"));
        assertThat(self.asByteArray()).isEqualTo(whole);
        assertThat(self.response().eTag()).isEqualTo(mpEtag);
        assertThat(self.response().metadata()).containsEntry("v", "2");

        // Overwriting and deleting a multipart object.
        s3.putObject(b -> b.bucket(BUCKET).key("mp/copy-src"), RequestBody.fromString("replaced"));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("mp/copy-src")).asUtf8String()).isEqualTo("replaced");
        s3.deleteObject(b -> b.bucket(BUCKET).key("mp/copy-dst"));
        assertError(() -> s3.headObject(b -> b.bucket(BUCKET).key("mp/copy-dst")), 404, null);
    }

    @Test
    void aPartFreedWhileTheObjectIsSentCutsTheResponseShort(S3Client s3, URI endpoint) throws Exception {
        long firstSize = 32L * MIB;
        long secondSize = MIB;
        String key = "mp/cut";
        String uploadId = s3.createMultipartUpload(b -> b.bucket(BUCKET).key(key)).uploadId();
        String e1 = s3.uploadPart(b -> b.bucket(BUCKET).key(key).uploadId(uploadId).partNumber(1),
                RequestBody.fromInputStream(TestData.stream(firstSize, 1001), firstSize)).eTag();
        String e2 = s3.uploadPart(b -> b.bucket(BUCKET).key(key).uploadId(uploadId).partNumber(2),
                RequestBody.fromInputStream(TestData.stream(secondSize, 1002), secondSize)).eTag();
        complete(s3, key, uploadId, List.of(part(1, e1), part(2, e2)));

        String path = "/" + BUCKET + "/" + key;
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(64 * 1024);
            socket.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()));
            socket.setSoTimeout(30_000);
            StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\n");
            RawHttp.signRoot(endpoint, "GET", path, new byte[0], Map.of())
                    .forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
            socket.getOutputStream().write(request.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
            InputStream in = socket.getInputStream();
            assertThat(RawHttp.line(in)).startsWith("HTTP/1.1 200");
            long contentLength = -1;
            String line;
            while (!(line = RawHttp.line(in)).isEmpty()) {
                if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                    contentLength = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                }
            }
            assertThat(contentLength).isEqualTo(firstSize + secondSize);
            MessageDigest received = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            long total = in.readNBytes(buffer, 0, buffer.length);
            received.update(buffer, 0, (int) total);
            // While the first part is being sent, an overwrite frees both parts' blobs.
            s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString("replaced"));
            int n;
            while ((n = in.read(buffer)) > 0) {
                received.update(buffer, 0, n);
                total += n;
            }
            // The part already open is sent whole; the next one is gone, so the connection is closed.
            assertThat(total).isEqualTo(firstSize);
            assertThat(HexFormat.of().formatHex(received.digest())).isEqualTo(TestData.sha256(TestData.stream(firstSize, 1001)));
        }
        assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asUtf8String()).isEqualTo("replaced");
    }

    @Test
    void compositeChecksumOfThreeParts(S3Client s3) {
        byte[][] parts = {TestData.bytes(PART, 901), TestData.bytes(PART, 902), TestData.bytes(12_345, 903)};
        CreateMultipartUploadResponse created = s3.createMultipartUpload(b -> b.bucket(BUCKET).key("ck/composite")
                .checksumAlgorithm(ChecksumAlgorithm.CRC32));
        assertThat(created.checksumAlgorithm()).isEqualTo(ChecksumAlgorithm.CRC32);
        assertThat(created.checksumType()).isEqualTo(ChecksumType.COMPOSITE);
        List<CompletedPart> uploaded = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            int number = i + 1;
            UploadPartResponse r = s3.uploadPart(b -> b.bucket(BUCKET).key("ck/composite").uploadId(created.uploadId())
                    .partNumber(number).checksumAlgorithm(ChecksumAlgorithm.CRC32), RequestBody.fromBytes(parts[number - 1]));
            assertThat(r.checksumCRC32()).isEqualTo(crc32(parts[i]));
            uploaded.add(CompletedPart.builder().partNumber(number).eTag(r.eTag()).checksumCRC32(r.checksumCRC32()).build());
        }
        ListPartsResponse listed = s3.listParts(b -> b.bucket(BUCKET).key("ck/composite").uploadId(created.uploadId()));
        assertThat(listed.checksumAlgorithm()).isEqualTo(ChecksumAlgorithm.CRC32);
        assertThat(listed.checksumType()).isEqualTo(ChecksumType.COMPOSITE);
        assertThat(s3.listMultipartUploads(b -> b.bucket(BUCKET).prefix("ck/composite")).uploads()).singleElement()
                .satisfies(u -> assertThat(u.checksumAlgorithm()).isEqualTo(ChecksumAlgorithm.CRC32));

        CompleteMultipartUploadResponse done = complete(s3, "ck/composite", created.uploadId(), uploaded);
        String expected = compositeCrc32(parts);
        assertThat(done.checksumCRC32()).isEqualTo(expected).endsWith("-3");
        assertThat(done.checksumType()).isEqualTo(ChecksumType.COMPOSITE);

        HeadObjectResponse head = s3.headObject(b -> b.bucket(BUCKET).key("ck/composite").checksumMode(ChecksumMode.ENABLED));
        assertThat(head.checksumCRC32()).isEqualTo(expected);
        assertThat(head.checksumType()).isEqualTo(ChecksumType.COMPOSITE);
        ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("ck/composite")
                .checksumMode(ChecksumMode.ENABLED));
        assertThat(got.asByteArray()).isEqualTo(concat(parts));
        assertThat(got.response().checksumCRC32()).isEqualTo(expected);
        // A part read in checksum mode answers the part's own CRC32, which the SDK checks against the bytes.
        ResponseBytes<GetObjectResponse> second = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("ck/composite").partNumber(2)
                .checksumMode(ChecksumMode.ENABLED));
        assertThat(second.asByteArray()).isEqualTo(parts[1]);
        assertThat(second.response().checksumCRC32()).isEqualTo(crc32(parts[1]));

        // Without an algorithm at creation the object has no checksum, whatever the parts carried.
        String plain = s3.createMultipartUpload(b -> b.bucket(BUCKET).key("ck/none")).uploadId();
        complete(s3, "ck/none", plain, uploadParts(s3, "ck/none", plain, parts[2]));
        HeadObjectResponse none = s3.headObject(b -> b.bucket(BUCKET).key("ck/none").checksumMode(ChecksumMode.ENABLED));
        assertThat(none.checksumCRC32()).isNull();
        assertThat(none.checksumType()).isNull();
        // A single PUT stays FULL_OBJECT.
        s3.putObject(b -> b.bucket(BUCKET).key("ck/put").checksumAlgorithm(ChecksumAlgorithm.CRC32), RequestBody.fromBytes(parts[2]));
        assertThat(s3.headObject(b -> b.bucket(BUCKET).key("ck/put").checksumMode(ChecksumMode.ENABLED)).checksumType())
                .isEqualTo(ChecksumType.FULL_OBJECT);
    }

    @Test
    void fullObjectCrc32cAndCrc64nvme(S3Client s3) {
        for (ChecksumAlgorithm algorithm : List.of(ChecksumAlgorithm.CRC32_C, ChecksumAlgorithm.CRC64_NVME)) {
            String key = "ck/full-" + algorithm;
            byte[][] parts = {TestData.bytes(PART, algorithm.ordinal() * 10 + 1), TestData.bytes(PART + 17, algorithm.ordinal() * 10 + 2),
                    TestData.bytes(777, algorithm.ordinal() * 10 + 3)};
            CreateMultipartUploadResponse created = s3.createMultipartUpload(b -> b.bucket(BUCKET).key(key)
                    .checksumAlgorithm(algorithm).checksumType(ChecksumType.FULL_OBJECT));
            assertThat(created.checksumType()).isEqualTo(ChecksumType.FULL_OBJECT);
            // A part must carry the upload's algorithm.
            assertError(() -> s3.uploadPart(b -> b.bucket(BUCKET).key(key).uploadId(created.uploadId()).partNumber(1)
                    .checksumAlgorithm(ChecksumAlgorithm.SHA256), RequestBody.fromBytes(parts[2])), 400, "InvalidRequest");
            List<CompletedPart> uploaded = new ArrayList<>();
            for (int i = 0; i < parts.length; i++) {
                int number = i + 1;
                UploadPartResponse r = s3.uploadPart(b -> b.bucket(BUCKET).key(key).uploadId(created.uploadId())
                        .partNumber(number).checksumAlgorithm(algorithm), RequestBody.fromBytes(parts[number - 1]));
                CompletedPart.Builder part = CompletedPart.builder().partNumber(number).eTag(r.eTag());
                uploaded.add((algorithm == ChecksumAlgorithm.CRC32_C ? part.checksumCRC32C(r.checksumCRC32C())
                        : part.checksumCRC64NVME(r.checksumCRC64NVME())).build());
            }
            byte[] whole = concat(parts);
            String expected = sdkChecksum(algorithm == ChecksumAlgorithm.CRC32_C
                    ? DefaultChecksumAlgorithm.CRC32C : DefaultChecksumAlgorithm.CRC64NVME, whole);
            // A whole-object checksum that differs from the parts' combination, or another checksum type, is refused.
            String wrong = sdkChecksum(algorithm == ChecksumAlgorithm.CRC32_C
                    ? DefaultChecksumAlgorithm.CRC32C : DefaultChecksumAlgorithm.CRC64NVME, parts[0]);
            assertError(() -> s3.completeMultipartUpload(b -> {
                b.bucket(BUCKET).key(key).uploadId(created.uploadId()).multipartUpload(m -> m.parts(uploaded));
                if (algorithm == ChecksumAlgorithm.CRC32_C) {
                    b.checksumCRC32C(wrong);
                } else {
                    b.checksumCRC64NVME(wrong);
                }
            }), 400, "BadDigest");
            assertError(() -> s3.completeMultipartUpload(b -> b.bucket(BUCKET).key(key).uploadId(created.uploadId())
                    .checksumType(ChecksumType.COMPOSITE).multipartUpload(m -> m.parts(uploaded))), 400, "InvalidRequest");
            CompleteMultipartUploadResponse done = s3.completeMultipartUpload(b -> {
                b.bucket(BUCKET).key(key).uploadId(created.uploadId()).checksumType(ChecksumType.FULL_OBJECT)
                        .multipartUpload(m -> m.parts(uploaded));
                if (algorithm == ChecksumAlgorithm.CRC32_C) {
                    b.checksumCRC32C(expected);
                } else {
                    b.checksumCRC64NVME(expected);
                }
            });
            assertThat(algorithm == ChecksumAlgorithm.CRC32_C ? done.checksumCRC32C() : done.checksumCRC64NVME()).isEqualTo(expected);
            assertThat(done.checksumType()).isEqualTo(ChecksumType.FULL_OBJECT);

            HeadObjectResponse head = s3.headObject(b -> b.bucket(BUCKET).key(key).checksumMode(ChecksumMode.ENABLED));
            assertThat(algorithm == ChecksumAlgorithm.CRC32_C ? head.checksumCRC32C() : head.checksumCRC64NVME())
                    .as(algorithm.toString()).isEqualTo(expected);
            assertThat(head.checksumType()).isEqualTo(ChecksumType.FULL_OBJECT);
            // The SDK validates a full-object checksum against the bytes it reads.
            assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key).checksumMode(ChecksumMode.ENABLED)).asByteArray())
                    .isEqualTo(whole);
        }
    }

    @Test
    void checksumTypesAnAlgorithmDoesNotSupport(S3Client s3) {
        assertError(() -> s3.createMultipartUpload(b -> b.bucket(BUCKET).key("ck/bad").checksumAlgorithm(ChecksumAlgorithm.CRC64_NVME)
                .checksumType(ChecksumType.COMPOSITE)), 400, "InvalidRequest");
        assertError(() -> s3.createMultipartUpload(b -> b.bucket(BUCKET).key("ck/bad").checksumAlgorithm(ChecksumAlgorithm.SHA256)
                .checksumType(ChecksumType.FULL_OBJECT)), 400, "InvalidRequest");
        CreateMultipartUploadResponse nvme = s3.createMultipartUpload(b -> b.bucket(BUCKET).key("ck/nvme-default")
                .checksumAlgorithm(ChecksumAlgorithm.CRC64_NVME));
        assertThat(nvme.checksumType()).isEqualTo(ChecksumType.FULL_OBJECT);
        s3.abortMultipartUpload(b -> b.bucket(BUCKET).key("ck/nvme-default").uploadId(nvme.uploadId()));
        assertError(() -> s3.createMultipartUpload(b -> b.bucket(TestData.bucketName("absent")).key("k")), 404, "NoSuchBucket");
    }

    private static List<CompletedPart> uploadParts(S3Client s3, String key, String uploadId, byte[]... parts) {
        List<CompletedPart> completed = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            UploadPartResponse r = uploadPart(s3, key, uploadId, i + 1, parts[i]);
            completed.add(CompletedPart.builder().partNumber(i + 1).eTag(r.eTag()).build());
        }
        return completed;
    }

    private static UploadPartResponse uploadPart(S3Client s3, String key, String uploadId, int number, byte[] data) {
        UploadPartResponse r = s3.uploadPart(b -> b.bucket(BUCKET).key(key).uploadId(uploadId).partNumber(number),
                RequestBody.fromBytes(data));
        assertThat(r.eTag()).isEqualTo("\"" + md5Hex(data) + "\"");
        return r;
    }

    private static CompleteMultipartUploadResponse complete(S3Client s3, String key, String uploadId, List<CompletedPart> parts) {
        return s3.completeMultipartUpload(b -> b.bucket(BUCKET).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
    }

    private static CompletedPart part(int number, String etag) {
        return CompletedPart.builder().partNumber(number).eTag(etag).build();
    }

    static String multipartEtag(byte[]... parts) {
        MessageDigest md5 = md5();
        for (byte[] part : parts) {
            md5.update(md5().digest(part));
        }
        return HexFormat.of().formatHex(md5.digest()) + "-" + parts.length;
    }

    static String md5Hex(byte[] data) {
        return HexFormat.of().formatHex(md5().digest(data));
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] crc32Bytes(byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        int v = (int) crc.getValue();
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    private static String crc32(byte[] data) {
        return Base64.getEncoder().encodeToString(crc32Bytes(data));
    }

    /** S3's COMPOSITE CRC32: the CRC32 of the concatenated part CRC32s, then "-" and the part count. */
    private static String compositeCrc32(byte[]... parts) {
        ByteArrayOutputStream crcs = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            crcs.writeBytes(crc32Bytes(part));
        }
        return crc32(crcs.toByteArray()) + "-" + parts.length;
    }

    private static String sdkChecksum(software.amazon.awssdk.checksums.spi.ChecksumAlgorithm algorithm, byte[] data) {
        SdkChecksum checksum = SdkChecksum.forAlgorithm(algorithm);
        checksum.update(data, 0, data.length);
        return Base64.getEncoder().encodeToString(checksum.getChecksumBytes());
    }

    private static void assertNoSuchUpload(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(NoSuchUploadException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(404);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchUpload");
        });
    }

    private static void assertError(Runnable call, int status, String code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.statusCode()).isEqualTo(status);
            if (code != null) {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            }
        });
    }
}
