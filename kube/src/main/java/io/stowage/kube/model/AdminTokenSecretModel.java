package io.stowage.kube.model;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.stowage.kube.crd.ObjectStore;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

/** The admin API token Secret: 32 random bytes as 64 hex characters under the key token. */
public final class AdminTokenSecretModel {

    public static final String KEY = "token";

    private static final SecureRandom RANDOM = new SecureRandom();

    private AdminTokenSecretModel() {
    }

    /** A Secret with a new token. Only for a Secret that does not exist yet: a token is never replaced. */
    public static Secret generate(ObjectStore store, EffectiveSpec spec) {
        byte[] token = new byte[32];
        RANDOM.nextBytes(token);
        return new SecretBuilder()
                .withMetadata(OwnedMetadata.of(store, spec.adminTokenSecret()))
                .withType("Opaque")
                .withData(Map.of(KEY, SecretData.encode(HexFormat.of().formatHex(token))))
                .build();
    }

    public static boolean hasToken(Secret secret) {
        String token = SecretData.decode(secret, KEY);
        return token != null && !token.isBlank();
    }
}
