package io.stowage.server.admin.json;

/** POST /admin/v1/keys/{id}/rotate: the new key pair, generated when absent. */
public record RotateKeyRequest(String accessKeyId, String secretKey) {

    @Override
    public String toString() {
        return "RotateKeyRequest[" + accessKeyId + "]";
    }
}
