package io.stowage.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.engine.BodyWriter;
import io.stowage.engine.EngineConfig;
import io.stowage.engine.command.CreateBucket;
import io.stowage.engine.command.PutObject;
import io.stowage.engine.command.WritePrecondition;
import io.stowage.engine.model.ObjectBody;
import io.stowage.engine.model.ObjectVersion;
import io.stowage.engine.model.VersionIds;
import io.stowage.engine.model.OpenedObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Test helpers around a RocksEngine in a temp directory. */
final class EngineFixture {

    static final String OWNER = "root";
    static final int THRESHOLD = 16;

    private EngineFixture() {
    }

    static RocksEngine open(Path dir) {
        return RocksEngine.open(new EngineConfig(dir, THRESHOLD));
    }

    static void createBucket(RocksEngine engine, String name) {
        engine.apply(new CreateBucket(name, "us-east-1", OWNER, 1_000L));
    }

    static ObjectBody body(RocksEngine engine, byte[] data) {
        try (BodyWriter writer = engine.newBody(data.length)) {
            writer.write(ByteBuffer.wrap(data));
            return writer.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectVersion version(String key, ObjectBody body, String etag) {
        return new ObjectVersion(key, VersionIds.next(), false, body.size(), etag, 2_000L, OWNER,
                Map.of("content-type", "text/plain"), Map.of("color", "blue"), Map.of(), body, null);
    }

    static ObjectVersion put(RocksEngine engine, String bucket, String key, String content) {
        return put(engine, bucket, key, content, WritePrecondition.NONE);
    }

    static ObjectVersion put(RocksEngine engine, String bucket, String key, String content, WritePrecondition precondition) {
        ObjectBody body = body(engine, content.getBytes(StandardCharsets.UTF_8));
        try {
            return engine.apply(new PutObject(bucket, version(key, body, "etag-" + content), precondition));
        } catch (RuntimeException e) {
            engine.discard(body);
            throw e;
        }
    }

    static String read(RocksEngine engine, String bucket, String key) {
        return read(engine, bucket, key, null);
    }

    /** The content of one version ({@code versionId} null: the current one). */
    static String read(RocksEngine engine, String bucket, String key, String versionId) {
        try (OpenedObject opened = engine.open(bucket, key, versionId)) {
            if (opened.inlineData() != null) {
                return new String(opened.inlineData(), StandardCharsets.UTF_8);
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) opened.channel().size());
            while (buffer.hasRemaining() && opened.channel().read(buffer) >= 0) {
                // read it all
            }
            assertThat(buffer.hasRemaining()).isFalse();
            return new String(buffer.array(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String big(String seed) {
        return (seed + ":").repeat(40);
    }

    /** Every file under a directory, recursively. */
    static List<Path> files(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path blobFile(Path dataDir, String blobId) {
        return dataDir.resolve("blobs").resolve(blobId.substring(0, 2)).resolve(blobId);
    }
}
