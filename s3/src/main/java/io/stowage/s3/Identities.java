package io.stowage.s3;

import io.stowage.s3.auth.CredentialLookup;

/** Who holds which access key: the secret to verify signatures with, and the user a key acts as. */
public interface Identities extends CredentialLookup {

    /** The user owning an access key that {@link #secretKey} knows. */
    String userOf(String accessKeyId);
}
