package io.stowage.cluster.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.engine.command.CompleteMultipartUpload;
import io.stowage.engine.command.DeleteBucket;
import io.stowage.engine.command.PutObject;
import io.stowage.engine.error.NoSuchKeyException;
import io.stowage.engine.model.Bucket;
import io.stowage.engine.model.Quota;
import io.stowage.engine.model.Versioning;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.function.Function;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CodecRefusalTest {

    @Test
    void refusesAnUnknownTypeName() {
        assertRefusedCommand("{\"@type\":\"FormatDisk\",\"name\":\"photos\"}")
                .hasMessageContaining("unknown type name 'FormatDisk'");
        assertRefusedCommand(json(CommandCodec.encodeCommand(CommandSamples.BY_TYPE.get(PutObject.class)))
                .replace("\"@type\":\"Inline\"", "\"@type\":\"Compressed\""))
                .hasMessageContaining("unknown type name 'Compressed' at version.body");
    }

    @ParameterizedTest
    @ValueSource(strings = {"java.lang.ProcessBuilder", "io.stowage.engine.command.DeleteBucket", "Command", "Record"})
    void refusesTypeNamesThatAreNotRegistered(String name) {
        assertRefusedCommand("{\"@type\":\"" + name + "\",\"command\":[\"sh\"],\"name\":\"photos\"}")
                .hasMessageContaining("unknown type name '" + name + "'");
    }

    @Test
    void refusesAJavaClassNameForANestedBody() {
        assertRefusedCommand(json(CommandCodec.encodeCommand(CommandSamples.BY_TYPE.get(PutObject.class)))
                .replace("\"@type\":\"Inline\"", "\"@type\":\"java.io.File\""))
                .hasMessageContaining("unknown type name 'java.io.File'");
    }

    @ParameterizedTest
    @ValueSource(bytes = {0, 2, 0x7b, -1})
    void refusesAnUnknownFormatVersion(byte version) {
        byte[] bytes = CommandCodec.encodeCommand(new DeleteBucket("photos"));
        bytes[0] = version;

        assertRefused(bytes, CommandCodec::decodeCommand).hasMessageContaining("unknown format version");
        assertRefused(bytes, CommandCodec::decodeOutcome).hasMessageContaining("unknown format version");
    }

    @Test
    void refusesEveryTruncationOfACommand() {
        byte[] bytes = CommandCodec.encodeCommand(CommandSamples.BY_TYPE.get(CompleteMultipartUpload.class));

        for (int length = 0; length < bytes.length; length++) {
            assertRefused(Arrays.copyOf(bytes, length), CommandCodec::decodeCommand);
        }
    }

    @Test
    void refusesEveryTruncationOfAnOutcome() {
        byte[] result = CommandCodec.encodeResult(
                new Bucket("photos", "eu-central-1", "alice", 1L, Versioning.ENABLED, new Quota(10, 1), true));
        byte[] failure = CommandCodec.encodeFailure(new NoSuchKeyException("photos/k"));

        for (byte[] bytes : new byte[][] {result, failure}) {
            for (int length = 0; length < bytes.length; length++) {
                assertRefused(Arrays.copyOf(bytes, length), CommandCodec::decodeOutcome);
            }
        }
    }

    @Test
    void refusesGarbage() {
        Random random = new Random(11);
        for (int i = 0; i < 200; i++) {
            byte[] garbage = new byte[1 + random.nextInt(64)];
            random.nextBytes(garbage);
            garbage[0] = 1;
            assertRefused(garbage, CommandCodec::decodeCommand);
            assertRefused(garbage, CommandCodec::decodeOutcome);
        }
        assertRefusedCommand("{\"@type\":\"DeleteBucket\",\"name\":photos}")
                .hasMessageStartingWith("not well-formed JSON");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "null", "42", "\"DeleteBucket\"", "[1,2]", "{}", "{\"name\":\"photos\"}",
        "{\"@type\":\"DeleteBucket\"}",
        "{\"@type\":\"DeleteBucket\",\"name\":\"photos\",\"force\":true}",
        "{\"@type\":\"DeleteBucket\",\"name\":\"a\",\"name\":\"b\"}",
        "{\"@type\":\"DeleteBucket\",\"name\":7}",
        "{\"@type\":\"DeleteBucket\",\"name\":true}",
        "{\"@type\":\"DeleteBucket\",\"name\":1.5}",
        "{\"@type\":\"CreateUser\",\"name\":\"alice\",\"admin\":true,\"createdAtMillis\":\"1\"}",
        "{\"@type\":\"SetBucketQuota\",\"bucket\":\"photos\",\"quota\":\"\"}",
        "{\"@type\":\"DeleteBucket\",\"name\":{\"first\":\"photos\"}}",
        "{\"@type\":\"DeleteBucket\",\"name\":\"photos\"} {}",
        "{\"@type\":\"SetAccessKeyStatus\",\"accessKeyId\":\"AKIA\",\"status\":0}",
        "{\"@type\":\"SetAccessKeyStatus\",\"accessKeyId\":\"AKIA\",\"status\":\"SLEEPING\"}",
        "{\"@type\":\"CreateUser\",\"name\":\"alice\",\"admin\":null,\"createdAtMillis\":1}",
        "{\"@type\":\"CreateUser\",\"name\":\"alice\",\"admin\":\"yes\",\"createdAtMillis\":1}",
        "{\"@type\":\"CreateUser\",\"name\":\"alice\",\"admin\":true,\"createdAtMillis\":1.5}",
        "{\"@type\":\"SetBucketQuota\",\"bucket\":\"photos\",\"quota\":{\"maxBytes\":-1,\"maxObjects\":0}}",
        "{\"@type\":\"SetBucketVersioning\",\"bucket\":\"photos\",\"versioning\":\"UNVERSIONED\"}",
        "{\"@type\":\"SetObjectTags\",\"bucket\":\"photos\",\"key\":\"k\",\"versionId\":null,\"tags\":null}",
        "{\"@type\":\"UploadPart\",\"bucket\":\"b\",\"key\":\"k\",\"uploadId\":\"u\",\"part\":{\"number\":1,\"size\":1,"
                + "\"etag\":\"e\",\"lastModifiedMillis\":1,\"checksums\":{},"
                + "\"body\":{\"@type\":\"Multipart\",\"parts\":[]}}}",
        "{\"@type\":\"PutObject\",\"bucket\":\"b\",\"version\":[],\"precondition\":null}"
    })
    void refusesJsonOfAnotherShape(String json) {
        assertRefusedCommand(json);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "null", "{}", "[]", "\"Void\"", "{\"Void\":1}", "{\"Void\":null,\"User\":null}", "{\"FormatDisk\":{}}",
        "{\"DeleteBucket\":{\"name\":\"photos\"}}", "{\"java.lang.ProcessBuilder\":{}}",
        "{\"User\":{\"name\":\"alice\"}}", "{\"User\":null}",
        "{\"User\":{\"@type\":\"User\",\"name\":\"a\",\"admin\":true,\"createdAtMillis\":1}}",
        "{\"NoSuchBucketException\":null}", "{\"NoSuchBucketException\":{\"message\":\"m\"}}",
        "{\"NoSuchBucketException\":{\"message\":\"m\",\"resource\":\"b\",\"cause\":\"x\"}}",
        "{\"EngineException\":{\"message\":\"m\",\"resource\":\"b\"}}"
    })
    void refusesOutcomesOfAnotherShape(String json) {
        assertRefused(versioned(json), CommandCodec::decodeOutcome);
    }

    @Test
    void refusesToEncodeWhatNoCommandReturns() {
        assertThatThrownBy(() -> CommandCodec.encodeResult("photos")).isExactlyInstanceOf(CodecException.class)
                .hasMessageContaining("not a command result type: java.lang.String");
        assertThatThrownBy(() -> CommandCodec.encodeResult(new DeleteBucket("photos")))
                .isExactlyInstanceOf(CodecException.class);
    }

    @Test
    void messagesSayWhereTheInputWentWrong() {
        assertRefusedCommand("{\"@type\":\"CreateUser\",\"name\":\"alice\",\"admin\":true}")
                .hasMessage("not the expected shape at createdAtMillis");
        assertRefusedCommand("{\"@type\":\"PutGrant\",\"grant\":{\"subject\":{\"kind\":\"KEY\",\"id\":\"k\"},"
                + "\"bucket\":\"b\",\"prefix\":\"\",\"access\":\"READ\",\"expires\":1}}")
                .hasMessage("unknown field 'expires' at grant.expires");
        assertRefusedCommand(
                "{\"@type\":\"SetBucketQuota\",\"bucket\":\"b\",\"quota\":{\"maxBytes\":-1,\"maxObjects\":0}}")
                .hasMessageContaining("a value its type refuses at quota: quota limits must not be negative");
        assertRefused(new byte[0], CommandCodec::decodeCommand).hasMessageContaining("empty input");
        assertRefused(new byte[] {1}, CommandCodec::decodeCommand).hasMessageContaining("truncated");
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertRefusedCommand(String json) {
        return assertRefused(versioned(json), CommandCodec::decodeCommand);
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(byte[] bytes,
            Function<byte[], ?> decoder) {
        return assertThatThrownBy(() -> decoder.apply(bytes)).as(new String(bytes, StandardCharsets.UTF_8))
                .isExactlyInstanceOf(CodecException.class).hasNoCause();
    }

    private static byte[] versioned(String json) {
        byte[] text = json.getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[text.length + 1];
        bytes[0] = 1;
        System.arraycopy(text, 0, bytes, 1, text.length);
        return bytes;
    }

    private static String json(byte[] encoded) {
        assertThat(encoded[0]).isEqualTo((byte) 1);
        return new String(encoded, 1, encoded.length - 1, StandardCharsets.UTF_8);
    }
}
