package io.stowage.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.engine.error.BucketAlreadyExistsException;
import io.stowage.engine.error.BucketNotEmptyException;
import io.stowage.engine.error.ConflictException;
import io.stowage.engine.error.PrefixNotEmptyException;
import io.stowage.engine.error.EngineException;
import io.stowage.engine.error.InvalidInputException;
import io.stowage.engine.error.MalformedPolicyException;
import io.stowage.engine.error.NoSuchAccessKeyException;
import io.stowage.engine.error.NoSuchBucketException;
import io.stowage.engine.error.NoSuchUserException;
import io.stowage.engine.error.StorageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ErrorMappingTest {

    static Stream<Arguments> engineErrors() {
        return Stream.of(
                Arguments.of(new NoSuchBucketException("photos"), AdminErrorCode.NotFound, 404),
                Arguments.of(new NoSuchUserException("alice"), AdminErrorCode.NotFound, 404),
                Arguments.of(new NoSuchAccessKeyException("AK1"), AdminErrorCode.NotFound, 404),
                Arguments.of(new BucketAlreadyExistsException("photos"), AdminErrorCode.Conflict, 409),
                Arguments.of(new BucketNotEmptyException("photos"), AdminErrorCode.Conflict, 409),
                Arguments.of(new ConflictException("the user owns buckets", "alice"), AdminErrorCode.Conflict, 409),
                Arguments.of(new PrefixNotEmptyException("shared/pvc-1/"), AdminErrorCode.Conflict, 409),
                Arguments.of(new InvalidInputException("a user name is ...", "a/b"), AdminErrorCode.InvalidRequest, 400));
    }

    @ParameterizedTest
    @MethodSource("engineErrors")
    void engineFailuresBecomeTheirAdminErrorNamingTheResource(EngineException e, AdminErrorCode code, int status) {
        AdminException mapped = EngineErrorMapper.toAdmin(e);

        assertThat(mapped.code()).isEqualTo(code);
        assertThat(code.status()).isEqualTo(status);
        assertThat(mapped.getMessage()).isEqualTo(e.getMessage() + ": " + e.resource());
    }

    @Test
    void aPolicyErrorKeepsItsOwnMessage() {
        AdminException mapped = EngineErrorMapper.toAdmin(
                new MalformedPolicyException("Statement[0]: Policy has invalid action \"s3:Nope\"", "photos"));

        assertThat(mapped.code()).isEqualTo(AdminErrorCode.InvalidRequest);
        assertThat(mapped.getMessage()).isEqualTo("Statement[0]: Policy has invalid action \"s3:Nope\"");
    }

    @Test
    void storageFailuresAreLeftToTheInternalError() {
        assertThat(EngineErrorMapper.toAdmin(new StorageException("disk full at /data/x", new IOException("boom")))).isNull();
    }

    @Test
    void errorsAreWrittenAsCodeAndMessage() {
        AdminResponse response = ErrorWriter.write(AdminException.conflict("bucket photos is not empty"));

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.contentType()).isEqualTo("application/json");
        assertThat(new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"code\":\"Conflict\",\"message\":\"bucket photos is not empty\"}");
    }

    @Test
    void anInternalErrorSaysOnlyWhereToLook() {
        AdminResponse response = ErrorWriter.internalError("0123456789ABCDEF");

        assertThat(response.status()).isEqualTo(500);
        assertThat(new String(response.body(), StandardCharsets.UTF_8))
                .startsWith("{\"code\":\"InternalError\",")
                .contains("request id 0123456789ABCDEF");
    }
}
