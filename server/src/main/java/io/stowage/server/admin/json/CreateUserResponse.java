package io.stowage.server.admin.json;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The user, and the key created with it (with its secret) when one was. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreateUserResponse(UserJson user, KeyJson key) {
}
