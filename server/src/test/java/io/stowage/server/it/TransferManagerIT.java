package io.stowage.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.BlockingInputStreamAsyncRequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.transfer.s3.S3TransferManager;
import software.amazon.awssdk.transfer.s3.model.CompletedFileUpload;
import software.amazon.awssdk.transfer.s3.model.CompletedUpload;
import software.amazon.awssdk.transfer.s3.model.Upload;

/**
 * The SDK's S3TransferManager on its Java-based multipart S3AsyncClient (default checksums):
 * uploads are split into 8 MiB parts, downloads fetched part by part.
 */
@ExtendWith(StowageServerExtension.class)
class TransferManagerIT {

    private static final String BUCKET = TestData.bucketName("transfer");
    private static final long MIB = 1024 * 1024;
    private static final long PART = 8 * MIB;

    private static S3AsyncClient async;
    private static S3TransferManager transfers;
    private static Path dir;

    @BeforeAll
    static void start(S3Client s3, URI endpoint) throws IOException {
        s3.createBucket(b -> b.bucket(BUCKET));
        async = S3AsyncClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(StowageServerExtension.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(StowageServerExtension.ACCESS_KEY, StowageServerExtension.SECRET_KEY)))
                .forcePathStyle(true)
                .multipartEnabled(true)
                .multipartConfiguration(c -> c.minimumPartSizeInBytes(PART).thresholdInBytes(PART))
                .build();
        transfers = S3TransferManager.builder().s3Client(async).build();
        dir = Files.createTempDirectory("stowage-transfer-");
    }

    @AfterAll
    static void stop() throws IOException {
        if (transfers != null) {
            transfers.close();
        }
        if (async != null) {
            async.close();
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void fiftyMebibyteFileInEightMebibyteParts(S3Client s3) throws IOException {
        long size = 50 * MIB;
        Path source = dir.resolve("source-50");
        try (InputStream in = TestData.stream(size, 5050)) {
            Files.copy(in, source);
        }
        String expected = sha256(source);

        CompletedFileUpload uploaded = transfers.uploadFile(u -> u.source(source)
                .putObjectRequest(p -> p.bucket(BUCKET).key("file/50MiB"))).completionFuture().join();
        long parts = (size + PART - 1) / PART;
        assertThat(uploaded.response().eTag()).endsWith("-" + parts + "\"");

        HeadObjectResponse head = s3.headObject(b -> b.bucket(BUCKET).key("file/50MiB"));
        assertThat(head.contentLength()).isEqualTo(size);
        assertThat(s3.headObject(b -> b.bucket(BUCKET).key("file/50MiB").partNumber(1)).partsCount()).isEqualTo((int) parts);

        Path downloaded = dir.resolve("downloaded-50");
        transfers.downloadFile(d -> d.destination(downloaded)
                .getObjectRequest(g -> g.bucket(BUCKET).key("file/50MiB"))).completionFuture().join();
        assertThat(Files.size(downloaded)).isEqualTo(size);
        assertThat(sha256(downloaded)).isEqualTo(expected);
        assertThat(s3.listMultipartUploads(b -> b.bucket(BUCKET)).uploads()).isEmpty();
    }

    @Test
    void thirtyMebibyteStreamOfUnknownLength(S3Client s3) throws IOException {
        long size = 30 * MIB;
        String expected = TestData.sha256(TestData.stream(size, 3030));

        BlockingInputStreamAsyncRequestBody body = AsyncRequestBody.forBlockingInputStream(null);
        Upload upload = transfers.upload(u -> u.requestBody(body).putObjectRequest(p -> p.bucket(BUCKET).key("stream/30MiB")));
        body.writeInputStream(TestData.stream(size, 3030));
        CompletedUpload uploaded = upload.completionFuture().join();
        assertThat(uploaded.response().eTag()).endsWith("-" + (size + PART - 1) / PART + "\"");
        assertThat(s3.headObject(b -> b.bucket(BUCKET).key("stream/30MiB")).contentLength()).isEqualTo(size);

        Path downloaded = dir.resolve("downloaded-30");
        transfers.downloadFile(d -> d.destination(downloaded)
                .getObjectRequest(g -> g.bucket(BUCKET).key("stream/30MiB"))).completionFuture().join();
        assertThat(sha256(downloaded)).isEqualTo(expected);
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return TestData.sha256(in);
        }
    }
}
