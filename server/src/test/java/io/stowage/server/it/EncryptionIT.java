package io.stowage.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * Server-side encryption through the AWS SDK v2: SSE-S3, SSE-C and bucket default encryption, range reads of
 * encrypted objects, AWS's errors, and the data directory read file by file to show no plaintext reaches the disk.
 */
@ExtendWith(StowageServerExtension.class)
class EncryptionIT {

    /** Above the test server's 32 KiB inline threshold and over several 64 KiB segments. */
    private static final int LARGE = 300_000;

    @Test
    void sseS3ObjectsReadBackWholeAndInRangesAndNeverReachTheDiskInPlain(S3Client s3, StowageServerExtension server)
            throws Exception {
        String bucket = bucket(s3);
        byte[] large = text("SECRET-LARGE-MARKER", LARGE);
        byte[] small = text("SECRET-SMALL-MARKER", 1000);
        var put = s3.putObject(b -> b.bucket(bucket).key("large").serverSideEncryption(ServerSideEncryption.AES256),
                RequestBody.fromBytes(large));
        assertThat(put.serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
        assertThat(put.eTag()).isEqualTo("\"" + md5Hex(large) + "\"");
        s3.putObject(b -> b.bucket(bucket).key("small").serverSideEncryption(ServerSideEncryption.AES256),
                RequestBody.fromBytes(small));
        byte[] plain = text("PLAIN-CONTROL-MARKER", LARGE);
        s3.putObject(b -> b.bucket(bucket).key("plain"), RequestBody.fromBytes(plain));

        ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket(bucket).key("large"));
        assertThat(got.asByteArray()).isEqualTo(large);
        assertThat(got.response().serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
        assertThat(got.response().contentLength()).isEqualTo(LARGE);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("small")).asByteArray()).isEqualTo(small);
        for (long[] range : new long[][] {{0, 0}, {65_530, 65_545}, {100_000, 299_999}, {131_072, 131_072}, {5, 70_000}}) {
            byte[] part = s3.getObjectAsBytes(b -> b.bucket(bucket).key("large")
                    .range("bytes=" + range[0] + "-" + range[1])).asByteArray();
            assertThat(part).as("range %d-%d", range[0], range[1])
                    .isEqualTo(java.util.Arrays.copyOfRange(large, (int) range[0], (int) range[1] + 1));
        }
        assertThat(s3.headObject(b -> b.bucket(bucket).key("large")).serverSideEncryption())
                .isEqualTo(ServerSideEncryption.AES256);

        Path data = server.dataDir();
        assertThat(filesContaining(data, "PLAIN-CONTROL-MARKER")).as("the scan finds a plain object").isNotEmpty();
        assertThat(filesContaining(data, "SECRET-LARGE-MARKER")).as("files holding the encrypted large object's text").isEmpty();
        assertThat(filesContaining(data, "SECRET-SMALL-MARKER")).as("files holding the encrypted small object's text").isEmpty();
    }

    @Test
    void sseCObjectsNeedTheirKeyOnEveryRead(S3Client s3) {
        String bucket = bucket(s3);
        String key = Base64.getEncoder().encodeToString(bytes(32, (byte) 7));
        String other = Base64.getEncoder().encodeToString(bytes(32, (byte) 9));
        byte[] content = text("CUSTOMER-KEYED", LARGE);
        var put = s3.putObject(b -> b.bucket(bucket).key("c").sseCustomerAlgorithm("AES256").sseCustomerKey(key)
                .sseCustomerKeyMD5(md5Base64(key)), RequestBody.fromBytes(content));
        assertThat(put.sseCustomerKeyMD5()).isEqualTo(md5Base64(key));

        var got = s3.getObjectAsBytes(b -> b.bucket(bucket).key("c").sseCustomerAlgorithm("AES256").sseCustomerKey(key)
                .sseCustomerKeyMD5(md5Base64(key)));
        assertThat(got.asByteArray()).isEqualTo(content);
        assertThat(got.response().sseCustomerAlgorithm()).isEqualTo("AES256");
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("c").range("bytes=70000-70009").sseCustomerAlgorithm("AES256")
                .sseCustomerKey(key).sseCustomerKeyMD5(md5Base64(key))).asByteArray())
                .isEqualTo(java.util.Arrays.copyOfRange(content, 70_000, 70_010));

        assertError(() -> s3.getObject(b -> b.bucket(bucket).key("c")), 400, "InvalidRequest");
        assertError(() -> s3.getObject(b -> b.bucket(bucket).key("c").sseCustomerAlgorithm("AES256").sseCustomerKey(other)
                .sseCustomerKeyMD5(md5Base64(other))), 403, "AccessDenied");
        assertError(() -> s3.putObject(b -> b.bucket(bucket).key("bad").sseCustomerAlgorithm("AES256").sseCustomerKey(key)
                .sseCustomerKeyMD5(md5Base64(other)), RequestBody.fromString("x")), 400, "InvalidArgument");
        s3.putObject(b -> b.bucket(bucket).key("plain"), RequestBody.fromString("plain"));
        assertError(() -> s3.getObject(b -> b.bucket(bucket).key("plain").sseCustomerAlgorithm("AES256").sseCustomerKey(key)
                .sseCustomerKeyMD5(md5Base64(key))), 400, "InvalidRequest");
    }

    @Test
    void aBucketsDefaultEncryptionEncryptsObjectsWrittenWithoutHeaders(S3Client s3, StowageServerExtension server)
            throws IOException {
        String bucket = bucket(s3);
        assertError(() -> s3.getBucketEncryption(b -> b.bucket(bucket)), 404, "ServerSideEncryptionConfigurationNotFoundError");
        s3.putBucketEncryption(b -> b.bucket(bucket).serverSideEncryptionConfiguration(c -> c.rules(r -> r
                .applyServerSideEncryptionByDefault(d -> d.sseAlgorithm(ServerSideEncryption.AES256)))));
        assertThat(s3.getBucketEncryption(b -> b.bucket(bucket)).serverSideEncryptionConfiguration().rules().getFirst()
                .applyServerSideEncryptionByDefault().sseAlgorithm()).isEqualTo(ServerSideEncryption.AES256);

        byte[] content = text("DEFAULT-ENCRYPTED", LARGE);
        var put = s3.putObject(b -> b.bucket(bucket).key("d"), RequestBody.fromBytes(content));
        assertThat(put.serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("d")).asByteArray()).isEqualTo(content);
        assertThat(filesContaining(server.dataDir(), "DEFAULT-ENCRYPTED")).isEmpty();

        var copied = s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("d").destinationBucket(bucket).destinationKey("copy"));
        assertThat(copied.serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("copy")).asByteArray()).isEqualTo(content);
        assertError(() -> s3.putBucketEncryption(b -> b.bucket(bucket).serverSideEncryptionConfiguration(c -> c.rules(r -> r
                .applyServerSideEncryptionByDefault(d -> d.sseAlgorithm(ServerSideEncryption.AWS_KMS))))), 501, "NotImplemented");

        s3.deleteBucketEncryption(b -> b.bucket(bucket));
        assertThat(s3.putObject(b -> b.bucket(bucket).key("after"), RequestBody.fromString("x")).serverSideEncryption()).isNull();
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("d")).asByteArray()).as("still readable").isEqualTo(content);
    }

    @Test
    void copiesDecryptTheirSourceAndEncryptTheCopyAsItsRequestAsks(S3Client s3, StowageServerExtension server)
            throws IOException {
        String bucket = bucket(s3);
        String key = Base64.getEncoder().encodeToString(bytes(32, (byte) 3));
        byte[] content = text("COPIED-SECRET", LARGE);
        s3.putObject(b -> b.bucket(bucket).key("sse-c").sseCustomerAlgorithm("AES256").sseCustomerKey(key)
                .sseCustomerKeyMD5(md5Base64(key)), RequestBody.fromBytes(content));

        assertError(() -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("sse-c").destinationBucket(bucket)
                .destinationKey("no-key")), 400, "InvalidRequest");
        var toS3 = s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("sse-c").destinationBucket(bucket).destinationKey("sse-s3")
                .copySourceSSECustomerAlgorithm("AES256").copySourceSSECustomerKey(key)
                .copySourceSSECustomerKeyMD5(md5Base64(key)).serverSideEncryption(ServerSideEncryption.AES256));
        assertThat(toS3.serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("sse-s3")).asByteArray()).isEqualTo(content);

        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("sse-s3").destinationBucket(bucket).destinationKey("plain"));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("plain")).asByteArray()).isEqualTo(content);
        assertThat(s3.headObject(b -> b.bucket(bucket).key("plain")).serverSideEncryption()).isNull();
        assertThat(filesContaining(server.dataDir(), "COPIED-SECRET")).as("only the plain copy is readable on disk")
                .hasSize(1);
    }

    @Test
    void multipartUploadsEncryptEachPartAndReadBackInRangesAcrossParts(S3Client s3, StowageServerExtension server)
            throws Exception {
        String bucket = bucket(s3);
        byte[] first = text("MULTIPART-ONE", 5 * 1024 * 1024);
        byte[] second = text("MULTIPART-TWO", 200_000);
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key("mp")
                .serverSideEncryption(ServerSideEncryption.AES256)).uploadId();
        String e1 = s3.uploadPart(b -> b.bucket(bucket).key("mp").uploadId(uploadId).partNumber(1),
                RequestBody.fromBytes(first)).eTag();
        String e2 = s3.uploadPart(b -> b.bucket(bucket).key("mp").uploadId(uploadId).partNumber(2),
                RequestBody.fromBytes(second)).eTag();
        assertThat(e1).isEqualTo("\"" + md5Hex(first) + "\"");
        var done = s3.completeMultipartUpload(b -> b.bucket(bucket).key("mp").uploadId(uploadId).multipartUpload(m -> m.parts(
                p -> p.partNumber(1).eTag(e1), p -> p.partNumber(2).eTag(e2))));
        assertThat(done.serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);

        byte[] whole = new byte[first.length + second.length];
        System.arraycopy(first, 0, whole, 0, first.length);
        System.arraycopy(second, 0, whole, first.length, second.length);
        var got = s3.getObjectAsBytes(b -> b.bucket(bucket).key("mp"));
        assertThat(got.asByteArray()).isEqualTo(whole);
        assertThat(got.response().serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
        long boundary = first.length;
        byte[] across = s3.getObjectAsBytes(b -> b.bucket(bucket).key("mp")
                .range("bytes=" + (boundary - 100) + "-" + (boundary + 99))).asByteArray();
        assertThat(across).isEqualTo(java.util.Arrays.copyOfRange(whole, (int) boundary - 100, (int) boundary + 100));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("mp").partNumber(2)).asByteArray()).isEqualTo(second);

        String copyUpload = s3.createMultipartUpload(b -> b.bucket(bucket).key("mp-copy")
                .serverSideEncryption(ServerSideEncryption.AES256)).uploadId();
        String c1 = s3.uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey("mp").destinationBucket(bucket)
                .destinationKey("mp-copy").uploadId(copyUpload).partNumber(1)
                .copySourceRange("bytes=" + (boundary - 10) + "-" + (boundary + 9))).copyPartResult().eTag();
        s3.completeMultipartUpload(b -> b.bucket(bucket).key("mp-copy").uploadId(copyUpload)
                .multipartUpload(m -> m.parts(p -> p.partNumber(1).eTag(c1))));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("mp-copy")).asByteArray())
                .isEqualTo(java.util.Arrays.copyOfRange(whole, (int) boundary - 10, (int) boundary + 10));

        assertThat(filesContaining(server.dataDir(), "MULTIPART-ONE")).isEmpty();
        assertThat(filesContaining(server.dataDir(), "MULTIPART-TWO")).isEmpty();
    }

    @Test
    void anSseCMultipartUploadNeedsTheKeyWithEveryPart(S3Client s3) {
        String bucket = bucket(s3);
        String key = Base64.getEncoder().encodeToString(bytes(32, (byte) 5));
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key("c").sseCustomerAlgorithm("AES256")
                .sseCustomerKey(key).sseCustomerKeyMD5(md5Base64(key))).uploadId();
        assertError(() -> s3.uploadPart(b -> b.bucket(bucket).key("c").uploadId(uploadId).partNumber(1),
                RequestBody.fromString("no key")), 400, "InvalidRequest");
        String etag = s3.uploadPart(b -> b.bucket(bucket).key("c").uploadId(uploadId).partNumber(1)
                .sseCustomerAlgorithm("AES256").sseCustomerKey(key).sseCustomerKeyMD5(md5Base64(key)),
                RequestBody.fromString("with key")).eTag();
        s3.completeMultipartUpload(b -> b.bucket(bucket).key("c").uploadId(uploadId)
                .multipartUpload(m -> m.parts(p -> p.partNumber(1).eTag(etag))));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("c").sseCustomerAlgorithm("AES256").sseCustomerKey(key)
                .sseCustomerKeyMD5(md5Base64(key))).asUtf8String()).isEqualTo("with key");
        assertError(() -> s3.getObject(b -> b.bucket(bucket).key("c")), 400, "InvalidRequest");
    }

    private static String bucket(S3Client s3) {
        String bucket = TestData.bucketName("sse");
        s3.createBucket(b -> b.bucket(bucket));
        return bucket;
    }

    /** A body of readable text, a marker repeated, so any plaintext fragment on disk is findable. */
    private static byte[] text(String marker, int size) {
        byte[] unit = (marker + "|").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[size];
        for (int i = 0; i < size; i++) {
            out[i] = unit[i % unit.length];
        }
        return out;
    }

    private static byte[] bytes(int n, byte value) {
        byte[] out = new byte[n];
        java.util.Arrays.fill(out, value);
        return out;
    }

    /** Every file under the data directory (blobs, RocksDB's log and tables, temporaries) holding {@code marker}. */
    private static List<Path> filesContaining(Path dir, String marker) throws IOException {
        byte[] needle = marker.getBytes(StandardCharsets.US_ASCII);
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(f -> contains(f, needle)).toList();
        }
    }

    private static boolean contains(Path file, byte[] needle) {
        try {
            byte[] data = Files.readAllBytes(file);
            outer:
            for (int i = 0; i <= data.length - needle.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (data[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        } catch (IOException e) {
            return false; // a file RocksDB removed while the walk went on
        }
    }

    private static String md5Base64(String base64Key) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(Base64.getDecoder().decode(base64Key)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String md5Hex(byte[] data) throws Exception {
        return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
    }

    private static void assertError(ThrowingCallable call, int status, String code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.statusCode()).isEqualTo(status);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
        });
    }
}
