package io.stowage.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.minio.ComposeObjectArgs;
import io.minio.ComposeSource;
import io.minio.GetObjectArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioAsyncClient;
import io.minio.MinioClient;
import io.minio.ObjectWriteResponse;
import io.minio.PutObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.messages.ListMultipartUploadsResult;
import io.minio.messages.Upload;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Multipart uploads through the MinIO Java SDK: streamed puts, composeObject, upload listing, ranged reads. */
@ExtendWith(StowageServerExtension.class)
class MultipartMinioIT {

    private static final String BUCKET = TestData.bucketName("minio-mp");
    private static final int MIB = 1024 * 1024;
    private static final int PART = 5 * MIB;

    @BeforeAll
    static void createBucket(MinioClient minio) throws Exception {
        minio.makeBucket(MakeBucketArgs.builder().bucket(BUCKET).build());
    }

    @Test
    void streamOfUnknownSizeIsUploadedInParts(MinioClient minio) throws Exception {
        int size = 17 * MIB;
        byte[] data = TestData.bytes(size, 17);
        ObjectWriteResponse put = minio.putObject(PutObjectArgs.builder().bucket(BUCKET).object("stream/17MiB")
                .stream(new ByteArrayInputStream(data), -1, PART).contentType("application/x-parts").build());
        // 5 + 5 + 5 + 2 MiB.
        assertThat(unquoted(put.etag())).endsWith("-4");
        StatObjectResponse stat = minio.statObject(StatObjectArgs.builder().bucket(BUCKET).object("stream/17MiB").build());
        assertThat(stat.size()).isEqualTo(size);
        assertThat(unquoted(stat.etag())).isEqualTo(unquoted(put.etag()));
        assertThat(stat.contentType()).isEqualTo("application/x-parts");
        try (InputStream in = minio.getObject(GetObjectArgs.builder().bucket(BUCKET).object("stream/17MiB").build())) {
            assertThat(TestData.sha256(in)).isEqualTo(TestData.sha256(data));
        }
        for (long[] range : new long[][] {{0, 10}, {PART - 5, 10}, {PART - 1, 2 * PART + 2}, {3L * PART, 2 * MIB}, {size - 1, 1}}) {
            try (InputStream in = minio.getObject(GetObjectArgs.builder().bucket(BUCKET).object("stream/17MiB")
                    .offset(range[0]).length(range[1]).build())) {
                assertThat(in.readAllBytes()).as(Arrays.toString(range))
                        .isEqualTo(Arrays.copyOfRange(data, (int) range[0], (int) (range[0] + range[1])));
            }
        }
    }

    @Test
    void composeObjectCopiesPartsFromTwoSources(MinioClient minio) throws Exception {
        byte[] first = TestData.bytes(6 * MIB, 61);
        byte[] second = TestData.bytes(PART + 2 * MIB, 62);
        minio.putObject(PutObjectArgs.builder().bucket(BUCKET).object("compose/a")
                .stream(new ByteArrayInputStream(first), first.length, -1).build());
        // The second source is itself multipart (5 MiB + 2 MiB); a range across its part boundary is copied.
        minio.putObject(PutObjectArgs.builder().bucket(BUCKET).object("compose/b")
                .stream(new ByteArrayInputStream(second), -1, PART).build());
        long offset = PART - 1000;
        long length = 3000;
        ObjectWriteResponse composed = minio.composeObject(ComposeObjectArgs.builder().bucket(BUCKET).object("compose/ab")
                .sources(List.of(
                        ComposeSource.builder().bucket(BUCKET).object("compose/a").build(),
                        ComposeSource.builder().bucket(BUCKET).object("compose/b").offset(offset).length(length).build()))
                .build());
        assertThat(unquoted(composed.etag())).endsWith("-2");
        byte[] expected = MultipartAwsSdkIT.concat(first, Arrays.copyOfRange(second, (int) offset, (int) (offset + length)));
        try (InputStream in = minio.getObject(GetObjectArgs.builder().bucket(BUCKET).object("compose/ab").build())) {
            assertThat(in.readAllBytes()).isEqualTo(expected);
        }
        assertThat(minio.statObject(StatObjectArgs.builder().bucket(BUCKET).object("compose/ab").build()).size())
                .isEqualTo(expected.length);
    }

    @Test
    void incompleteUploadsAreListed(URI endpoint) throws Exception {
        MinioAsyncClient client = MinioAsyncClient.builder().endpoint(endpoint.toString()).region(StowageServerExtension.REGION)
                .credentials(StowageServerExtension.ACCESS_KEY, StowageServerExtension.SECRET_KEY).build();
        String uploadId = client.createMultipartUploadAsync(BUCKET, null, "incomplete/one", null, null).get().result().uploadId();
        String other = client.createMultipartUploadAsync(BUCKET, null, "incomplete/two", null, null).get().result().uploadId();
        ListMultipartUploadsResult listed = client.listMultipartUploadsAsync(BUCKET, null, null, null, null, 1000, "incomplete/", null,
                null, null).get().result();
        assertThat(listed.uploads()).extracting(Upload::objectName).containsExactly("incomplete/one", "incomplete/two");
        assertThat(listed.uploads()).extracting(Upload::uploadId).containsExactly(uploadId, other);
        assertThat(listed.isTruncated()).isFalse();

        ListMultipartUploadsResult page = client.listMultipartUploadsAsync(BUCKET, null, null, null, null, 1, "incomplete/", null,
                null, null).get().result();
        assertThat(page.isTruncated()).isTrue();
        assertThat(page.uploads()).extracting(Upload::objectName).containsExactly("incomplete/one");
        ListMultipartUploadsResult next = client.listMultipartUploadsAsync(BUCKET, null, null, null, page.nextKeyMarker(), 1,
                "incomplete/", page.nextUploadIdMarker(), null, null).get().result();
        assertThat(next.uploads()).extracting(Upload::objectName).containsExactly("incomplete/two");

        client.abortMultipartUploadAsync(BUCKET, null, "incomplete/one", uploadId, null, null).get();
        client.abortMultipartUploadAsync(BUCKET, null, "incomplete/two", other, null, null).get();
        assertThat(client.listMultipartUploadsAsync(BUCKET, null, null, null, null, 1000, "incomplete/", null, null, null)
                .get().result().uploads()).isEmpty();
    }

    /** MinIO returns the ETag of a completed upload as the XML has it, quotes included. */
    private static String unquoted(String etag) {
        return etag.replace("\"", "");
    }
}
