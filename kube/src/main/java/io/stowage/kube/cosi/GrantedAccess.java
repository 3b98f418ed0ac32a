package io.stowage.kube.cosi;

import io.stowage.backend.AccessKey;
import io.stowage.backend.S3Endpoint;

/**
 * What a grant gives a workload: the account (COSI's account_id, the handle for revoking), its new key
 * and where to use it.
 */
public record GrantedAccess(String accountId, AccessKey key, S3Endpoint endpoint) {
}
