package io.stowage.server.admin.json;

import java.util.List;

/** POST /admin/v1/users/{name}/keys: a key pair (generated when absent) and the grants that scope it. */
public record CreateKeyRequest(String accessKeyId, String secretKey, List<KeyGrantJson> grants) {

    @Override
    public String toString() {
        return "CreateKeyRequest[" + accessKeyId + ", " + grants + "]";
    }
}
