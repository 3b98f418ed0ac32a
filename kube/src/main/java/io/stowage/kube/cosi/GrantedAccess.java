package io.stowage.kube.cosi;

import io.stowage.backend.AccessKey;
import io.stowage.backend.S3Endpoint;

/**
 * What a grant gives a workload: the account (COSI's account_id, the handle for revoking), the bucket's
 * name on the backend, the account's new key and where to use it.
 */
public record GrantedAccess(String accountId, String bucket, AccessKey key, S3Endpoint endpoint) {
}
