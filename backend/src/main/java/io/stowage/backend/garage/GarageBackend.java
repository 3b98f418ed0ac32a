package io.stowage.backend.garage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
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
import io.stowage.backend.garage.GarageAdminClient.Permissions;
import io.stowage.backend.s3.ListedObject;
import io.stowage.backend.s3.ObjectListing;
import io.stowage.backend.s3.S3ObjectClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A Garage cluster, driven through its admin API (v2, v1 as fallback) with the admin token, and through S3 with the
 * backend's own Garage key (the Secret's {@code accessKey}/{@code secretKey}).
 *
 * <ul>
 *   <li><b>Accounts</b> do not exist in Garage: an account is a key <em>name</em>. A key created without a grant is
 *       named {@code <account>}; one created with a grant is named {@code <account>#grant}, so that ownership never
 *       reaches it. {@link #keys} lists the keys with either name.
 *   <li><b>Ownership</b> is Garage's per-key {@code owner} flag: the account owning a bucket is the one whose
 *       {@code <account>}-named keys hold {@code owner} (with {@code read} and {@code write}) on it. Creating a bucket
 *       with an owner, or {@link #setOwner}, allows all those keys; {@link #setOwner} also denies the previous owner's.
 *       A key created without a grant for an account that owns buckets gets them too. An account exists when it has
 *       at least one key of its own.
 *   <li><b>Buckets</b> are created by the admin token without a name, given their owner's keys, the backend's own key
 *       and their quota, and only then the bucket name as global alias: a bucket found by its name is complete, and a
 *       crash before the name leaves an empty bucket without alias (Garage's {@code bucket list} shows it; nothing
 *       reaches it but the backend's key) while the retry makes a new one. The backend's own key is allowed
 *       {@code read}, {@code write} and {@code owner} on every bucket it creates, and owns those created without an
 *       owner. A purge deletes the objects through S3 with that key (allowing it on the bucket first) and removes
 *       unfinished uploads with {@code CleanupIncompleteUploads} (v2 only).
 *   <li><b>Grants</b> are {@code AllowBucketKey} with {@code read} (read-only), {@code read} and {@code write}
 *       (read-write) or {@code write} alone (write-only); one key may be granted on several buckets, never on a key prefix. A key left without any permission is deleted.
 *   <li><b>Quotas</b> are bucket quotas ({@code maxSize}, {@code maxObjects}); Garage has no prefix quotas and no bucket
 *       tagging.
 * </ul>
 * Garage refuses to import a key id it has ever held, even a deleted one: such a {@link #createKey} is
 * {@link Reason#CONFLICT}. It imports only keys of its own form ({@code GK} and 24 hex digits, a secret of 64 hex
 * digits: {@code Key::import} in Garage's {@code key_table.rs}); {@link #newKey()} makes them, and a key of another
 * form is {@link Reason#INVALID} before anything is sent.
 */
public final class GarageBackend implements BucketBackend {

    private static final BackendCapabilities CAPABILITIES = new BackendCapabilities(true, true, true, false, true, false, true, true, false, false);
    static final String GRANTED_SUFFIX = "#grant";
    private static final Pattern GARAGE_KEY_ID = Pattern.compile("GK[0-9a-fA-F]{24}");
    private static final Pattern GARAGE_SECRET = Pattern.compile("[0-9a-fA-F]{64}");
    /** Garage's conventional {@code s3_region}; the settings' region replaces it. */
    private static final String DEFAULT_REGION = "garage";
    private static final Permissions READ_WRITE = new Permissions(true, true, false);
    private static final Permissions READ_ONLY = new Permissions(true, false, false);
    private static final Permissions WRITE_ONLY = new Permissions(false, true, false);

    private final GarageAdminClient admin;
    private final BackendSettings settings;
    private final S3Endpoint endpoint;
    private volatile String adminName;

    private GarageBackend(GarageAdminClient admin, BackendSettings settings, S3Endpoint endpoint) {
        this.admin = admin;
        this.settings = settings;
        this.endpoint = endpoint;
    }

    public static GarageBackend open(BackendSettings settings) {
        String region = settings.region() != null ? settings.region() : DEFAULT_REGION;
        S3Endpoint endpoint = new S3Endpoint(settings.s3Endpoint(), region, settings.addressingStyle(), settings.caBundle());
        return new GarageBackend(GarageAdminClient.open(settings.adminEndpoint(), settings.adminToken(), settings.caBundle()),
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
        Optional<BucketState> existing = findBucket(bucket);
        if (existing.isPresent()) {
            return existing.get();
        }
        List<String> ownerKeys = owner.map(this::accountKeys).orElse(List.of());
        // made unnamed, given its owner, keys and quota, and named last: a crash before the name leaves only an empty
        // bucket nothing names, and the retry makes the bucket again, its owner's from the start
        String id = admin.createUnnamedBucket(bucket);
        admin.allow(id, settings.adminKey().id(), Permissions.ALL);
        for (String key : ownerKeys) {
            admin.allow(id, key, Permissions.ALL);
        }
        if (!BucketQuota.NONE.equals(quota)) {
            admin.setQuotas(id, quota, bucket);
        }
        boolean named;
        try {
            named = admin.addGlobalAlias(id, bucket);
        } catch (BackendException e) {
            if (!e.retryable()) {
                // a refused name: the unnamed bucket would only be left behind
                admin.deleteBucket(id, bucket);
            }
            throw e;
        }
        if (!named) {
            // named by a concurrent call between the lookup and here
            admin.deleteBucket(id, bucket);
            return findBucket(bucket).orElseThrow(() -> new BackendException(Reason.CONFLICT, "bucket " + bucket + " is taken"));
        }
        return state(bucket, existingInfo(bucket), true);
    }

    @Override
    public Optional<BucketState> findBucket(String bucket) {
        return admin.bucket(bucket).map(info -> state(bucket, info, false));
    }

    @Override
    public void setQuota(String bucket, BucketQuota quota) {
        admin.setQuotas(existingInfo(bucket).path("id").asText(), quota, bucket);
    }

    @Override
    public void setOwner(String bucket, String account) {
        JsonNode info = existingInfo(bucket);
        List<String> newKeys = accountKeys(account);
        String id = info.path("id").asText();
        for (JsonNode key : info.path("keys")) {
            String keyId = key.path("accessKeyId").asText();
            if (!keyId.equals(settings.adminKey().id()) && !account.equals(key.path("name").asText())
                    && Permissions.of(key.path("permissions")).owner()) {
                admin.deny(id, keyId, Permissions.ALL);
            }
        }
        for (String key : newKeys) {
            admin.allow(id, key, Permissions.ALL);
        }
    }

    @Override
    public Map<String, String> bucketTags(String bucket) {
        throw BackendCapabilities.unsupported("Garage", "bucket tags");
    }

    @Override
    public void setBucketTags(String bucket, Map<String, String> tags) {
        throw BackendCapabilities.unsupported("Garage", "bucket tags");
    }

    @Override
    public void deleteBucket(String bucket, boolean purge) {
        Optional<JsonNode> info = admin.bucket(bucket);
        if (info.isEmpty()) {
            return;
        }
        String id = info.get().path("id").asText();
        if (purge) {
            admin.allow(id, settings.adminKey().id(), Permissions.ALL);
            try (S3ObjectClient s3 = S3ObjectClient.open(endpoint, settings.adminKey())) {
                ObjectListing page;
                do {
                    // deleting the page's keys moves the listing on: always read the first page
                    page = s3.listObjects(bucket, null, null, S3ObjectClient.MAX_KEYS);
                    s3.deleteObjects(bucket, page.objects().stream().map(ListedObject::key).toList());
                } while (page.nextContinuationToken().isPresent());
            }
            admin.cleanupIncompleteUploads(id, bucket);
        }
        admin.deleteBucket(id, bucket);
    }

    @Override
    public AccessKey newKey() {
        return AccessKey.generateHex("GK", 12, 32);
    }

    @Override
    public void createKey(String account, AccessKey key, Optional<BucketGrant> grant) {
        if (!GARAGE_KEY_ID.matcher(key.id()).matches() || !GARAGE_SECRET.matcher(key.secret()).matches()) {
            throw new BackendException(Reason.INVALID, "Garage accepts only its own key form: an id of GK and 24 hex"
                    + " digits and a secret of 64 hex digits; access key " + key.id() + " is not one");
        }
        String name = grant.isPresent() ? account + GRANTED_SUFFIX : account;
        if (grant.isPresent()) {
            CAPABILITIES.requireGrant(toString(), grant.get());
            existingInfo(grant.get().bucket());
        }
        Optional<JsonNode> existing = admin.key(key.id());
        if (existing.isPresent()) {
            if (!name.equals(existing.get().path("name").asText())) {
                throw new BackendException(Reason.CONFLICT, "access key " + key.id() + " belongs to another account or grant");
            }
            if (!key.hasSecret(existing.get().path("secretAccessKey").asText())) {
                throw new BackendException(Reason.CONFLICT, "access key " + key.id() + " exists with another secret");
            }
        } else {
            admin.importKey(key, name);
        }
        // also finishes a key left without its permissions by a crash
        if (grant.isPresent()) {
            grant(key.id(), grant.get());
        } else {
            for (String bucketId : ownedBuckets(account, key.id())) {
                admin.allow(bucketId, key.id(), Permissions.ALL);
            }
        }
    }

    @Override
    public List<String> keys(String account) {
        List<String> ids = new ArrayList<>();
        for (JsonNode key : admin.keys()) {
            String name = key.path("name").asText();
            if (name.equals(account) || name.equals(account + GRANTED_SUFFIX)) {
                ids.add(key.path("id").asText());
            }
        }
        return ids;
    }

    @Override
    public void deleteKey(String accessKeyId) {
        admin.deleteKey(accessKeyId);
    }

    @Override
    public void deleteAccount(String account) {
        keys(account).forEach(admin::deleteKey);
    }

    @Override
    public void grant(String accessKeyId, BucketGrant grant) {
        JsonNode key = admin.key(accessKeyId)
                .orElseThrow(() -> new BackendException(Reason.NOT_FOUND, "access key " + accessKeyId + " does not exist"));
        CAPABILITIES.requireGrant(toString(), grant);
        String id = existingInfo(grant.bucket()).path("id").asText();
        Permissions wanted = switch (grant.mode()) {
            case READ_ONLY -> READ_ONLY;
            case READ_WRITE -> READ_WRITE;
            case WRITE_ONLY -> WRITE_ONLY;
        };
        Permissions current = permissionsOn(key, id);
        if (current.read() == wanted.read() && current.write() == wanted.write()) {
            return;
        }
        // allowed first, denied after: the key never drops to no access (and deletion) in between
        admin.allow(id, accessKeyId, wanted);
        if (!wanted.write() && current.write()) {
            admin.deny(id, accessKeyId, WRITE_ONLY);
        }
        if (!wanted.read() && current.read()) {
            admin.deny(id, accessKeyId, READ_ONLY);
        }
    }

    /**
     * The {@code read}/{@code write} flags of a granted ({@code <account>#grant}) key, by the buckets' global aliases; an
     * account's own key has no grants (it acts with the account's rights). A bucket without a global alias is left out:
     * this backend names every bucket it makes by one.
     */
    @Override
    public List<BucketGrant> keyGrants(String accessKeyId) {
        JsonNode key = admin.key(accessKeyId)
                .orElseThrow(() -> new BackendException(Reason.NOT_FOUND, "access key " + accessKeyId + " does not exist"));
        if (!key.path("name").asText().endsWith(GRANTED_SUFFIX)) {
            return List.of();
        }
        List<BucketGrant> grants = new ArrayList<>();
        for (JsonNode held : key.path("buckets")) {
            Permissions permissions = Permissions.of(held.path("permissions"));
            JsonNode alias = held.path("globalAliases").path(0);
            if (alias.isTextual() && (permissions.read() || permissions.write())) {
                AccessMode mode = !permissions.write() ? AccessMode.READ_ONLY
                        : permissions.read() ? AccessMode.READ_WRITE : AccessMode.WRITE_ONLY;
                grants.add(new BucketGrant(alias.asText(), mode));
            }
        }
        return grants;
    }

    @Override
    public void revoke(String accessKeyId, String bucket) {
        Optional<JsonNode> key = admin.key(accessKeyId);
        if (key.isEmpty()) {
            return;
        }
        Optional<JsonNode> info = admin.bucket(bucket);
        String id = info.map(i -> i.path("id").asText()).orElse(null);
        if (id != null && permissionsOn(key.get(), id).any()) {
            admin.deny(id, accessKeyId, Permissions.ALL);
        }
        Optional<JsonNode> after = admin.key(accessKeyId);
        boolean accessLeft = false;
        for (JsonNode held : after.map(k -> k.path("buckets")).orElseGet(JsonNodeFactory.instance::arrayNode)) {
            accessLeft |= Permissions.of(held.path("permissions")).any();
        }
        if (after.isPresent() && !accessLeft) {
            admin.deleteKey(accessKeyId);
        }
    }

    @Override
    public void close() {
        admin.close();
    }

    @Override
    public String toString() {
        return "GarageBackend[" + settings.adminEndpoint() + "]";
    }

    private static Permissions permissionsOn(JsonNode key, String bucketId) {
        for (JsonNode held : key.path("buckets")) {
            if (bucketId.equals(held.path("id").asText())) {
                return Permissions.of(held.path("permissions"));
            }
        }
        return new Permissions(false, false, false);
    }

    /** The ids of the keys named exactly {@code account}; NOT_FOUND when there is none. */
    private List<String> accountKeys(String account) {
        List<String> ids = new ArrayList<>();
        for (JsonNode key : admin.keys()) {
            if (account.equals(key.path("name").asText())) {
                ids.add(key.path("id").asText());
            }
        }
        if (ids.isEmpty()) {
            throw new BackendException(Reason.NOT_FOUND, "account " + account + " does not exist (no Garage key is named so)");
        }
        return ids;
    }

    /** The ids of the buckets the account owns, read from one of its keys other than {@code except}. */
    private List<String> ownedBuckets(String account, String except) {
        for (JsonNode key : admin.keys()) {
            String id = key.path("id").asText();
            if (account.equals(key.path("name").asText()) && !id.equals(except)) {
                List<String> owned = new ArrayList<>();
                admin.key(id).ifPresent(info -> info.path("buckets").forEach(b -> {
                    if (Permissions.of(b.path("permissions")).owner()) {
                        owned.add(b.path("id").asText());
                    }
                }));
                return owned;
            }
        }
        return List.of();
    }

    private JsonNode existingInfo(String bucket) {
        return admin.bucket(bucket).orElseThrow(() -> new BackendException(Reason.NOT_FOUND, "bucket " + bucket + " does not exist"));
    }

    private BucketState state(String bucket, JsonNode info, boolean created) {
        String owner = null;
        for (JsonNode key : info.path("keys")) {
            if (!key.path("accessKeyId").asText().equals(settings.adminKey().id())
                    && Permissions.of(key.path("permissions")).owner()) {
                owner = key.path("name").asText();
                break;
            }
        }
        JsonNode quotas = info.path("quotas");
        BucketQuota quota = new BucketQuota(Math.max(0, quotas.path("maxSize").asLong(0)),
                Math.max(0, quotas.path("maxObjects").asLong(0)));
        return new BucketState(bucket, owner != null ? owner : adminName(), quota, created);
    }

    /** The Garage name of the backend's own key, which owns the buckets created without an owner. */
    private String adminName() {
        String known = adminName;
        if (known == null) {
            known = admin.key(settings.adminKey().id())
                    .orElseThrow(() -> new BackendException(Reason.UNAUTHORIZED, "the backend's Garage key "
                            + settings.adminKey().id() + " does not exist"))
                    .path("name").asText();
            adminName = known;
        }
        return known;
    }
}
