package io.stowage.kube.provision;

import io.stowage.backend.AccessKey;
import io.stowage.backend.AccessMode;
import io.stowage.backend.BackendCapabilities;
import io.stowage.backend.BucketBackend;
import io.stowage.backend.BucketGrant;
import io.stowage.backend.BucketQuota;
import io.stowage.backend.BucketState;
import io.stowage.backend.S3Endpoint;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A real backend that declares some front-end capabilities missing and, as the SPI says a lacking backend does,
 * answers UNSUPPORTED to the calls that need them: for front-end tests of backends that cannot do everything.
 */
public final class LackingBackend implements BucketBackend {

    private void needQuota(BucketQuota quota) {
        if (quota.maxBytes() > 0) {
            need(declared.bucketQuota(), "bucket quotas");
        }
        if (quota.maxObjects() > 0) {
            need(declared.objectQuota(), "object quotas");
        }
    }

    private static final String NAME = "the test backend";

    private final BucketBackend delegate;
    private final BackendCapabilities declared;

    /** @param declared what it declares; it must not declare more than the delegate can do */
    public LackingBackend(BucketBackend delegate, BackendCapabilities declared) {
        this.delegate = delegate;
        this.declared = declared;
    }

    /**
     * Stowage's capabilities (all of them) but the bucket quotas, owner changes, read-only grants, bucket tags, write-only
     * and prefix grants.
     */
    public static BackendCapabilities lackingFrontEndCapabilities() {
        return new BackendCapabilities(false, false, false, true, false, false, true, false, false, false);
    }

    @Override
    public BackendCapabilities capabilities() {
        return declared;
    }

    private void needGrant(BucketGrant grant) {
        if (grant.mode() == AccessMode.READ_ONLY) {
            need(declared.readOnlyGrants(), "read-only grants");
        }
        declared.requireGrant(NAME, grant);
    }

    private static void need(boolean can, String what) {
        if (!can) {
            throw BackendCapabilities.unsupported(NAME, what);
        }
    }

    @Override
    public S3Endpoint endpoint() {
        return delegate.endpoint();
    }

    @Override
    public BucketState createBucket(String bucket, BucketQuota quota, Optional<String> owner) {
        needQuota(quota);
        if (owner.isPresent()) {
            need(declared.ownerChange(), "bucket owners");
        }
        return delegate.createBucket(bucket, quota, owner);
    }

    @Override
    public Optional<BucketState> findBucket(String bucket) {
        return delegate.findBucket(bucket);
    }

    @Override
    public void setQuota(String bucket, BucketQuota quota) {
        needQuota(quota);
        delegate.setQuota(bucket, quota);
    }

    @Override
    public Optional<BucketQuota> prefixQuota(String bucket, String prefix) {
        return delegate.prefixQuota(bucket, prefix);
    }

    @Override
    public void setPrefixQuota(String bucket, String prefix, BucketQuota quota) {
        need(declared.prefixQuota(), "prefix quotas");
        delegate.setPrefixQuota(bucket, prefix, quota);
    }

    @Override
    public void deletePrefixQuota(String bucket, String prefix) {
        delegate.deletePrefixQuota(bucket, prefix);
    }

    @Override
    public void setOwner(String bucket, String account) {
        need(declared.ownerChange(), "bucket owners");
        delegate.setOwner(bucket, account);
    }

    @Override
    public Map<String, String> bucketTags(String bucket) {
        need(declared.bucketTags(), "bucket tags");
        return delegate.bucketTags(bucket);
    }

    @Override
    public void setBucketTags(String bucket, Map<String, String> tags) {
        need(declared.bucketTags(), "bucket tags");
        delegate.setBucketTags(bucket, tags);
    }

    @Override
    public void deleteBucket(String bucket, boolean purge) {
        delegate.deleteBucket(bucket, purge);
    }

    @Override
    public void createKey(String account, AccessKey key, Optional<BucketGrant> grant) {
        if (grant.isPresent()) {
            needGrant(grant.get());
        }
        delegate.createKey(account, key, grant);
    }

    @Override
    public List<String> keys(String account) {
        return delegate.keys(account);
    }

    @Override
    public void deleteKey(String accessKeyId) {
        delegate.deleteKey(accessKeyId);
    }

    @Override
    public void deleteAccount(String account) {
        delegate.deleteAccount(account);
    }

    @Override
    public void grant(String accessKeyId, BucketGrant grant) {
        needGrant(grant);
        delegate.grant(accessKeyId, grant);
    }

    @Override
    public List<BucketGrant> keyGrants(String accessKeyId) {
        return delegate.keyGrants(accessKeyId);
    }

    @Override
    public void revoke(String accessKeyId, String bucket) {
        delegate.revoke(accessKeyId, bucket);
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String toString() {
        return NAME;
    }
}
