package io.stowage.cluster.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.engine.command.Command;
import io.stowage.engine.command.CompleteMultipartUpload;
import io.stowage.engine.command.CreateMultipartUpload;
import io.stowage.engine.command.DeleteObject;
import io.stowage.engine.command.PutObject;
import io.stowage.engine.command.SetBucketVersioning;
import io.stowage.engine.command.SetObjectRetention;
import io.stowage.engine.command.WritePrecondition;
import io.stowage.engine.model.MultipartUpload;
import io.stowage.engine.model.ObjectBody;
import io.stowage.engine.model.ObjectLock;
import io.stowage.engine.model.ObjectVersion;
import io.stowage.engine.model.Versioning;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CommandRoundTripTest {

    static Stream<Class<?>> commandTypes() {
        return Arrays.stream(Command.class.getPermittedSubclasses());
    }

    @ParameterizedTest
    @MethodSource("commandTypes")
    void everyCommandRoundTripsWithEveryField(Class<?> type) {
        Command<?> sample = sampleOf(type);

        Command<?> decoded = CommandCodec.decodeCommand(CommandCodec.encodeCommand(sample));

        assertThat(decoded).isExactlyInstanceOf(type)
                .usingRecursiveComparison().withStrictTypeChecking().isEqualTo(sample);
    }

    @ParameterizedTest
    @MethodSource("commandTypes")
    void everySampleSetsEveryField(Class<?> type) {
        new SampleFields().assertFilled(type.getSimpleName(), sampleOf(type));
    }

    @Test
    void samplesUseEveryKindOfObjectBody() {
        SampleFields fields = new SampleFields();
        CommandSamples.BY_TYPE.forEach((type, sample) -> fields.assertFilled(type.getSimpleName(), sample));

        assertThat(fields.typesSeen()).contains(ObjectBody.class.getPermittedSubclasses());
    }

    @Test
    void nullFieldsStayNull() {
        ObjectVersion marker = ObjectVersion.deleteMarker("k", "v-1", CommandSamples.AT, null);
        Command<?>[] commands = {
            new PutObject("b", marker, new WritePrecondition(null, false)),
            new DeleteObject("b", "k", null, null, null, CommandSamples.AT, false, null),
            new SetObjectRetention("b", "k", null, null, 0, false, CommandSamples.AT),
            new CreateMultipartUpload("b",
                    new MultipartUpload("k", "u", 1L, "o", Map.of(), Map.of(), null, null, null))
        };
        for (Command<?> command : commands) {
            assertThat(CommandCodec.decodeCommand(CommandCodec.encodeCommand(command)))
                    .usingRecursiveComparison().withStrictTypeChecking().isEqualTo(command);
        }
        PutObject put = (PutObject) CommandCodec.decodeCommand(CommandCodec.encodeCommand(commands[0]));
        assertThat(put.version().body()).isNull();
        assertThat(put.version().acl()).isNull();
        assertThat(put.version().encryption()).isNull();
        assertThat(put.version().lock()).isEqualTo(ObjectLock.NONE);
        assertThat(put.precondition().ifMatchEtag()).isNull();
    }

    @Test
    void writesAVersionByteThenJsonWithTypeAndEnumNames() {
        byte[] bytes = CommandCodec.encodeCommand(new SetBucketVersioning("photos", Versioning.SUSPENDED));

        assertThat(bytes[0]).isEqualTo((byte) 1);
        assertThat(new String(bytes, 1, bytes.length - 1, StandardCharsets.UTF_8))
                .isEqualTo("{\"@type\":\"SetBucketVersioning\",\"bucket\":\"photos\",\"versioning\":\"SUSPENDED\"}");
    }

    @Test
    void writesRecordComponentsOnlyNotDerivedAccessors() {
        String json = json(CommandCodec.encodeCommand(CommandSamples.BY_TYPE.get(CompleteMultipartUpload.class)));

        assertThat(json).contains("\"@type\":\"Multipart\"", "\"@type\":\"Blob\"", "\"@type\":\"Inline\"")
                .doesNotContain("blobIds");
    }

    private static Command<?> sampleOf(Class<?> type) {
        Command<?> sample = CommandSamples.BY_TYPE.get(type);
        assertThat(sample).as("CommandSamples has no sample of %s: add one, so the codec is tested on it",
                type.getSimpleName()).isNotNull();
        return sample;
    }

    private static String json(byte[] encoded) {
        return new String(encoded, 1, encoded.length - 1, StandardCharsets.UTF_8);
    }
}
