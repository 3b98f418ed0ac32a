package io.stowage.s3.auth;

import java.util.Optional;

/** Finds the secret key of an access key id. */
@FunctionalInterface
public interface CredentialLookup {

    Optional<String> secretKey(String accessKeyId);
}
