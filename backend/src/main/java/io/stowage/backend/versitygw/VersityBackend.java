package io.stowage.backend.versitygw;

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
import java.util.LinkedHashSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A VersityGW gateway, driven through its admin API and S3 with the key of an account whose role is {@code admin}
 * (the Secret's {@code accessKey}/{@code secretKey}).
 *
 * <ul>
 *   <li><b>Keys</b>: a VersityGW account has exactly one key, whose id is the account. So every key is a VersityGW
 *       account of its own, role {@code user} (which may not create buckets), and the SPI's <em>accounts</em> live
 *       in the {@link KeyRegistry}. The registry entry is written before the VersityGW account is created and
 *       deleted after it is, so that a crash never leaves an account the registry does not know; a key id
 *       VersityGW holds without a registry entry is another's, {@link Reason#CONFLICT}.
 *   <li><b>Ownership</b>: the bucket's VersityGW owner is the owning account's first key without a grant (the
 *       smallest id); the account's other such keys reach the bucket through the {@code stowage-owner} statement of
 *       its policy. Buckets created without an owner belong to the admin account, which this backend names by its
 *       access key id. {@link #setOwner} is {@code change-bucket-owner}, which deletes the policy: the backend
 *       writes it again. A key that owns buckets and is deleted hands them to its account's next key, or to the
 *       admin account when it was the last.
 *   <li><b>Grants</b> are bucket-policy statements naming the granted key ({@link BucketAccessPolicy}); one key may be
 *       granted on several buckets. Every policy is derived from the registry, so a lost one is rebuilt by the next
 *       call that touches the bucket.
 *   <li><b>No quotas</b>: VersityGW has neither bucket nor prefix quotas. Bucket tags are S3 bucket tagging.
 * </ul>
 * A purge deletes the objects but not unfinished multipart uploads. Policy edits read, change and write the whole
 * policy: two calls on the same bucket at the same moment can lose one's change until the next call.
 */
public final class VersityBackend implements BucketBackend {

    private static final BackendCapabilities CAPABILITIES = new BackendCapabilities(true, false, false, false, true, true, true, false, false, false);
    private static final String DEFAULT_REGION = "us-east-1";
    static final String DEFAULT_REGISTRY_BUCKET = "stowage-backend-registry";
    private static final String ROLE_USER = "user";

    private final VersityAdminClient admin;
    private final S3ObjectClient s3;
    private final KeyRegistry registry;
    private final BackendSettings settings;
    private final S3Endpoint endpoint;

    /** What VersityGW and the registry hold at the start of one call. */
    private record Snapshot(Map<String, String> owners, Map<String, VersityXml.Account> users, List<RegisteredKey> keys) {

        Optional<RegisteredKey> key(String keyId) {
            return KeyRegistry.find(keys, keyId);
        }

        /** The account's keys without a grant that exist in VersityGW, smallest id first. */
        List<String> ownKeys(String account) {
            return keys.stream().filter(k -> k.account().equals(account) && !k.granted() && users.containsKey(k.keyId()))
                    .map(RegisteredKey::keyId).sorted().toList();
        }
    }

    private VersityBackend(VersityAdminClient admin, S3ObjectClient s3, KeyRegistry registry, BackendSettings settings,
                           S3Endpoint endpoint) {
        this.admin = admin;
        this.s3 = s3;
        this.registry = registry;
        this.settings = settings;
        this.endpoint = endpoint;
    }

    public static VersityBackend open(BackendSettings settings) {
        String region = settings.region() != null ? settings.region() : DEFAULT_REGION;
        S3Endpoint endpoint = new S3Endpoint(settings.s3Endpoint(), region, settings.addressingStyle(), settings.caBundle());
        VersityAdminClient admin = VersityAdminClient.open(settings.adminEndpoint(), settings.adminKey(),
                region, settings.caBundle());
        S3ObjectClient s3 = S3ObjectClient.open(endpoint, settings.adminKey());
        String registryBucket = settings.registryBucket() != null ? settings.registryBucket() : DEFAULT_REGISTRY_BUCKET;
        return new VersityBackend(admin, s3, new KeyRegistry(s3, admin, registryBucket, settings.adminKey().id()), settings, endpoint);
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
        if (!BucketQuota.NONE.equals(quota)) {
            throw BackendCapabilities.unsupported("VersityGW", "bucket quotas");
        }
        Optional<BucketState> existing = findBucket(bucket);
        if (existing.isPresent()) {
            return existing.get();
        }
        Snapshot before = snapshot();
        String ownerKey = owner.map(account -> firstOwnKey(before, account)).orElse(adminId());
        if (!admin.createBucket(bucket, ownerKey)) {
            return findBucket(bucket).orElseThrow(() -> new BackendException(Reason.CONFLICT, "bucket " + bucket + " is taken"));
        }
        // grants on an earlier bucket of this name, left by a crash in deleteBucket, must not reach this one
        for (RegisteredKey key : before.keys()) {
            if (key.grants().containsKey(bucket)) {
                registry.put(key.withoutGrant(bucket));
            }
        }
        syncPolicy(bucket, snapshot(), Optional.empty(), Set.of());
        return new BucketState(bucket, owner.orElse(adminId()), BucketQuota.NONE, true);
    }

    @Override
    public Optional<BucketState> findBucket(String bucket) {
        String ownerKey = admin.bucketOwners().get(bucket);
        if (ownerKey == null) {
            return Optional.empty();
        }
        return Optional.of(new BucketState(bucket, accountOf(ownerKey), BucketQuota.NONE, false));
    }

    @Override
    public void setQuota(String bucket, BucketQuota quota) {
        throw BackendCapabilities.unsupported("VersityGW", "bucket quotas");
    }

    @Override
    public void setOwner(String bucket, String account) {
        Snapshot now = snapshot();
        String current = existingOwner(now, bucket);
        String next = firstOwnKey(now, account);
        if (now.ownKeys(account).contains(current)) {
            syncPolicy(bucket, now, Optional.empty(), Set.of());
        } else {
            changeOwner(bucket, next, now, Set.of());
        }
    }

    @Override
    public Map<String, String> bucketTags(String bucket) {
        return s3.bucketTags(bucket);
    }

    @Override
    public void setBucketTags(String bucket, Map<String, String> tags) {
        s3.setBucketTags(bucket, tags);
    }

    @Override
    public void deleteBucket(String bucket, boolean purge) {
        if (!admin.bucketOwners().containsKey(bucket)) {
            return;
        }
        if (purge) {
            s3.emptyBucket(bucket);
        }
        s3.deleteBucket(bucket);
        for (RegisteredKey key : registry.all()) {
            if (key.grants().containsKey(bucket)) {
                registry.put(key.withoutGrant(bucket));
            }
        }
    }

    @Override
    public void createKey(String account, AccessKey key, Optional<BucketGrant> grant) {
        KeyRegistry.checkAccount(account);
        grant.ifPresent(g -> CAPABILITIES.requireGrant(toString(), g));
        Snapshot now = snapshot();
        grant.ifPresent(g -> existingOwner(now, g.bucket()));
        Optional<RegisteredKey> registered = now.key(key.id());
        if (registered.isPresent() && (!registered.get().account().equals(account) || registered.get().granted() != grant.isPresent())) {
            throw new BackendException(Reason.CONFLICT, "access key " + key.id() + " belongs to another account or grant");
        }
        if (now.users().containsKey(key.id())) {
            if (registered.isEmpty()) {
                throw new BackendException(Reason.CONFLICT, "access key " + key.id() + " is a VersityGW account this backend did not make");
            }
            if (!key.hasSecret(now.users().get(key.id()).secret())) {
                throw new BackendException(Reason.CONFLICT, "access key " + key.id() + " exists with another secret");
            }
        }
        RegisteredKey entry = registered.orElseGet(() -> new RegisteredKey(account, key.id(), grant.isPresent(), Map.of()));
        if (grant.isPresent()) {
            entry = entry.withGrant(grant.get().bucket(), grant.get().mode());
        }
        if (!registered.equals(Optional.of(entry))) {
            registry.put(entry);
        }
        if (!now.users().containsKey(key.id()) && !admin.createUser(key, ROLE_USER)) {
            VersityXml.Account raced = admin.users().get(key.id());
            if (raced == null || !key.hasSecret(raced.secret())) {
                throw new BackendException(Reason.CONFLICT, "access key " + key.id() + " exists with another secret");
            }
        }
        // also finishes a key left without its policy statements by a crash
        Snapshot after = snapshot();
        for (String bucket : affectedBuckets(after, entry)) {
            syncPolicy(bucket, after, Optional.empty(), Set.of());
        }
    }

    @Override
    public List<String> keys(String account) {
        return registry.ofAccount(account).stream().map(RegisteredKey::keyId).toList();
    }

    @Override
    public void deleteKey(String accessKeyId) {
        Snapshot now = snapshot();
        now.key(accessKeyId).ifPresent(key -> delete(key, now));
    }

    @Override
    public void deleteAccount(String account) {
        for (RegisteredKey key : registry.ofAccount(account)) {
            delete(key, snapshot());
        }
    }

    @Override
    public void grant(String accessKeyId, BucketGrant grant) {
        CAPABILITIES.requireGrant(toString(), grant);
        Snapshot now = snapshot();
        RegisteredKey key = now.key(accessKeyId)
                .orElseThrow(() -> new BackendException(Reason.NOT_FOUND, "access key " + accessKeyId + " does not exist"));
        existingOwner(now, grant.bucket());
        RegisteredKey changed = key.withGrant(grant.bucket(), grant.mode());
        if (!changed.equals(key)) {
            registry.put(changed);
        }
        syncPolicy(grant.bucket(), snapshot(), Optional.empty(), Set.of());
    }

    /**
     * The key's statements in the policies of the buckets the registry has it granted on: what VersityGW enforces, so a
     * statement removed or changed by hand shows (a statement added by hand on another bucket does not).
     */
    @Override
    public List<BucketGrant> keyGrants(String accessKeyId) {
        RegisteredKey key = KeyRegistry.find(registry.all(), accessKeyId)
                .orElseThrow(() -> new BackendException(Reason.NOT_FOUND, "access key " + accessKeyId + " does not exist"));
        List<BucketGrant> grants = new ArrayList<>();
        for (String bucket : key.grants().keySet()) {
            BucketAccessPolicy.mode(bucket, s3.bucketPolicy(bucket), accessKeyId)
                    .ifPresent(mode -> grants.add(new BucketGrant(bucket, mode)));
        }
        return grants;
    }

    @Override
    public void revoke(String accessKeyId, String bucket) {
        Snapshot now = snapshot();
        Optional<RegisteredKey> key = now.key(accessKeyId);
        if (key.isEmpty()) {
            return;
        }
        RegisteredKey changed = key.get().withoutGrant(bucket);
        if (!changed.equals(key.get())) {
            registry.put(changed);
        }
        Snapshot after = snapshot();
        if (after.owners().containsKey(bucket)) {
            syncPolicy(bucket, after, Optional.empty(), Set.of());
        }
        if (changed.granted() && changed.grants().isEmpty()) {
            delete(changed, after);
        }
    }

    @Override
    public void close() {
        s3.close();
        admin.close();
    }

    @Override
    public String toString() {
        return "VersityBackend[" + settings.adminEndpoint() + "]";
    }

    /**
     * Deletes a registered key: its buckets pass to its account's next key (or the admin account), the policies stop
     * naming it (VersityGW refuses a policy naming an account that does not exist), then the VersityGW account goes,
     * then the registry entry.
     */
    private void delete(RegisteredKey key, Snapshot now) {
        Set<String> except = Set.of(key.keyId());
        Set<String> affected = new LinkedHashSet<>(affectedBuckets(now, key));
        for (Map.Entry<String, String> owned : now.owners().entrySet()) {
            if (owned.getValue().equals(key.keyId())) {
                String next = now.ownKeys(key.account()).stream().filter(k -> !k.equals(key.keyId())).findFirst().orElse(adminId());
                changeOwner(owned.getKey(), next, now, except);
                affected.remove(owned.getKey());
            }
        }
        for (String bucket : affected) {
            syncPolicy(bucket, now, Optional.empty(), except);
        }
        admin.deleteUser(key.keyId());
        registry.delete(key);
    }

    /** The existing buckets whose policy names the key: those it is granted on, and those its account owns. */
    private static List<String> affectedBuckets(Snapshot now, RegisteredKey key) {
        Set<String> buckets = new LinkedHashSet<>(key.grants().keySet());
        if (!key.granted()) {
            Set<String> ownKeys = Set.copyOf(now.keys().stream()
                    .filter(k -> k.account().equals(key.account()) && !k.granted()).map(RegisteredKey::keyId).toList());
            now.owners().forEach((bucket, owner) -> {
                if (ownKeys.contains(owner)) {
                    buckets.add(bucket);
                }
            });
        }
        buckets.retainAll(now.owners().keySet());
        return List.copyOf(buckets);
    }

    /** change-bucket-owner, then the policy it deleted, rebuilt with the foreign statements it held. */
    private void changeOwner(String bucket, String ownerKey, Snapshot now, Set<String> except) {
        Optional<String> before = s3.bucketPolicy(bucket);
        admin.changeBucketOwner(bucket, ownerKey);
        Map<String, String> owners = new TreeMap<>(now.owners());
        owners.put(bucket, ownerKey);
        syncPolicy(bucket, new Snapshot(owners, now.users(), now.keys()), before, except);
    }

    /**
     * Writes the policy the registry says the bucket should have (see {@link BucketAccessPolicy}), when it differs.
     *
     * @param basis the policy whose foreign statements to keep, when not the current one
     * @param except keys being deleted, left out
     */
    private void syncPolicy(String bucket, Snapshot now, Optional<String> basis, Set<String> except) {
        String ownerKey = now.owners().get(bucket);
        List<String> ownerKeys = now.key(ownerKey).filter(k -> !k.granted())
                .map(k -> now.ownKeys(k.account()).stream().filter(id -> !except.contains(id)).toList())
                .orElse(List.of());
        Map<String, AccessMode> grants = new TreeMap<>();
        for (RegisteredKey key : now.keys()) {
            AccessMode mode = key.grants().get(bucket);
            if (mode != null && !except.contains(key.keyId()) && now.users().containsKey(key.keyId())) {
                grants.put(key.keyId(), mode);
            }
        }
        Optional<String> current = s3.bucketPolicy(bucket);
        Optional<String> desired = BucketAccessPolicy.desired(bucket, basis.isPresent() ? basis : current, ownerKeys, grants);
        if (BucketAccessPolicy.same(current, desired)) {
            return;
        }
        if (desired.isPresent()) {
            s3.putBucketPolicy(bucket, desired.get());
        } else {
            s3.deleteBucketPolicy(bucket);
        }
    }

    private Snapshot snapshot() {
        Map<String, String> owners = admin.bucketOwners();
        return new Snapshot(owners, admin.users(), registry.all());
    }

    private String existingOwner(Snapshot now, String bucket) {
        String owner = now.owners().get(bucket);
        if (owner == null) {
            throw new BackendException(Reason.NOT_FOUND, "bucket " + bucket + " does not exist");
        }
        return owner;
    }

    private static String firstOwnKey(Snapshot now, String account) {
        KeyRegistry.checkAccount(account);
        List<String> own = now.ownKeys(account);
        if (own.isEmpty()) {
            throw new BackendException(Reason.NOT_FOUND, "account " + account + " does not exist (it has no key of its own)");
        }
        return own.getFirst();
    }

    /** The account a VersityGW bucket owner stands for: the registry's, the admin's access key id, or the owner itself. */
    private String accountOf(String ownerKey) {
        if (ownerKey.equals(adminId())) {
            return ownerKey;
        }
        return KeyRegistry.find(registry.all(), ownerKey).map(RegisteredKey::account).orElse(ownerKey);
    }

    private String adminId() {
        return settings.adminKey().id();
    }
}
