package io.stowage.server.admin.json;

public record ErrorJson(String code, String message) {
}
