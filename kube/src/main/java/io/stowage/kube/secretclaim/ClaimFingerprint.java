package io.stowage.kube.secretclaim;

import io.stowage.backend.AccessMode;
import io.stowage.backend.BucketQuota;
import io.stowage.kube.provision.BackendRef;

/**
 * A hash of everything a provisioning depends on, stored in {@link ClaimAnnotations#PROVISIONED}: equal
 * fingerprints mean nothing to do. It covers the key's secret, so that a new secret is applied; SHA-256
 * does not reveal it, and whoever can read the annotation can read the Secret's data anyway (RBAC grants
 * a Secret whole, never its metadata alone). A read-only Secret's access is part of it; a read-write Secret's is left
 * out, so that the fingerprints of the Secrets provisioned before read-only access existed still match.
 */
final class ClaimFingerprint {

    private static final String VERSION = "v2";

    private ClaimFingerprint() {
    }

    static String of(String account, BackendRef backend, SecretClaim claim, BucketQuota quota, AccessMode access) {
        String canonical = String.join("\n", VERSION, account, backend.toString(), claim.bucket(), claim.key().id(),
                claim.key().secret(), claim.endpointUrl().map(EndpointUrls::normalised).orElse(""),
                quota.maxBytes() + "/" + quota.maxObjects());
        if (access != AccessMode.READ_WRITE) {
            canonical += "\n" + access.wireName();
        }
        return VERSION + "-" + ClaimAccounts.sha256(canonical);
    }
}
