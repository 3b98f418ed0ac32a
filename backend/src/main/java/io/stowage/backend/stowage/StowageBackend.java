package io.stowage.backend.stowage;

import io.stowage.admin.client.Access;
import io.stowage.admin.client.AdminApiException;
import io.stowage.admin.client.AdminClient;
import io.stowage.admin.client.Bucket;
import io.stowage.admin.client.Grant;
import io.stowage.admin.client.Key;
import io.stowage.admin.client.KeyGrant;
import io.stowage.admin.client.KeyPair;
import io.stowage.admin.client.KeyStatus;
import io.stowage.admin.client.PrefixQuota;
import io.stowage.admin.client.Quota;
import io.stowage.backend.AccessKey;
import io.stowage.backend.AccessMode;
import io.stowage.backend.BackendCapabilities;
import io.stowage.backend.BackendException;
import io.stowage.backend.BackendSettings;
import io.stowage.backend.BucketBackend;
import io.stowage.backend.BucketGrant;
import io.stowage.backend.BucketQuota;
import io.stowage.backend.BucketState;
import io.stowage.backend.S3Endpoint;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A Stowage server driven through its admin API. Buckets are created owned by {@code root} unless an owner is given; accounts
 * are Stowage users, and a key with a grant is a scoped key, which reaches nothing else.
 */
public final class StowageBackend implements BucketBackend {

    /** Everything but account quotas: Stowage's quotas are per bucket and per key prefix. */
    private static final BackendCapabilities CAPABILITIES = new BackendCapabilities(true, true, true, true, true, true, true,
            true, true, false);

    private final AdminClient admin;
    private final BackendSettings settings;
    private volatile S3Endpoint endpoint;

    StowageBackend(AdminClient admin, BackendSettings settings) {
        this.admin = admin;
        this.settings = settings;
    }

    public static StowageBackend open(BackendSettings settings) {
        AdminClient.Builder builder = AdminClient.builder(settings.adminEndpoint()).token(settings.adminToken());
        if (settings.caBundle() != null) {
            builder.trustedCertificates(settings.caBundle().getBytes(StandardCharsets.US_ASCII));
        }
        return new StowageBackend(builder.build(), settings);
    }

    @Override
    public BackendCapabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public S3Endpoint endpoint() {
        S3Endpoint known = endpoint;
        if (known == null) {
            String region = settings.region() != null ? settings.region() : call(() -> admin.info().region());
            known = new S3Endpoint(settings.s3Endpoint(), region, settings.addressingStyle(), settings.caBundle());
            endpoint = known;
        }
        return known;
    }

    @Override
    public BucketState createBucket(String bucket, BucketQuota quota, Optional<String> owner) {
        Optional<BucketState> existing = findBucket(bucket);
        if (existing.isPresent()) {
            return existing.get();
        }
        try {
            Bucket created = admin.createBucket(bucket, owner.orElse(null), toQuota(quota)).value();
            return state(created, true);
        } catch (AdminApiException e) {
            if (e.isConflict()) {
                // created by a concurrent call between the lookup and the create
                return findBucket(bucket).orElseThrow(() -> failure(e, "bucket " + bucket));
            }
            throw failure(e, "bucket " + bucket);
        }
    }

    @Override
    public Optional<BucketState> findBucket(String bucket) {
        try {
            return Optional.of(state(admin.getBucket(bucket), false));
        } catch (AdminApiException e) {
            if (e.isNotFound()) {
                return Optional.empty();
            }
            throw failure(e, "bucket " + bucket);
        }
    }

    @Override
    public void setQuota(String bucket, BucketQuota quota) {
        call(() -> BucketQuota.NONE.equals(quota) ? admin.clearBucketQuota(bucket) : admin.setBucketQuota(bucket, toQuota(quota)));
    }

    @Override
    public Optional<BucketQuota> prefixQuota(String bucket, String prefix) {
        PrefixQuota quota = call(() -> admin.getPrefixQuota(bucket, prefix), "prefix " + prefix + " of bucket " + bucket);
        return Optional.ofNullable(quota).map(q -> new BucketQuota(q.quota().maxBytes(), q.quota().maxObjects()));
    }

    @Override
    public void setPrefixQuota(String bucket, String prefix, BucketQuota quota) {
        call(() -> admin.setPrefixQuota(bucket, prefix, new Quota(quota.maxBytes(), quota.maxObjects())),
                "prefix " + prefix + " of bucket " + bucket);
    }

    @Override
    public void deletePrefixQuota(String bucket, String prefix) {
        ignoringNotFound(() -> admin.deletePrefixQuota(bucket, prefix), "prefix " + prefix + " of bucket " + bucket);
    }

    @Override
    public void setOwner(String bucket, String account) {
        call(() -> admin.setBucketOwner(bucket, account));
    }

    @Override
    public Map<String, String> bucketTags(String bucket) {
        try {
            return admin.getBucketTags(bucket);
        } catch (AdminApiException e) {
            throw failure(e, "bucket " + bucket);
        }
    }

    @Override
    public void setBucketTags(String bucket, Map<String, String> tags) {
        try {
            admin.setBucketTags(bucket, tags);
        } catch (AdminApiException e) {
            throw failure(e, "bucket " + bucket);
        }
    }

    @Override
    public void deleteBucket(String bucket, boolean purge) {
        try {
            if (purge) {
                admin.forceDeleteBucket(bucket);
            } else {
                admin.deleteBucket(bucket);
            }
        } catch (AdminApiException e) {
            if (e.isNotFound()) {
                return;
            }
            if (e.isConflict()) {
                throw new BackendException(BackendException.Reason.BUCKET_NOT_EMPTY, "bucket " + bucket + " is not empty", e);
            }
            throw failure(e, "bucket " + bucket);
        }
    }

    @Override
    public void createKey(String account, AccessKey key, Optional<BucketGrant> grant) {
        KeyPair pair = new KeyPair(key.id(), key.secret());
        List<KeyGrant> grants = grant.map(g -> List.of(new KeyGrant(g.bucket(), g.prefix(), toAccess(g.mode())))).orElse(List.of());
        try {
            admin.createKey(account, pair, grants);
        } catch (AdminApiException e) {
            if (e.isNotFound()) {
                // a new account: the user comes with this key, which gets its grant before anyone holds it
                call(() -> admin.createUser(account, false, pair));
                grant.ifPresent(g -> grant(key.id(), g));
            } else if (e.isConflict()) {
                Key existing = call(() -> admin.getKey(key.id()));
                if (!existing.user().equals(account)) {
                    throw new BackendException(BackendException.Reason.CONFLICT,
                            "access key " + key.id() + " belongs to another account", e);
                }
                if (existing.grants().equals(grants)) {
                    throw new BackendException(BackendException.Reason.CONFLICT,
                            "access key " + key.id() + " exists with another secret", e);
                }
                // left half-made (a crash between creating and granting): finish it
                grant.ifPresent(g -> grant(key.id(), g));
            } else {
                throw failure(e, "access key " + key.id());
            }
        }
    }

    @Override
    public List<String> keys(String account) {
        try {
            return admin.listKeys(account).stream().map(Key::accessKeyId).toList();
        } catch (AdminApiException e) {
            if (e.isNotFound()) {
                return List.of();
            }
            throw failure(e, "account " + account);
        }
    }

    @Override
    public void deleteKey(String accessKeyId) {
        ignoringNotFound(() -> admin.deleteKey(accessKeyId), "access key " + accessKeyId);
    }

    @Override
    public void deleteAccount(String account) {
        ignoringNotFound(() -> admin.deleteUser(account), "account " + account);
    }

    @Override
    public void grant(String accessKeyId, BucketGrant grant) {
        Key key = call(() -> admin.getKey(accessKeyId));
        Access access = toAccess(grant.mode());
        List<KeyGrant> onBucket = key.grants().stream().filter(g -> g.bucket().equals(grant.bucket())).toList();
        if (onBucket.equals(List.of(new KeyGrant(grant.bucket(), grant.prefix(), access)))) {
            return;
        }
        boolean lastGrantsChange = onBucket.size() == key.grants().size() && !onBucket.isEmpty();
        // A key whose last grant is removed acts with its user's rights until the new grant lands:
        // keep it disabled for that moment.
        if (lastGrantsChange) {
            call(() -> admin.setKeyStatus(accessKeyId, KeyStatus.DISABLED));
        }
        for (KeyGrant old : onBucket) {
            ignoringNotFound(() -> admin.deleteKeyGrant(accessKeyId, old.bucket(), old.prefix()), "grant on " + old.bucket());
        }
        call(() -> admin.createGrant(Grant.forKey(accessKeyId, grant.bucket(), grant.prefix(), access)));
        if (lastGrantsChange && key.status() == KeyStatus.ACTIVE) {
            call(() -> admin.setKeyStatus(accessKeyId, KeyStatus.ACTIVE));
        }
    }

    @Override
    public List<BucketGrant> keyGrants(String accessKeyId) {
        Key key = call(() -> admin.getKey(accessKeyId), "access key " + accessKeyId);
        return key.grants().stream().map(g -> new BucketGrant(g.bucket(), g.prefix(), toMode(g.access()))).toList();
    }

    @Override
    public void revoke(String accessKeyId, String bucket) {
        Key key;
        try {
            key = admin.getKey(accessKeyId);
        } catch (AdminApiException e) {
            if (e.isNotFound()) {
                return;
            }
            throw failure(e, "access key " + accessKeyId);
        }
        List<KeyGrant> onBucket = key.grants().stream().filter(g -> g.bucket().equals(bucket)).toList();
        if (onBucket.size() == key.grants().size()) {
            deleteKey(accessKeyId);
            return;
        }
        for (KeyGrant old : onBucket) {
            ignoringNotFound(() -> admin.deleteKeyGrant(accessKeyId, old.bucket(), old.prefix()), "grant on " + bucket);
        }
    }

    @Override
    public void close() {
        admin.close();
    }

    @Override
    public String toString() {
        return "StowageBackend[" + settings.adminEndpoint() + "]";
    }

    private static BucketState state(Bucket bucket, boolean created) {
        return new BucketState(bucket.name(), bucket.owner(),
                new BucketQuota(bucket.quota().maxBytes(), bucket.quota().maxObjects()), created);
    }

    private static Quota toQuota(BucketQuota quota) {
        return quota == null || BucketQuota.NONE.equals(quota) ? null : new Quota(quota.maxBytes(), quota.maxObjects());
    }

    private static Access toAccess(AccessMode mode) {
        return switch (mode) {
            case READ_ONLY -> Access.READ;
            case READ_WRITE -> Access.READ_WRITE;
            case WRITE_ONLY -> Access.WRITE;
        };
    }

    private static AccessMode toMode(Access access) {
        return switch (access) {
            case READ -> AccessMode.READ_ONLY;
            case READ_WRITE -> AccessMode.READ_WRITE;
            case WRITE -> AccessMode.WRITE_ONLY;
        };
    }

    private static <T> T call(Supplier<T> call) {
        return call(call, null);
    }

    private static <T> T call(Supplier<T> call, String what) {
        try {
            return call.get();
        } catch (AdminApiException e) {
            throw failure(e, what);
        }
    }

    private static void ignoringNotFound(Runnable call, String what) {
        try {
            call.run();
        } catch (AdminApiException e) {
            if (!e.isNotFound()) {
                throw failure(e, what);
            }
        }
    }

    static BackendException failure(AdminApiException e, String what) {
        BackendException.Reason reason;
        if (e.isRetryable()) {
            reason = BackendException.Reason.UNAVAILABLE;
        } else if (e.isUnauthorized() || e.isForbidden()) {
            reason = BackendException.Reason.UNAUTHORIZED;
        } else if (e.isNotFound()) {
            reason = BackendException.Reason.NOT_FOUND;
        } else if (e.isConflict()) {
            reason = BackendException.Reason.CONFLICT;
        } else if (e.isInvalidRequest()) {
            reason = BackendException.Reason.INVALID;
        } else {
            reason = BackendException.Reason.UNAVAILABLE;
        }
        String message = "Stowage admin API: " + e.getMessage();
        return new BackendException(reason, what == null ? message : what + ": " + message, e);
    }
}
