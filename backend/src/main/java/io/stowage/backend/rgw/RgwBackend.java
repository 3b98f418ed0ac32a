package io.stowage.backend.rgw;

import com.fasterxml.jackson.databind.JsonNode;
import io.stowage.backend.AccessKey;
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
import io.stowage.backend.s3.SigV4Signer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A Ceph RADOS Gateway, driven through its Admin Ops API ({@code /admin/...}) and S3, with the key of an RGW user
 * that has the caps {@code users=*;buckets=*}.
 *
 * <ul>
 *   <li><b>Accounts</b> are RGW users: the uid is the account name. A key created without a grant is an S3 key of
 *       that user and has all its rights.
 *   <li><b>Keys with a grant.</b> RGW keys carry their user's rights, so a key limited to a bucket gets an RGW user
 *       of its own, uid {@code <account>.key.<access key id>}, which may not create buckets ({@code max-buckets=-1})
 *       and whose display name records the one bucket it is granted on. The bucket's policy (written with the bucket
 *       owner's key) holds one statement per such key, {@code Sid stowage-key-<access key id>}, allowing that user
 *       the read or read-and-write object actions. {@link #grant} rewrites the statement, {@link #revoke} removes it
 *       and deletes the key's user. A key reaches one bucket: a grant on a second is
 *       {@link Reason#UNSUPPORTED}; {@link #keys} lists the account user's keys and those of its key users.
 *   <li><b>Buckets</b> are created through S3 by their owner, with a key of the owner's that lives only for the
 *       call (or by the administrator for buckets without an owner). Changing the owner
 *       is a bucket link: objects keep the owner they were written by, and their ACLs, so the new owner cannot read
 *       the old owner's objects. Objects written through a granted key are owned by the key's user: the bucket owner
 *       reads them only through a grant of its own.
 *   <li><b>Quotas</b> are RGW bucket quotas, and an account's quota is its RGW user quota (all its buckets together;
 *       RGW checks it against user statistics it refreshes in the background, so it may let a burst past). Sizes are
 *       set in KiB (rounded up), and RGW counts each object as at least 4 KiB. Prefix quotas do not exist on RGW.
 *   <li><b>Bucket tags and policies</b> are S3 calls the bucket's owner must make: they are signed with the owner's
 *       first S3 key, read through Admin Ops. A bucket whose owner has no S3 key cannot have either changed.
 * </ul>
 * Policy edits read, change and write the whole policy: two grants on the same bucket at the same moment can lose one.
 */
public final class RgwBackend implements BucketBackend {

    private static final BackendCapabilities CAPABILITIES = new BackendCapabilities(true, true, true, false, true, true, false, false, false, true);
    private static final String KEY_USER_INFIX = ".key.";
    private static final String KEY_USER_BUCKET = " for bucket ";
    /** RGW does not check the region of a signature; this one is said when the settings name none. */
    private static final String DEFAULT_REGION = "us-east-1";

    private final RgwAdminClient admin;
    private final BackendSettings settings;
    private final S3Endpoint endpoint;
    private volatile String adminUid;

    private RgwBackend(RgwAdminClient admin, BackendSettings settings, S3Endpoint endpoint) {
        this.admin = admin;
        this.settings = settings;
        this.endpoint = endpoint;
    }

    public static RgwBackend open(BackendSettings settings) {
        String region = settings.region() != null ? settings.region() : DEFAULT_REGION;
        S3Endpoint endpoint = new S3Endpoint(settings.s3Endpoint(), region, settings.addressingStyle(), settings.caBundle());
        return new RgwBackend(RgwAdminClient.open(settings.adminEndpoint(), settings.adminKey(), region, settings.caBundle()),
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
        String uid = owner.orElseGet(this::adminUid);
        boolean byAccount = !uid.equals(adminUid());
        if (byAccount) {
            // a creation key left by a call that crashed before removing it
            admin.removeKey(uid, creationKeyId(uid, bucket));
        }
        Optional<BucketState> existing = findBucket(bucket);
        if (existing.isPresent()) {
            return existing.get();
        }
        if (byAccount) {
            createAsAccount(bucket, uid);
        } else {
            try (S3ObjectClient s3 = S3ObjectClient.open(endpoint, settings.adminKey())) {
                s3.createBucket(bucket);
            }
        }
        if (!BucketQuota.NONE.equals(quota)) {
            admin.setBucketQuota(bucket, uid, quota);
        }
        return new BucketState(bucket, uid, findBucket(bucket).map(BucketState::quota).orElse(quota), true);
    }

    /**
     * Creates the bucket through S3 with a short-lived key of its owner, so that it is the owner's from the start: an
     * administrator's bucket linked afterwards would stay the administrator's after a crash in between.
     */
    private void createAsAccount(String bucket, String uid) {
        if (admin.user(uid).isEmpty()) {
            throw new BackendException(Reason.NOT_FOUND, "account " + uid + " does not exist");
        }
        AccessKey creationKey = new AccessKey(creationKeyId(uid, bucket), AccessKey.generate().secret());
        admin.addKey(uid, creationKey);
        try (S3ObjectClient s3 = S3ObjectClient.open(endpoint, creationKey)) {
            s3.createBucket(bucket);
        } finally {
            admin.removeKey(uid, creationKey.id());
        }
    }

    /** The id of the key {@link #createAsAccount} uses: the same for every try, so a retry finds what a crash left. */
    static String creationKeyId(String uid, String bucket) {
        return "STOWAGECREATE" + SigV4Signer.sha256Hex((uid + "/" + bucket).getBytes(StandardCharsets.UTF_8))
                .substring(0, 7).toUpperCase(Locale.ROOT);
    }

    @Override
    public Optional<BucketState> findBucket(String bucket) {
        return admin.bucket(bucket).map(info -> new BucketState(bucket, info.path("owner").asText(),
                quota(info.path("bucket_quota")), false));
    }

    private static BucketQuota quota(JsonNode quota) {
        if (!quota.path("enabled").asBoolean(false)) {
            return BucketQuota.NONE;
        }
        return new BucketQuota(Math.max(0, quota.path("max_size").asLong(-1)), Math.max(0, quota.path("max_objects").asLong(-1)));
    }

    @Override
    public void setQuota(String bucket, BucketQuota quota) {
        admin.setBucketQuota(bucket, existing(bucket).owner(), quota);
    }

    @Override
    public Optional<BucketQuota> accountQuota(String account) {
        BucketQuota quota = quota(admin.userQuota(account));
        return BucketQuota.NONE.equals(quota) ? Optional.empty() : Optional.of(quota);
    }

    @Override
    public void setAccountQuota(String account, BucketQuota quota) {
        admin.setUserQuota(account, quota);
    }

    @Override
    public void setOwner(String bucket, String account) {
        BucketState state = existing(bucket);
        if (admin.user(account).isEmpty()) {
            throw new BackendException(Reason.NOT_FOUND, "account " + account + " does not exist");
        }
        if (!state.owner().equals(account)) {
            admin.link(bucket, account);
        }
    }

    @Override
    public Map<String, String> bucketTags(String bucket) {
        return asOwner(bucket, s3 -> s3.bucketTags(bucket));
    }

    @Override
    public void setBucketTags(String bucket, Map<String, String> tags) {
        asOwner(bucket, s3 -> {
            s3.setBucketTags(bucket, tags);
            return null;
        });
    }

    @Override
    public void deleteBucket(String bucket, boolean purge) {
        admin.deleteBucket(bucket, purge);
    }

    @Override
    public void createKey(String account, AccessKey key, Optional<BucketGrant> grant) {
        grant.ifPresent(g -> CAPABILITIES.requireGrant("Ceph RGW", g));
        String uid = grant.isPresent() ? keyUser(account, key.id()) : account;
        Optional<JsonNode> holder = admin.userOfKey(key.id());
        if (holder.isPresent()) {
            if (!uid.equals(holder.get().path("user_id").asText())) {
                throw new BackendException(Reason.CONFLICT, "access key " + key.id() + " belongs to another account or grant");
            }
            if (!key.hasSecret(secretOf(holder.get(), key.id()))) {
                throw new BackendException(Reason.CONFLICT, "access key " + key.id() + " exists with another secret");
            }
        } else if (grant.isPresent()) {
            if (!admin.createUser(uid, "key " + key.id() + " of " + account + KEY_USER_BUCKET + grant.get().bucket(), key, -1)) {
                admin.addKey(uid, key);
            }
        } else if (!admin.createUser(uid, account, key, 1000)) {
            admin.addKey(uid, key);
        }
        // also finishes a key left without its statement by a crash
        grant.ifPresent(g -> allow(uid, key.id(), g));
    }

    @Override
    public List<String> keys(String account) {
        List<String> keys = new ArrayList<>();
        admin.user(account).ifPresent(user -> keys.addAll(accessKeys(user)));
        for (String uid : admin.uids()) {
            if (uid.startsWith(account + KEY_USER_INFIX)) {
                admin.user(uid).ifPresent(user -> keys.addAll(accessKeys(user)));
            }
        }
        return keys;
    }

    @Override
    public void deleteKey(String accessKeyId) {
        Optional<JsonNode> holder = admin.userOfKey(accessKeyId);
        if (holder.isEmpty()) {
            return;
        }
        String uid = holder.get().path("user_id").asText();
        Optional<String> bucket = grantedBucket(holder.get(), accessKeyId);
        if (bucket.isPresent()) {
            deleteKeyUser(uid, accessKeyId, bucket.get());
        } else {
            admin.removeKey(uid, accessKeyId);
        }
    }

    @Override
    public void deleteAccount(String account) {
        for (String uid : admin.uids()) {
            if (uid.startsWith(account + KEY_USER_INFIX)) {
                admin.user(uid).ifPresent(user -> accessKeys(user).forEach(this::deleteKey));
                admin.deleteUser(uid);
            }
        }
        admin.deleteUser(account);
    }

    @Override
    public void grant(String accessKeyId, BucketGrant grant) {
        CAPABILITIES.requireGrant("Ceph RGW", grant);
        JsonNode holder = admin.userOfKey(accessKeyId)
                .orElseThrow(() -> new BackendException(Reason.NOT_FOUND, "access key " + accessKeyId + " does not exist"));
        Optional<String> bucket = grantedBucket(holder, accessKeyId);
        if (bucket.isEmpty()) {
            throw BackendCapabilities.unsupported("Ceph RGW", "limiting an account's key to a bucket: create a key with a grant");
        }
        if (!bucket.get().equals(grant.bucket())) {
            throw BackendCapabilities.unsupported("Ceph RGW", "a key granted on two buckets (" + accessKeyId + " reaches "
                    + bucket.get() + ")");
        }
        allow(holder.path("user_id").asText(), accessKeyId, grant);
    }

    /** The key's statement in its bucket's policy: what RGW enforces, so a statement changed by hand shows. */
    @Override
    public List<BucketGrant> keyGrants(String accessKeyId) {
        JsonNode holder = admin.userOfKey(accessKeyId)
                .orElseThrow(() -> new BackendException(Reason.NOT_FOUND, "access key " + accessKeyId + " does not exist"));
        Optional<String> bucket = grantedBucket(holder, accessKeyId);
        if (bucket.isEmpty()) {
            return List.of();
        }
        return asOwner(bucket.get(), s3 -> GrantPolicy.of(bucket.get(), s3.bucketPolicy(bucket.get())).mode(accessKeyId)
                .map(mode -> List.of(new BucketGrant(bucket.get(), mode))).orElse(List.of()));
    }

    @Override
    public void revoke(String accessKeyId, String bucket) {
        Optional<JsonNode> holder = admin.userOfKey(accessKeyId);
        if (holder.isEmpty()) {
            return;
        }
        if (grantedBucket(holder.get(), accessKeyId).filter(bucket::equals).isPresent()) {
            deleteKeyUser(holder.get().path("user_id").asText(), accessKeyId, bucket);
        }
    }

    @Override
    public void close() {
        admin.close();
    }

    @Override
    public String toString() {
        return "RgwBackend[" + settings.adminEndpoint() + "]";
    }

    private void allow(String uid, String accessKeyId, BucketGrant grant) {
        asOwner(grant.bucket(), s3 -> {
            GrantPolicy policy = GrantPolicy.of(grant.bucket(), s3.bucketPolicy(grant.bucket()));
            if (!policy.mode(accessKeyId).equals(Optional.of(grant.mode()))) {
                s3.putBucketPolicy(grant.bucket(), policy.allow(accessKeyId, uid, grant.mode()).json());
            }
            return null;
        });
    }

    /** Removes the key's statement from its bucket (gone already is fine), then the key's user with the key. */
    private void deleteKeyUser(String uid, String accessKeyId, String bucket) {
        if (admin.bucket(bucket).isPresent()) {
            asOwner(bucket, s3 -> {
                Optional<String> current = s3.bucketPolicy(bucket);
                GrantPolicy policy = GrantPolicy.of(bucket, current);
                if (policy.mode(accessKeyId).isPresent()) {
                    policy.remove(accessKeyId);
                    if (policy.isEmpty()) {
                        s3.deleteBucketPolicy(bucket);
                    } else {
                        s3.putBucketPolicy(bucket, policy.json());
                    }
                }
                return null;
            });
        }
        admin.deleteUser(uid);
    }

    /** The bucket a key user's key is granted on, or empty for an account's own key. */
    private static Optional<String> grantedBucket(JsonNode user, String accessKeyId) {
        String uid = user.path("user_id").asText();
        String display = user.path("display_name").asText();
        int at = display.lastIndexOf(KEY_USER_BUCKET);
        if (!uid.endsWith(KEY_USER_INFIX + accessKeyId) || at < 0) {
            return Optional.empty();
        }
        return Optional.of(display.substring(at + KEY_USER_BUCKET.length()));
    }

    private static String keyUser(String account, String accessKeyId) {
        return account + KEY_USER_INFIX + accessKeyId;
    }

    private static List<String> accessKeys(JsonNode user) {
        List<String> ids = new ArrayList<>();
        user.path("keys").forEach(k -> ids.add(k.path("access_key").asText()));
        return ids;
    }

    private static String secretOf(JsonNode user, String accessKeyId) {
        for (JsonNode k : user.path("keys")) {
            if (accessKeyId.equals(k.path("access_key").asText())) {
                return k.path("secret_key").asText();
            }
        }
        return null;
    }

    private BucketState existing(String bucket) {
        return findBucket(bucket).orElseThrow(() -> new BackendException(Reason.NOT_FOUND, "bucket " + bucket + " does not exist"));
    }

    /** Runs an S3 call signed with the key of the bucket's owner, as RGW wants for policies and tags. */
    private <T> T asOwner(String bucket, Function<S3ObjectClient, T> call) {
        String owner = existing(bucket).owner();
        AccessKey key;
        if (owner.equals(adminUid())) {
            key = settings.adminKey();
        } else {
            JsonNode user = admin.user(owner)
                    .orElseThrow(() -> new BackendException(Reason.NOT_FOUND, "owner " + owner + " of bucket " + bucket + " does not exist"));
            JsonNode first = user.path("keys").path(0);
            if (first.isMissingNode()) {
                throw new BackendException(Reason.INVALID, "owner " + owner + " of bucket " + bucket
                        + " has no S3 key to change the bucket's policy or tags with");
            }
            key = new AccessKey(first.path("access_key").asText(), first.path("secret_key").asText());
        }
        try (S3ObjectClient s3 = S3ObjectClient.open(endpoint, key)) {
            return call.apply(s3);
        }
    }

    private String adminUid() {
        String known = adminUid;
        if (known == null) {
            known = admin.userOfKey(settings.adminKey().id())
                    .orElseThrow(() -> new BackendException(Reason.UNAUTHORIZED, "the RGW admin key is refused"))
                    .path("user_id").asText();
            adminUid = known;
        }
        return known;
    }
}
