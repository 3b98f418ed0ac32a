package io.stowage.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.engine.BodyWriter;
import io.stowage.engine.EngineConfig;
import io.stowage.engine.command.CreateBucket;
import io.stowage.engine.command.CreateMultipartUpload;
import io.stowage.engine.command.UploadPart;
import io.stowage.engine.error.NoSuchUploadException;
import io.stowage.engine.model.MultipartUpload;
import io.stowage.engine.model.ObjectBody;
import io.stowage.engine.model.Part;
import io.stowage.engine.store.RocksEngine;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UploadSweeperTest {

    private static final long DAY = Duration.ofDays(1).toMillis();

    @Test
    void abortsOnlyUploadsOlderThanTheMaximumAgeAndFreesTheirParts(@TempDir Path dir) throws Exception {
        try (RocksEngine engine = RocksEngine.open(new EngineConfig(dir, 0))) {
            engine.apply(new CreateBucket("b", "us-east-1", "root", 0));
            long now = 100 * DAY;
            start(engine, "old", "u-old", now - 8 * DAY);
            start(engine, "young", "u-young", now - 6 * DAY);
            try (BodyWriter writer = engine.newBody(-1)) {
                writer.write(ByteBuffer.wrap(new byte[1000]));
                ObjectBody body = writer.finish();
                engine.apply(new UploadPart("b", "old", "u-old", new Part(1, 1000, "e", now, Map.of(), body)));
            }
            assertThat(blobFiles(dir)).isEqualTo(1);

            UploadSweeper sweeper = new UploadSweeper(engine, Duration.ofDays(7), Clock.fixed(Instant.ofEpochMilli(now), ZoneOffset.UTC));
            assertThat(sweeper.sweep()).isEqualTo(1);

            assertThatThrownBy(() -> engine.upload("b", "old", "u-old")).isInstanceOf(NoSuchUploadException.class);
            assertThat(engine.upload("b", "young", "u-young").uploadId()).isEqualTo("u-young");
            assertThat(blobFiles(dir)).isZero();
            assertThat(sweeper.sweep()).isZero();
        }
    }

    private static void start(RocksEngine engine, String key, String uploadId, long initiated) {
        engine.apply(new CreateMultipartUpload("b", new MultipartUpload(key, uploadId, initiated, "root", Map.of(), Map.of(), null, null, null)));
    }

    private static long blobFiles(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir.resolve("blobs"))) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void durationsParse() {
        assertThat(ServerConfig.parseDuration("7d", "--x")).isEqualTo(Duration.ofDays(7));
        assertThat(ServerConfig.parseDuration("12h", "--x")).isEqualTo(Duration.ofHours(12));
        assertThat(ServerConfig.parseDuration("PT30M", "--x")).isEqualTo(Duration.ofMinutes(30));
        assertThatThrownBy(() -> ServerConfig.parseDuration("soon", "--multipart-expiry")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--multipart-expiry");
    }
}
