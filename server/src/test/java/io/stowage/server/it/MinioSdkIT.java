package io.stowage.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minio.BucketExistsArgs;
import io.minio.CopyObjectArgs;
import io.minio.CopySource;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveBucketArgs;
import io.minio.RemoveObjectArgs;
import io.minio.RemoveObjectsArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;
import io.minio.http.Method;
import io.minio.messages.Bucket;
import io.minio.messages.DeleteError;
import io.minio.messages.DeleteObject;
import io.minio.messages.Item;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The operations of the data-plane issue through the MinIO Java SDK. */
@ExtendWith(StowageServerExtension.class)
class MinioSdkIT {

    private static final String BUCKET = TestData.bucketName("minio");

    @BeforeAll
    static void createBucket(MinioClient minio) throws Exception {
        minio.makeBucket(MakeBucketArgs.builder().bucket(BUCKET).build());
    }

    @Test
    void bucketsExistListAndRemove(MinioClient minio) throws Exception {
        String bucket = TestData.bucketName("minio-tmp");
        assertThat(minio.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())).isFalse();
        minio.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
        assertThat(minio.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())).isTrue();
        assertThat(minio.listBuckets()).extracting(Bucket::name).contains(bucket, BUCKET);
        minio.removeBucket(RemoveBucketArgs.builder().bucket(bucket).build());
        assertThat(minio.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())).isFalse();
    }

    @Test
    void putStatGetAndRangedGet(MinioClient minio) throws Exception {
        byte[] data = TestData.bytes(300_000, 3);
        minio.putObject(PutObjectArgs.builder().bucket(BUCKET).object("dir/file.bin")
                .stream(new ByteArrayInputStream(data), data.length, -1)
                .contentType("application/x-minio")
                .userMetadata(Map.of("origin", "minio-sdk"))
                .build());
        StatObjectResponse stat = minio.statObject(StatObjectArgs.builder().bucket(BUCKET).object("dir/file.bin").build());
        assertThat(stat.size()).isEqualTo(data.length);
        assertThat(stat.contentType()).isEqualTo("application/x-minio");
        assertThat(stat.userMetadata()).containsEntry("origin", "minio-sdk");
        try (GetObjectResponse in = minio.getObject(GetObjectArgs.builder().bucket(BUCKET).object("dir/file.bin").build())) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
        try (InputStream in = minio.getObject(GetObjectArgs.builder().bucket(BUCKET).object("dir/file.bin").offset(1000L).length(500L).build())) {
            assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(data, 1000, 1500));
        }
    }

    @Test
    void copyListAndRemove(MinioClient minio) throws Exception {
        byte[] data = "copy me".getBytes();
        minio.putObject(PutObjectArgs.builder().bucket(BUCKET).object("copy/source").stream(new ByteArrayInputStream(data), data.length, -1).build());
        minio.copyObject(CopyObjectArgs.builder().bucket(BUCKET).object("copy/target")
                .source(CopySource.builder().bucket(BUCKET).object("copy/source").build()).build());
        try (InputStream in = minio.getObject(GetObjectArgs.builder().bucket(BUCKET).object("copy/target").build())) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
        List<String> names = new ArrayList<>();
        for (Result<Item> item : minio.listObjects(ListObjectsArgs.builder().bucket(BUCKET).prefix("copy/").build())) {
            names.add(item.get().objectName());
        }
        assertThat(names).containsExactly("copy/source", "copy/target");

        minio.removeObject(RemoveObjectArgs.builder().bucket(BUCKET).object("copy/source").build());
        List<DeleteError> errors = new ArrayList<>();
        for (Result<DeleteError> r : minio.removeObjects(RemoveObjectsArgs.builder().bucket(BUCKET)
                .objects(List.of(new DeleteObject("copy/target"), new DeleteObject("copy/absent"))).build())) {
            errors.add(r.get());
        }
        assertThat(errors).isEmpty();
        assertThat(minio.listObjects(ListObjectsArgs.builder().bucket(BUCKET).prefix("copy/").build())).isEmpty();
    }

    @Test
    void listingRecursiveAndByDirectory(MinioClient minio) throws Exception {
        for (String key : List.of("tree/a/1", "tree/a/2", "tree/b/1", "tree/top")) {
            minio.putObject(PutObjectArgs.builder().bucket(BUCKET).object(key).stream(new ByteArrayInputStream(new byte[] {1}), 1, -1).build());
        }
        List<String> shallow = new ArrayList<>();
        for (Result<Item> item : minio.listObjects(ListObjectsArgs.builder().bucket(BUCKET).prefix("tree/").build())) {
            shallow.add(item.get().objectName() + (item.get().isDir() ? " (dir)" : ""));
        }
        // The SDK yields a page's objects before its prefixes.
        assertThat(shallow).containsExactlyInAnyOrder("tree/a/ (dir)", "tree/b/ (dir)", "tree/top");
        List<String> deep = new ArrayList<>();
        for (Result<Item> item : minio.listObjects(ListObjectsArgs.builder().bucket(BUCKET).prefix("tree/").recursive(true)
                .maxKeys(2).build())) {
            deep.add(item.get().objectName());
        }
        assertThat(deep).containsExactly("tree/a/1", "tree/a/2", "tree/b/1", "tree/top");
        List<String> v1 = new ArrayList<>();
        for (Result<Item> item : minio.listObjects(ListObjectsArgs.builder().bucket(BUCKET).prefix("tree/").recursive(true)
                .useApiVersion1(true).build())) {
            v1.add(item.get().objectName());
        }
        assertThat(v1).isEqualTo(deep);
    }

    @Test
    void presignedUrlsWorkWithAPlainHttpClient(MinioClient minio) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String putUrl = minio.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder().method(Method.PUT).bucket(BUCKET)
                .object("presigned.txt").expiry(300).build());
        assertThat(http.send(HttpRequest.newBuilder(URI.create(putUrl)).PUT(HttpRequest.BodyPublishers.ofString("minio presigned")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        String getUrl = minio.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder().method(Method.GET).bucket(BUCKET)
                .object("presigned.txt").expiry(300).build());
        HttpResponse<String> got = http.send(HttpRequest.newBuilder(URI.create(getUrl)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(got.body()).isEqualTo("minio presigned");
    }

    @Test
    void errorsCarryS3Codes(MinioClient minio) {
        assertThatThrownBy(() -> minio.statObject(StatObjectArgs.builder().bucket(BUCKET).object("missing").build()))
                .isInstanceOfSatisfying(ErrorResponseException.class, e -> assertThat(e.response().code()).isEqualTo(404));
        assertThatThrownBy(() -> minio.getObject(GetObjectArgs.builder().bucket(BUCKET).object("missing").build()))
                .isInstanceOfSatisfying(ErrorResponseException.class, e -> assertThat(e.errorResponse().code()).isEqualTo("NoSuchKey"));
        assertThatThrownBy(() -> minio.getObject(GetObjectArgs.builder().bucket("no-such-bucket-minio").object("x").build()))
                .isInstanceOfSatisfying(ErrorResponseException.class, e -> assertThat(e.errorResponse().code()).isEqualTo("NoSuchBucket"));
    }
}
