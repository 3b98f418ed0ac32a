package io.stowage.server.admin.json;

public record HealthJson(String status) {

    public static final HealthJson OK = new HealthJson("ok");
}
