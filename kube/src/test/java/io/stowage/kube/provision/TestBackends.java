package io.stowage.kube.provision;

import io.stowage.backend.BackendSettings;
import io.stowage.backend.BucketBackend;
import io.stowage.backend.BucketBackends;
import io.stowage.kube.model.SecretData;
import io.stowage.server.it.StowageServerExtension;
import java.util.HashMap;
import java.util.Map;

/** Backend Secrets for the provisioners' tests, pointing at the in-process server. */
public final class TestBackends {

    private TestBackends() {
    }

    /** A backend Secret's values for the server, with the given admin endpoint (a dead one to break it). */
    public static Map<String, String> settings(StowageServerExtension server, String adminEndpoint) {
        return Map.of("s3Endpoint", server.endpoint().toString(), "adminEndpoint", adminEndpoint,
                "adminToken", StowageServerExtension.ADMIN_TOKEN);
    }

    /** The server's settings: its S3 and admin endpoints and the admin token. */
    public static Map<String, String> settings(StowageServerExtension server) {
        return settings(server, server.adminEndpoint().toString());
    }

    /** The server as the provisioners reach it, for tests that check what they made. */
    public static BucketBackend open(StowageServerExtension server) {
        return BucketBackends.open(BackendSettings.fromSecretData(settings(server)));
    }

    /** The values as a Secret's {@code data} holds them (base64). */
    public static Map<String, String> encoded(Map<String, String> values) {
        Map<String, String> data = new HashMap<>();
        values.forEach((k, v) -> data.put(k, SecretData.encode(v)));
        return data;
    }
}
