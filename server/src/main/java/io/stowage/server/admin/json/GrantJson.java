package io.stowage.server.admin.json;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A grant with its subject: exactly one of {@code user} and {@code key} (an access key id). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GrantJson(String bucket, String prefix, String access, String user, String key) {
}
