package io.stowage.kube.model;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.stowage.kube.crd.ObjectStore;
import java.security.SecureRandom;
import java.util.Map;
import java.util.TreeMap;

/**
 * The root user's key pair of a cluster, NAME-root-credentials: a single server generates its own, but
 * the pods of a cluster must all have the same one, so the operator generates it and every pod reads it.
 * Shaped as the server generates them: a 20-character access key id and a 40-character secret.
 */
public final class RootCredentialsSecretModel {

    public static final String ACCESS_KEY = "accessKey";
    public static final String SECRET_KEY = "secretKey";

    private static final String ACCESS_KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String SECRET_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private RootCredentialsSecretModel() {
    }

    /** A Secret with a new key pair. Only for a Secret that does not exist yet: the pair is never replaced. */
    public static Secret generate(ObjectStore store) {
        return new SecretBuilder()
                .withMetadata(OwnedMetadata.of(store, ObjectStoreNames.of(store).rootCredentialsSecret()))
                .withType("Opaque")
                .withData(new TreeMap<>(Map.of(
                        ACCESS_KEY, SecretData.encode(random(ACCESS_KEY_ALPHABET, 20)),
                        SECRET_KEY, SecretData.encode(random(SECRET_ALPHABET, 40)))))
                .build();
    }

    /** Whether both keys are there, within the lengths the server accepts (3 to 128, 8 to 128). */
    public static boolean isUsable(Secret secret) {
        String accessKey = SecretData.decode(secret, ACCESS_KEY);
        String secretKey = SecretData.decode(secret, SECRET_KEY);
        return accessKey != null && accessKey.length() >= 3 && accessKey.length() <= 128
                && secretKey != null && secretKey.length() >= 8 && secretKey.length() <= 128;
    }

    private static String random(String alphabet, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
