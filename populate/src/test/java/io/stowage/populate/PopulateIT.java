package io.stowage.populate;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.backend.AccessKey;
import io.stowage.backend.AddressingStyle;
import io.stowage.backend.S3Endpoint;
import io.stowage.server.it.StowageServerExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/** `stowage populate`'s worker against a real server started in-process, its copies compared byte for byte. */
class PopulateIT {

    @RegisterExtension
    static final StowageServerExtension SERVER = new StowageServerExtension();

    private static final long MIB = 1024 * 1024;

    @TempDir
    Path dir;

    private S3Client sdk;
    private String bucket;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void bucket(S3Client sdk) {
        this.sdk = sdk;
        bucket = "pop-" + UUID.randomUUID().toString().substring(0, 8);
        sdk.createBucket(b -> b.bucket(bucket));
    }

    @Test
    void copiesThousandsOfNestedKeysByteForByteAndSizeAgrees() throws Exception {
        Map<String, byte[]> objects = new TreeMap<>();
        for (int i = 0; i < 2500; i++) {
            String key = "data/%d/%d/%d/file-%04d.bin".formatted(i % 7, i % 13, i % 3, i);
            objects.put(key, content(key, i % 50 == 0 ? 40_000 + i : i % 2000));
        }
        objects.put("data/top.txt", content("top", 10));
        objects.put("data/empty/", new byte[0]);
        objects.put("elsewhere/not-copied", content("x", 10));
        upload(objects);
        Path target = dir.resolve("volume");

        long started = System.nanoTime();
        PopulateResult result = copy(settings("data/", target, KeyFilter.all(), 3));
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(result.exitCode()).as(errors()).isZero();
        assertThat(result.copied()).isEqualTo(2501);
        assertThat(result.directories()).isEqualTo(1);
        assertThat(Files.isDirectory(target.resolve("empty"))).isTrue();
        Map<String, byte[]> expected = new TreeMap<>();
        objects.forEach((key, data) -> {
            if (key.startsWith("data/") && !key.endsWith("/")) {
                expected.put(key.substring("data/".length()), data);
            }
        });
        assertThat(filesBelow(target)).isEqualTo(expected.keySet().stream().toList());
        for (Map.Entry<String, byte[]> file : expected.entrySet()) {
            assertThat(Files.readAllBytes(target.resolve(file.getKey()))).as(file.getKey()).isEqualTo(file.getValue());
        }
        SizeReport size = Populator.size(source("data/"), KeyFilter.all(), 3);
        assertThat(size.objects()).isEqualTo(2502);
        assertThat(size.bytes()).isEqualTo(expected.values().stream().mapToLong(d -> d.length).sum());
        System.out.println("populate IT: 2501 files + 1 directory copied in " + millis + " ms; " + result.summary());

        PopulateResult again = copy(settings("data/", target, KeyFilter.all(), 3));
        assertThat(again.copied()).isZero();
        assertThat(again.skipped()).isEqualTo(2501);
    }

    @Test
    void aLargeMultipartObjectIsCopiedVerifiedAndSkippedWhenComplete() throws Exception {
        int parts = 9;
        long partSize = 8 * MIB;
        byte[] data = content("large", (int) (parts * partSize - 3 * MIB));
        String upload = sdk.createMultipartUpload(b -> b.bucket(bucket).key("big/model.bin")
                .checksumAlgorithm(ChecksumAlgorithm.CRC32_C)).uploadId();
        List<CompletedPart> completed = new ArrayList<>();
        for (int part = 1; part <= parts; part++) {
            int from = (int) ((part - 1) * partSize);
            byte[] slice = java.util.Arrays.copyOfRange(data, from, (int) Math.min(data.length, from + partSize));
            int number = part;
            var response = sdk.uploadPart(b -> b.bucket(bucket).key("big/model.bin").uploadId(upload).partNumber(number)
                    .checksumAlgorithm(ChecksumAlgorithm.CRC32_C), RequestBody.fromBytes(slice));
            completed.add(CompletedPart.builder().partNumber(part).eTag(response.eTag()).checksumCRC32C(response.checksumCRC32C()).build());
        }
        sdk.completeMultipartUpload(b -> b.bucket(bucket).key("big/model.bin").uploadId(upload)
                .multipartUpload(m -> m.parts(completed)));
        Path target = dir.resolve("volume");

        long started = System.nanoTime();
        PopulateResult result = copy(settings("big", target, KeyFilter.all(), 3));
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(result.exitCode()).as(errors()).isZero();
        assertThat(result.copiedBytes()).isEqualTo(data.length);
        assertThat(Files.readAllBytes(target.resolve("model.bin"))).isEqualTo(data);
        System.out.println("populate IT: " + data.length / MIB + " MiB in " + parts + " parts copied in " + millis + " ms");

        assertThat(copy(settings("big", target, KeyFilter.all(), 3)).skipped()).isEqualTo(1);

        flipByte(target.resolve("model.bin"), 20 * MIB);
        PopulateResult repaired = copy(settings("big", target, KeyFilter.all(), 3));
        assertThat(repaired.skipped()).isZero();
        assertThat(repaired.copied()).isEqualTo(1);
        assertThat(Files.readAllBytes(target.resolve("model.bin"))).isEqualTo(data);
    }

    @Test
    void aCorruptedLocalFileIsReplacedOnResumeAndTheOthersSkipped() throws Exception {
        Map<String, byte[]> objects = new TreeMap<>();
        for (int i = 0; i < 20; i++) {
            objects.put("v/f" + i, content("f" + i, 1000 + i));
        }
        upload(objects);
        Path target = dir.resolve("volume");
        assertThat(copy(settings("v/", target, KeyFilter.all(), 3)).copied()).isEqualTo(20);
        flipByte(target.resolve("f7"), 500);
        Files.writeString(target.resolve("f8"), "truncated");

        PopulateResult resumed = copy(settings("v/", target, KeyFilter.all(), 3));

        assertThat(resumed.exitCode()).isZero();
        assertThat(resumed.copied()).isEqualTo(2);
        assertThat(resumed.skipped()).isEqualTo(18);
        assertThat(Files.readAllBytes(target.resolve("f7"))).isEqualTo(objects.get("v/f7"));
        assertThat(Files.readAllBytes(target.resolve("f8"))).isEqualTo(objects.get("v/f8"));
    }

    @Test
    void bytesTheServerCorruptedAreDetectedAndNeverLeftInPlace() throws Exception {
        byte[] data = content("rot", 100_000);
        byte[] md5Only = content("rot-md5", 90_000);
        upload(Map.of("v/rotten", data, "v/sound", content("sound", 100)));
        try (S3Client withoutChecksums = S3Client.builder().endpointOverride(SERVER.endpoint())
                .region(Region.of(StowageServerExtension.REGION)).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        StowageServerExtension.ACCESS_KEY, StowageServerExtension.SECRET_KEY)))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED).build()) {
            withoutChecksums.putObject(b -> b.bucket(bucket).key("v/rotten-md5-only"), RequestBody.fromBytes(md5Only));
        }
        flipByte(storedCopyOf(data), 12_345);
        flipByte(storedCopyOf(md5Only), 54_321);
        Path target = dir.resolve("volume");

        PopulateResult result = copy(settings("v/", target, KeyFilter.all(), 2));

        assertThat(result.exitCode()).isEqualTo(PopulateResult.FAILED);
        assertThat(result.failed()).isEqualTo(2);
        assertThat(result.copied()).isEqualTo(1);
        assertThat(errors()).contains("failed: \"v/rotten\": crc32 checksum").contains("is not the stored")
                .contains("failed: \"v/rotten-md5-only\": MD5").contains("is not the ETag").contains("after 2 attempts");
        assertThat(filesBelow(target)).containsExactly("sound");
        assertThat(result.summary()).startsWith("FAILED");
    }

    @Test
    void hostileKeysAreRefusedAndNothingIsWrittenOutsideTheTarget() throws Exception {
        List<String> hostile = List.of("vol/../x", "vol/a/../../x", "vol//abs", "vol/a//b", "vol/./c", "vol/a\\..\\..\\w",
                "vol/a/..", "vol/.stowage-tmp-1-x");
        Map<String, byte[]> objects = new TreeMap<>();
        for (String key : hostile) {
            objects.put(key, content(key, 10));
        }
        objects.put("vol/ok/file", content("ok", 10));
        upload(objects);
        Path target = dir.resolve("a").resolve("b").resolve("volume");

        PopulateResult result = copy(settings("vol", target, KeyFilter.all(), 3));

        assertThat(result.exitCode()).as(errors()).isEqualTo(PopulateResult.REFUSED);
        assertThat(result.refused()).isEqualTo(hostile.size());
        assertThat(result.copied()).isEqualTo(1);
        try (Stream<Path> all = Files.walk(dir)) {
            assertThat(all.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()))
                    .containsExactly("a/b/volume/ok/file");
        }
        assertThat(errors()).contains("refused: \"vol/../x\": it has a '..' segment")
                .contains("refused: \"vol//abs\": it is an absolute path")
                .contains("refused: \"vol/a\\\\..\\\\..\\\\w\": it contains a backslash");
        assertThat(Populator.size(source("vol"), KeyFilter.all(), 1)).isEqualTo(new SizeReport(1, 10, hostile.size()));
    }

    @Test
    void includeAndExcludePatternsSelectKeysBelowThePrefix() throws Exception {
        Map<String, byte[]> objects = new TreeMap<>();
        for (String key : List.of("p/a.csv", "p/b.json", "p/sub/c.csv", "p/sub/deep/d.csv", "p/tmp/e.csv", "p/f.txt")) {
            objects.put(key, content(key, 5));
        }
        upload(objects);
        Path target = dir.resolve("volume");

        PopulateResult result = copy(settings("p/", target, KeyFilter.of(List.of("**/*.csv", "*.json"), List.of("tmp/**")), 3));

        assertThat(result.exitCode()).isZero();
        assertThat(filesBelow(target)).containsExactly("a.csv", "b.json", "sub/c.csv", "sub/deep/d.csv");
        assertThat(Populator.size(source("p/"), KeyFilter.of(List.of("sub/*"), List.of()), 1).objects()).isEqualTo(1);
    }

    private PopulateResult copy(PopulateSettings settings) throws InterruptedException {
        return Populator.copy(settings, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
    }

    private PopulateSettings settings(String prefix, Path target, KeyFilter filter, int attempts) {
        return new PopulateSettings(source(prefix), target, filter, 8, attempts, Duration.ZERO);
    }

    private Source source(String prefix) {
        return new Source(new S3Endpoint(SERVER.endpoint(), StowageServerExtension.REGION, AddressingStyle.PATH, null),
                new AccessKey(StowageServerExtension.ACCESS_KEY, StowageServerExtension.SECRET_KEY), bucket, prefix);
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private void upload(Map<String, byte[]> objects) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            List<Future<?>> puts = new ArrayList<>();
            objects.forEach((key, data) -> puts.add(pool.submit(
                    () -> sdk.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(data)))));
            for (Future<?> put : puts) {
                put.get();
            }
        }
    }

    static byte[] content(String seed, int size) {
        byte[] data = new byte[size];
        new Random(seed.hashCode()).nextBytes(data);
        return data;
    }

    static void flipByte(Path file, long position) throws IOException {
        try (var channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.READ,
                java.nio.file.StandardOpenOption.WRITE)) {
            java.nio.ByteBuffer one = java.nio.ByteBuffer.allocate(1);
            channel.read(one, position);
            one.put(0, (byte) (one.get(0) ^ 0x5a)).rewind();
            channel.write(one, position);
        }
    }

    /** The server's blob file holding these bytes (objects over the inline threshold live in files of their own). */
    private static Path storedCopyOf(byte[] data) throws IOException {
        try (Stream<Path> files = Files.walk(SERVER.dataDir())) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                if (Files.size(file) == data.length && java.util.Arrays.equals(Files.readAllBytes(file), data)) {
                    return file;
                }
            }
        }
        throw new IllegalStateException("no blob file holds the object");
    }

    private static List<String> filesBelow(Path target) throws IOException {
        try (Stream<Path> files = Files.walk(target)) {
            return files.filter(Files::isRegularFile).map(p -> target.relativize(p).toString()).sorted().toList();
        }
    }
}
