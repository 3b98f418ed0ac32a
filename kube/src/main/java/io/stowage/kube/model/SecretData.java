package io.stowage.kube.model;

import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Secret values in `data` (base64). The operator never writes `stringData`: a real API server merges it
 * into data, but fabric8's mock server does not, and `data` is what everyone reads back.
 */
public final class SecretData {

    private SecretData() {
    }

    public static String encode(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    /** The decoded value of KEY, or null when the Secret has no such key. */
    public static String decode(Secret secret, String key) {
        if (secret.getData() == null || secret.getData().get(key) == null) {
            return null;
        }
        return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
    }
}
