package io.stowage.server.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.server.admin.json.CreateBucketRequest;
import io.stowage.server.admin.json.CreateKeyRequest;
import io.stowage.server.admin.json.CreateUserRequest;
import io.stowage.server.admin.json.CreateUserResponse;
import io.stowage.server.admin.json.KeyJson;
import io.stowage.server.admin.json.QuotaJson;
import io.stowage.server.admin.json.UserJson;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdminJsonTest {

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void invalid(String body, Class<?> type, String message) {
        assertThatThrownBy(() -> AdminJson.read(json(body), type))
                .isInstanceOfSatisfying(AdminException.class, e -> {
                    assertThat(e.code()).isEqualTo(AdminErrorCode.InvalidRequest);
                    assertThat(e.getMessage()).isEqualTo(message);
                });
    }

    @Test
    void readsTheRequestShapes() {
        assertThat(AdminJson.read(json("{\"name\":\"alice\",\"admin\":true}"), CreateUserRequest.class))
                .isEqualTo(new CreateUserRequest("alice", true, null, null));
        assertThat(AdminJson.read(json("{\"name\":\"b\",\"quota\":{\"maxBytes\":10}}"), CreateBucketRequest.class))
                .isEqualTo(new CreateBucketRequest("b", null, new QuotaJson(10L, null)));
        assertThat(AdminJson.readOptional(new byte[0], CreateKeyRequest.class, new CreateKeyRequest(null, null, null)))
                .isEqualTo(new CreateKeyRequest(null, null, null));
    }

    @Test
    void unknownFieldsAreNamed() {
        invalid("{\"name\":\"alice\",\"admn\":true}", CreateUserRequest.class, "unknown field 'admn'");
        invalid("{\"grants\":[{\"bucket\":\"b\",\"access\":\"read\",\"prefx\":\"a\"}]}", CreateKeyRequest.class,
                "unknown field 'grants[0].prefx'");
        invalid("{\"name\":\"b\",\"quota\":{\"maxbytes\":1}}", CreateBucketRequest.class, "unknown field 'quota.maxbytes'");
    }

    @Test
    void malformedBodiesAreInvalidWithoutEchoingThem() {
        invalid("", CreateUserRequest.class, "the request needs a JSON body");
        invalid("{\"name\":", CreateUserRequest.class, "the body is not valid JSON (line 1, column 9)");
        invalid("{\"name\":\"a\",\"secretKey\":hunter2hunter2}", CreateUserRequest.class,
                "the body is not valid JSON (line 1, column 25)");
        invalid("[1]", CreateUserRequest.class, "the body must be a JSON object");
        invalid("null", CreateUserRequest.class, "the body must be a JSON object, not null");
        invalid("{\"name\":\"a\"} {}", CreateUserRequest.class, "the body has more after its JSON value");
        invalid("{\"name\":\"a\",\"name\":\"b\"}", CreateUserRequest.class, "duplicate field 'name'");
    }

    @Test
    void typesAreNotCoerced() {
        invalid("{\"name\":\"a\",\"admin\":\"true\"}", CreateUserRequest.class, "field 'admin' has the wrong type");
        invalid("{\"name\":\"b\",\"quota\":{\"maxBytes\":\"10\"}}", CreateBucketRequest.class,
                "field 'quota.maxBytes' has the wrong type");
        invalid("{\"name\":\"b\",\"quota\":{\"maxBytes\":1.5}}", CreateBucketRequest.class,
                "field 'quota.maxBytes' has the wrong type");
    }

    @Test
    void secretsAreWrittenOnlyWhenSet() {
        KeyJson listed = new KeyJson("AK1", "alice", "active", "2026-01-01T00:00:00Z", List.of(), null);
        KeyJson created = new KeyJson("AK1", "alice", "active", "2026-01-01T00:00:00Z", List.of(), "s3cr3t-value");

        assertThat(new String(AdminJson.write(listed), StandardCharsets.UTF_8))
                .isEqualTo("{\"accessKeyId\":\"AK1\",\"user\":\"alice\",\"status\":\"active\","
                        + "\"createdAt\":\"2026-01-01T00:00:00Z\",\"grants\":[]}");
        assertThat(new String(AdminJson.write(created), StandardCharsets.UTF_8)).contains("\"secretKey\":\"s3cr3t-value\"");
        UserJson user = new UserJson("alice", false, "2026-01-01T00:00:00Z", List.of(listed));
        assertThat(new String(AdminJson.write(new CreateUserResponse(user, null)), StandardCharsets.UTF_8))
                .doesNotContain("\"key\"").doesNotContain("secretKey");
    }
}
