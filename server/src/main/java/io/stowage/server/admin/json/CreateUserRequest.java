package io.stowage.server.admin.json;

/** POST /admin/v1/users: a user, and optionally the key pair to create with it. */
public record CreateUserRequest(String name, Boolean admin, String accessKeyId, String secretKey) {

    @Override
    public String toString() {
        return "CreateUserRequest[" + name + ", admin=" + admin + ", " + accessKeyId + "]";
    }
}
