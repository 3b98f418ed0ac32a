package io.stowage.server.admin.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** An access key; {@code secretKey} is set only in the answer to the request that generated or supplied it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KeyJson(String accessKeyId, String user, String status, String createdAt, List<KeyGrantJson> grants,
        String secretKey) {

    @Override
    public String toString() {
        return "KeyJson[" + accessKeyId + ", user=" + user + ", " + status + "]";
    }
}
