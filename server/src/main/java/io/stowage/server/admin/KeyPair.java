package io.stowage.server.admin;

import io.stowage.engine.store.IamNames;
import io.stowage.server.secret.RandomSecrets;

/** An access key id with its secret, as supplied by a request or generated. */
record KeyPair(String accessKeyId, String secretKey) {

    static KeyPair generate() {
        return new KeyPair(RandomSecrets.accessKeyId(), RandomSecrets.secretKey());
    }

    /**
     * The pair a request supplied, checked against the engine's rules, or null when it supplied
     * neither part (so one is generated).
     */
    static KeyPair supplied(String accessKeyId, String secretKey) {
        if (accessKeyId == null && secretKey == null) {
            return null;
        }
        if (accessKeyId == null || secretKey == null) {
            throw AdminException.invalid("accessKeyId and secretKey go together: give both, or neither to have them generated");
        }
        IamNames.checkAccessKeyId(accessKeyId);
        IamNames.checkSecret(secretKey, accessKeyId);
        return new KeyPair(accessKeyId, secretKey);
    }

    /** The supplied pair, or a generated one. */
    static KeyPair suppliedOrGenerated(String accessKeyId, String secretKey) {
        KeyPair supplied = supplied(accessKeyId, secretKey);
        return supplied != null ? supplied : generate();
    }

    @Override
    public String toString() {
        return "KeyPair[" + accessKeyId + ", <redacted>]";
    }
}
