package io.stowage.server.admin.json;

import java.util.List;

public record UserJson(String name, boolean admin, String createdAt, List<KeyJson> keys) {
}
