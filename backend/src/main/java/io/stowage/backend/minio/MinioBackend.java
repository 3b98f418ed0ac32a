package io.stowage.backend.minio;

import com.fasterxml.jackson.databind.JsonNode;
import io.stowage.backend.AccessKey;
import io.stowage.backend.AccessMode;
import io.stowage.backend.BackendCapabilities;
import io.stowage.backend.BackendException;
import io.stowage.backend.BackendException.Reason;
import io.stowage.backend.BackendSettings;
import io.stowage.backend.BucketBackend;
import io.stowage.backend.BucketGrant;
import io.stowage.backend.BucketQuota;
import io.stowage.backend.BucketState;
import io.stowage.backend.S3Endpoint;
import io.stowage.backend.s3.S3ObjectClient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A MinIO server, driven through its admin API ({@link MinioAdminClient}) and S3, with the root user's key or an admin
 * user's.
 *
 * <ul>
 *   <li><b>Keys</b> are MinIO users: the user's access key is the key's id, its secret the key's secret.
 *   <li><b>Accounts</b> are MinIO groups {@code stowage-account-<account>} that only record which keys belong to the
 *       account (the group has no policy): {@link #keys} lists the group's members, and a key id held by a user of
 *       another group is {@link Reason#CONFLICT} (a user in no group, left by a crash, is taken over). MinIO never answers a user's secret, so a key id created again is
 *       checked to have the same secret by signing an {@code accountinfo} call with it.
 *   <li><b>Rights</b> are canned policies ({@link MinioPolicies}) attached to each user: a key with a grant gets
 *       {@code stowage-<bucket>-ro|rw} for each bucket it is granted on (several buckets are fine); a key without one
 *       gets its account's policy {@code stowage-account-<account>}, which covers the buckets the account owns. Granting
 *       an account's own key a bucket is {@link Reason#UNSUPPORTED}: it would stop acting for its account.
 *   <li><b>Buckets</b> are created by the admin through S3, after their owner's account policy names them. MinIO has no
 *       bucket owners: a bucket's owner is the account whose policy names it, or the admin (its access key) when none
 *       does; {@link #setOwner} moves it between account policies.
 *   <li><b>Quotas</b>: MinIO's bucket quotas are hard limits in bytes ({@code set-bucket-quota}); a limit on the
 *       number of objects is refused, and prefix quotas do not exist on MinIO.
 * </ul>
 * Policy edits read, change and write a whole account policy: two owner changes at the same moment can lose one.
 */
public final class MinioBackend implements BucketBackend {

    private static final BackendCapabilities CAPABILITIES = new BackendCapabilities(true, true, false, false, true, true, true, false, false, false);
    private static final String SYSTEM = "MinIO";
    private static final String GROUP_PREFIX = "stowage-account-";
    /** MinIO's own default region, said when the settings name none. */
    private static final String DEFAULT_REGION = "us-east-1";

    private final MinioAdminClient admin;
    private final BackendSettings settings;
    private final S3Endpoint endpoint;

    private MinioBackend(MinioAdminClient admin, BackendSettings settings, S3Endpoint endpoint) {
        this.admin = admin;
        this.settings = settings;
        this.endpoint = endpoint;
    }

    public static MinioBackend open(BackendSettings settings) {
        String region = settings.region() != null ? settings.region() : DEFAULT_REGION;
        S3Endpoint endpoint = new S3Endpoint(settings.s3Endpoint(), region, settings.addressingStyle(), settings.caBundle());
        return new MinioBackend(MinioAdminClient.open(settings.adminEndpoint(), settings.adminKey(), region, settings.caBundle()),
                settings, endpoint);
    }

    @Override
    public BackendCapabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public S3Endpoint endpoint() {
        return endpoint;
    }

    @Override
    public BucketState createBucket(String bucket, BucketQuota quota, Optional<String> owner) {
        requireBytesOnly(quota);
        Optional<BucketState> existing = findBucket(bucket);
        if (existing.isPresent()) {
            return existing.get();
        }
        owner.ifPresent(this::requireAccount);
        // grants on an earlier bucket of this name, left by a crash in deleteBucket, must not reach this one
        dropGrantPolicies(bucket);
        // the owner first, so that a crash never leaves the bucket the administrator's
        owner.ifPresent(account -> changeOwned(account, bucket, true));
        try (S3ObjectClient s3 = S3ObjectClient.open(endpoint, settings.adminKey())) {
            s3.createBucket(bucket);
        } catch (BackendException e) {
            // a refused name was never created: the account must not keep rights to whoever takes it later; after any
            // other failure the bucket may exist, and the retry finds it with its owner
            if (e.reason() == Reason.INVALID || e.reason() == Reason.CONFLICT) {
                owner.ifPresent(account -> changeOwned(account, bucket, false));
            }
            throw e;
        }
        if (quota.maxBytes() > 0) {
            admin.setBucketQuota(bucket, quota.maxBytes());
        }
        return new BucketState(bucket, owner.orElse(adminOwner()), quota, true);
    }

    @Override
    public Optional<BucketState> findBucket(String bucket) {
        try (S3ObjectClient s3 = S3ObjectClient.open(endpoint, settings.adminKey())) {
            if (!s3.bucketExists(bucket)) {
                return Optional.empty();
            }
        }
        return Optional.of(new BucketState(bucket, owner(bucket).orElse(adminOwner()),
                new BucketQuota(admin.bucketQuota(bucket), 0), false));
    }

    @Override
    public void setQuota(String bucket, BucketQuota quota) {
        requireBytesOnly(quota);
        existing(bucket);
        admin.setBucketQuota(bucket, quota.maxBytes());
    }

    @Override
    public void setOwner(String bucket, String account) {
        BucketState state = existing(bucket);
        requireAccount(account);
        if (state.owner().equals(account)) {
            return;
        }
        // the new owner first: a crash in between leaves the bucket with two owners' keys, never with none
        changeOwned(account, bucket, true);
        owner(bucket, account).ifPresent(old -> changeOwned(old, bucket, false));
    }

    @Override
    public Map<String, String> bucketTags(String bucket) {
        try (S3ObjectClient s3 = S3ObjectClient.open(endpoint, settings.adminKey())) {
            return s3.bucketTags(bucket);
        }
    }

    @Override
    public void setBucketTags(String bucket, Map<String, String> tags) {
        try (S3ObjectClient s3 = S3ObjectClient.open(endpoint, settings.adminKey())) {
            s3.setBucketTags(bucket, tags);
        }
    }

    @Override
    public void deleteBucket(String bucket, boolean purge) {
        try (S3ObjectClient s3 = S3ObjectClient.open(endpoint, settings.adminKey())) {
            if (!s3.bucketExists(bucket)) {
                return;
            }
            if (purge) {
                s3.emptyBucket(bucket);
            }
            s3.deleteBucket(bucket);
        }
        dropGrantPolicies(bucket);
        owner(bucket).ifPresent(account -> changeOwned(account, bucket, false));
    }

    @Override
    public void createKey(String account, AccessKey key, Optional<BucketGrant> grant) {
        grant.ifPresent(g -> CAPABILITIES.requireGrant(SYSTEM, g));
        String group = group(account);
        Optional<JsonNode> user = admin.userInfo(key.id());
        if (user.isPresent()) {
            List<String> groups = memberOf(user.get());
            // a user in no group is this call's own, left by a crash before it joined the group
            if (!groups.isEmpty() && !groups.contains(group)) {
                throw new BackendException(Reason.CONFLICT, "access key " + key.id() + " belongs to another account");
            }
            if (!admin.accepts(key)) {
                throw new BackendException(Reason.CONFLICT, "access key " + key.id() + " exists with another secret");
            }
        } else {
            admin.addUser(key);
        }
        admin.addToGroup(group, key.id());
        if (grant.isPresent()) {
            attachGrant(key.id(), grant.get(), user.map(MinioBackend::policies).orElse(List.of()));
        } else {
            String policy = MinioPolicies.accountName(account);
            if (admin.cannedPolicy(policy).isEmpty()) {
                admin.addCannedPolicy(policy, MinioPolicies.account(new TreeSet<>()));
            }
            admin.attachPolicy(key.id(), policy);
        }
    }

    @Override
    public List<String> keys(String account) {
        return admin.groupMembers(group(account)).orElse(List.of());
    }

    @Override
    public void deleteKey(String accessKeyId) {
        admin.removeUser(accessKeyId);
    }

    @Override
    public void deleteAccount(String account) {
        keys(account).forEach(admin::removeUser);
        admin.removeGroup(group(account));
        admin.removeCannedPolicy(MinioPolicies.accountName(account));
    }

    @Override
    public void grant(String accessKeyId, BucketGrant grant) {
        CAPABILITIES.requireGrant(SYSTEM, grant);
        List<String> attached = admin.userInfo(accessKeyId).map(MinioBackend::policies)
                .orElseThrow(() -> new BackendException(Reason.NOT_FOUND, "access key " + accessKeyId + " does not exist"));
        if (attached.stream().anyMatch(p -> MinioPolicies.account(p).isPresent())) {
            throw BackendCapabilities.unsupported(SYSTEM, "limiting an account's key to a bucket: create a key with a grant");
        }
        attachGrant(accessKeyId, grant, attached);
    }

    /** The grant policies attached to the key's user, by their names (this backend never changes their documents). */
    @Override
    public List<BucketGrant> keyGrants(String accessKeyId) {
        List<String> attached = admin.userInfo(accessKeyId).map(MinioBackend::policies)
                .orElseThrow(() -> new BackendException(Reason.NOT_FOUND, "access key " + accessKeyId + " does not exist"));
        return attached.stream().flatMap(p -> MinioPolicies.grantOf(p).stream()).toList();
    }

    @Override
    public void revoke(String accessKeyId, String bucket) {
        Optional<List<String>> attached = admin.userInfo(accessKeyId).map(MinioBackend::policies);
        if (attached.isEmpty()) {
            return;
        }
        List<String> left = new ArrayList<>(attached.get());
        for (AccessMode mode : AccessMode.values()) {
            String policy = MinioPolicies.grantName(bucket, mode);
            if (left.remove(policy)) {
                admin.detachPolicy(accessKeyId, policy);
            }
        }
        if (left.isEmpty()) {
            admin.removeUser(accessKeyId);
        }
    }

    @Override
    public void close() {
        admin.close();
    }

    @Override
    public String toString() {
        return "MinioBackend[" + settings.adminEndpoint() + "]";
    }

    /**
     * Attaches the grant's policy, then detaches the other mode's when {@code attached} (the user's policies) has it:
     * the key never drops to no access in between.
     */
    private void attachGrant(String accessKeyId, BucketGrant grant, List<String> attached) {
        String policy = MinioPolicies.grantName(grant.bucket(), grant.mode());
        admin.addCannedPolicy(policy, MinioPolicies.grant(grant.bucket(), grant.mode()));
        admin.attachPolicy(accessKeyId, policy);
        AccessMode otherMode = grant.mode() == AccessMode.READ_ONLY ? AccessMode.READ_WRITE : AccessMode.READ_ONLY;
        String other = MinioPolicies.grantName(grant.bucket(), otherMode);
        if (attached.contains(other)) {
            admin.detachPolicy(accessKeyId, other);
        }
    }

    /**
     * Detaches the bucket's grant policies from every user and deletes them: MinIO keeps a policy naming a bucket that
     * is gone, and it would reach the next bucket made under that name.
     */
    private void dropGrantPolicies(String bucket) {
        List<String> names = Arrays.stream(AccessMode.values()).map(mode -> MinioPolicies.grantName(bucket, mode)).distinct().toList();
        if (names.stream().noneMatch(admin.cannedPolicies()::containsKey)) {
            return;
        }
        admin.users().forEach((user, info) -> policies(info).stream().filter(names::contains)
                .forEach(policy -> admin.detachPolicy(user, policy)));
        names.forEach(admin::removeCannedPolicy);
    }

    /** Adds the bucket to, or removes it from, the buckets the account's policy covers. */
    private void changeOwned(String account, String bucket, boolean owned) {
        String name = MinioPolicies.accountName(account);
        SortedSet<String> buckets = admin.cannedPolicy(name).map(MinioPolicies::parse).map(MinioPolicies::ownedBuckets)
                .orElseGet(TreeSet::new);
        if (owned ? buckets.add(bucket) : buckets.remove(bucket)) {
            admin.addCannedPolicy(name, MinioPolicies.account(buckets));
        }
    }

    private Optional<String> owner(String bucket) {
        return owner(bucket, null);
    }

    /** The account whose policy covers the bucket, other than {@code except}. */
    private Optional<String> owner(String bucket, String except) {
        for (Map.Entry<String, JsonNode> policy : admin.cannedPolicies().entrySet()) {
            Optional<String> account = MinioPolicies.account(policy.getKey());
            if (account.isPresent() && !account.get().equals(except)
                    && MinioPolicies.ownedBuckets(policy.getValue()).contains(bucket)) {
                return account;
            }
        }
        return Optional.empty();
    }

    private void requireAccount(String account) {
        if (admin.groupMembers(group(account)).isEmpty()) {
            throw new BackendException(Reason.NOT_FOUND, "account " + account + " does not exist");
        }
    }

    private BucketState existing(String bucket) {
        return findBucket(bucket).orElseThrow(() -> new BackendException(Reason.NOT_FOUND, "bucket " + bucket + " does not exist"));
    }

    private static void requireBytesOnly(BucketQuota quota) {
        if (quota.maxObjects() > 0) {
            throw BackendCapabilities.unsupported(SYSTEM, "quotas on the number of objects (its quotas limit bytes only)");
        }
    }

    private String adminOwner() {
        return settings.adminKey().id();
    }

    private static String group(String account) {
        return GROUP_PREFIX + account;
    }

    private static List<String> memberOf(JsonNode user) {
        return user.path("memberOf").valueStream().map(JsonNode::asText).toList();
    }

    /** The policies attached to the user: MinIO answers them as one comma-separated {@code policyName}. */
    private static List<String> policies(JsonNode user) {
        return Arrays.stream(user.path("policyName").asText("").split(",")).map(String::strip).filter(p -> !p.isEmpty()).toList();
    }
}
