package io.stowage.s3;

import io.stowage.s3.access.Caller;
import io.stowage.s3.auth.CredentialLookup;

/** Who holds which access key: the secret to verify signatures with, and who a key acts as. */
public interface Identities extends CredentialLookup {

    /** The caller behind an access key that {@link #secretKey} knows. */
    Caller caller(String accessKeyId);
}
