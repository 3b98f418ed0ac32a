package io.stowage.cluster.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.stowage.engine.command.Command;
import io.stowage.engine.error.BucketAlreadyExistsException;
import io.stowage.engine.error.BucketAlreadyOwnedByYouException;
import io.stowage.engine.error.BucketNotEmptyException;
import io.stowage.engine.error.ConflictException;
import io.stowage.engine.error.EngineException;
import io.stowage.engine.error.InvalidBucketStateException;
import io.stowage.engine.error.InvalidInputException;
import io.stowage.engine.error.InvalidObjectNameException;
import io.stowage.engine.error.InvalidPartException;
import io.stowage.engine.error.MalformedPolicyException;
import io.stowage.engine.error.NoSuchAccessKeyException;
import io.stowage.engine.error.NoSuchBucketException;
import io.stowage.engine.error.NoSuchKeyException;
import io.stowage.engine.error.NoSuchUploadException;
import io.stowage.engine.error.NoSuchUserException;
import io.stowage.engine.error.NoSuchVersionException;
import io.stowage.engine.error.ObjectLockedException;
import io.stowage.engine.error.PreconditionFailedException;
import io.stowage.engine.error.QuotaExceededException;
import io.stowage.engine.error.PrefixNotEmptyException;
import io.stowage.engine.error.StorageException;
import io.stowage.engine.error.UnavailableException;
import io.stowage.engine.model.AccessKey;
import io.stowage.engine.model.Bucket;
import io.stowage.engine.model.KeyStatus;
import io.stowage.engine.model.ObjectBody;
import io.stowage.engine.model.ObjectVersion;
import io.stowage.engine.model.Quota;
import io.stowage.engine.model.User;
import io.stowage.engine.model.Versioning;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OutcomeRoundTripTest {

    private static final Map<Class<?>, Object> RESULTS = Stream.of(
                    new Bucket("photos", "eu-central-1", "alice", CommandSamples.AT, Versioning.ENABLED,
                            new Quota(1L << 40, 1_000_000), true),
                    CommandSamples.version(new ObjectBody.Multipart(List.of(
                            CommandSamples.part(1, CommandSamples.blob("blob-1")),
                            CommandSamples.part(2, new ObjectBody.Inline(new byte[] {9, 8, 7}))))),
                    CommandSamples.upload(),
                    CommandSamples.part(3, CommandSamples.blob("blob-3")),
                    new User("alice", true, CommandSamples.AT),
                    new AccessKey("AKIAEXAMPLE0001", "wJalrXUtnFEMI/K7MDENG/bPxRfiCY", "alice", KeyStatus.DISABLED,
                            CommandSamples.AT),
                    CommandSamples.grant())
            .collect(Collectors.toUnmodifiableMap(Object::getClass, Function.identity()));

    private static final Map<Class<?>, EngineException> FAILURES = Stream.of(
                    new NoSuchBucketException("photos"),
                    new NoSuchKeyException("photos/2025/ü.jpg"),
                    new NoSuchVersionException("photos/2025/ü.jpg?versionId=v-1"),
                    new BucketAlreadyExistsException("photos"),
                    new BucketAlreadyOwnedByYouException("photos"),
                    new BucketNotEmptyException("photos"),
                    new PreconditionFailedException("photos/k"),
                    new InvalidObjectNameException("photos/.."),
                    new NoSuchUploadException("upload-0001"),
                    new InvalidPartException("upload-0001"),
                    new StorageException("cannot write the batch", new IOException("No space left on device")),
                    new NoSuchUserException("carol"),
                    new NoSuchAccessKeyException("AKIAEXAMPLE0002"),
                    new QuotaExceededException("photos"),
                    new ConflictException("the grant exists with another access level", "photos/2025/"),
                    new InvalidInputException("the secret key is too short", "AKIAEXAMPLE0001"),
                    new MalformedPolicyException("Statement[1]: Effect must be Allow or Deny", "photos"),
                    new ObjectLockedException("the version is under COMPLIANCE retention", "photos/k"),
                    new InvalidBucketStateException("versioning cannot be suspended with object lock", "photos"),
                    new PrefixNotEmptyException("photos/volumes/pvc-1/"),
                    new UnavailableException("no quorum: 1 of 3 nodes answered", new IOException("connection refused")))
            .collect(Collectors.toUnmodifiableMap(Object::getClass, Function.identity()));

    /** Each command's {@code R}, Void aside: what {@code Engine.apply} can return. */
    static Stream<Class<?>> resultTypes() {
        return Arrays.stream(Command.class.getPermittedSubclasses())
                .map(OutcomeRoundTripTest::resultTypeOf)
                .filter(type -> type != Void.class)
                .distinct();
    }

    static Stream<Class<?>> failureTypes() {
        return Arrays.stream(EngineException.class.getPermittedSubclasses());
    }

    @ParameterizedTest
    @MethodSource("resultTypes")
    void everyResultTypeRoundTrips(Class<?> type) {
        Object sample = RESULTS.get(type);
        assertThat(sample).as("no result sample of %s", type.getSimpleName()).isNotNull();
        new SampleFields().assertFilled(type.getSimpleName(), sample);

        assertThat(CommandCodec.decodeOutcome(CommandCodec.encodeResult(sample))).isExactlyInstanceOf(type)
                .usingRecursiveComparison().withStrictTypeChecking().isEqualTo(sample);
    }

    @Test
    void aNullResultRoundTrips() {
        assertThat(CommandCodec.decodeOutcome(CommandCodec.encodeResult(null))).isNull();
    }

    @Test
    void aDeleteMarkerResultKeepsItsNulls() {
        ObjectVersion marker = ObjectVersion.deleteMarker("k", "v-1", CommandSamples.AT, "alice");

        assertThat(CommandCodec.decodeOutcome(CommandCodec.encodeResult(marker))).isEqualTo(marker);
    }

    @Test
    void engineExceptionsAreSealedSoTheirListIsComplete() {
        assertThat(EngineException.class.isSealed()).isTrue();
        assertThat(failureTypes()).hasSize(FAILURES.size());
    }

    @ParameterizedTest
    @MethodSource("failureTypes")
    void everyEngineExceptionIsThrownWithItsClassMessageAndFields(Class<?> type) throws IllegalAccessException {
        EngineException sample = FAILURES.get(type);
        assertThat(sample).as("no failure sample of %s", type.getSimpleName()).isNotNull();

        Throwable thrown = catchThrowable(() -> CommandCodec.decodeOutcome(CommandCodec.encodeFailure(sample)));

        assertThat(thrown).isExactlyInstanceOf(type).hasMessage(sample.getMessage()).hasNoCause();
        for (Class<?> level = type; level != RuntimeException.class; level = level.getSuperclass()) {
            for (Field field : level.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers())) {
                    field.setAccessible(true);
                    assertThat(field.get(thrown)).as(field.toString()).isEqualTo(field.get(sample));
                }
            }
        }
    }

    @Test
    void aStorageExceptionTravelsWithItsMessageButNotItsCause() {
        StorageException failure = new StorageException("cannot write the batch", new IOException("disk full"));

        Throwable thrown = catchThrowable(() -> CommandCodec.decodeOutcome(CommandCodec.encodeFailure(failure)));

        assertThat(thrown).isExactlyInstanceOf(StorageException.class).hasMessage("cannot write the batch")
                .hasNoCause();
        assertThat(((StorageException) thrown).resource()).isNull();
    }

    private static Class<?> resultTypeOf(Class<?> command) {
        ParameterizedType commandType = Arrays.stream(command.getGenericInterfaces())
                .filter(ParameterizedType.class::isInstance)
                .map(ParameterizedType.class::cast)
                .filter(type -> type.getRawType() == Command.class)
                .findFirst().orElseThrow();
        return (Class<?>) commandType.getActualTypeArguments()[0];
    }
}
