package io.stowage.backend.versitygw;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stowage.backend.AccessMode;
import io.stowage.backend.BackendException;
import io.stowage.backend.BackendException.Reason;
import io.stowage.backend.s3.ListedObject;
import io.stowage.backend.s3.ObjectListing;
import io.stowage.backend.s3.ObjectStream;
import io.stowage.backend.s3.ReadOptions;
import io.stowage.backend.s3.S3ObjectClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Which account each key belongs to, which VersityGW cannot say (its accounts are single keys): one small object per key,
 * {@code accounts/<account>/<key id>}, in a bucket the backend's admin account owns, created on first use. The body is
 * JSON: {@code {"granted": false}} for a key that acts for its account, {@code {"granted": true, "grants":
 * {"<bucket>": "read-only"}}} for one created with a grant.
 */
final class KeyRegistry {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "accounts/";

    private final S3ObjectClient s3;
    private final VersityAdminClient admin;
    private final String bucket;
    private final String adminKeyId;
    private volatile boolean bucketReady;

    KeyRegistry(S3ObjectClient s3, VersityAdminClient admin, String bucket, String adminKeyId) {
        this.s3 = s3;
        this.admin = admin;
        this.bucket = bucket;
        this.adminKeyId = adminKeyId;
    }

    /** An account name the registry can hold: not empty, without '/'. */
    static void checkAccount(String account) {
        if (account == null || account.isBlank() || account.contains("/")) {
            throw new BackendException(Reason.INVALID, "account name '" + account + "' is empty or holds a '/'");
        }
    }

    List<RegisteredKey> all() {
        return read(PREFIX);
    }

    List<RegisteredKey> ofAccount(String account) {
        checkAccount(account);
        return read(PREFIX + account + "/");
    }

    static Optional<RegisteredKey> find(List<RegisteredKey> all, String keyId) {
        return all.stream().filter(k -> k.keyId().equals(keyId)).findFirst();
    }

    void put(RegisteredKey key) {
        ensureBucket();
        ObjectNode body = JSON.createObjectNode().put("granted", key.granted());
        if (key.granted() || !key.grants().isEmpty()) {
            ObjectNode grants = body.putObject("grants");
            key.grants().forEach((granted, mode) -> grants.put(granted, mode.wireName()));
        }
        try {
            s3.putObject(bucket, name(key), JSON.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a registry entry", e);
        }
    }

    void delete(RegisteredKey key) {
        ensureBucket();
        s3.deleteObjects(bucket, List.of(name(key)));
    }

    private List<RegisteredKey> read(String prefix) {
        ensureBucket();
        List<RegisteredKey> keys = new ArrayList<>();
        String token = null;
        do {
            ObjectListing page = s3.listObjects(bucket, prefix, token, S3ObjectClient.MAX_KEYS);
            for (ListedObject object : page.objects()) {
                String[] parts = object.key().substring(PREFIX.length()).split("/", -1);
                if (parts.length == 2) {
                    body(object.key()).ifPresent(body -> keys.add(entry(parts[0], parts[1], body)));
                }
            }
            token = page.nextContinuationToken().orElse(null);
        } while (token != null);
        return keys;
    }

    /** The entry's body; empty when it was deleted since the listing. */
    private Optional<JsonNode> body(String name) {
        try (ObjectStream object = s3.getObject(bucket, name, ReadOptions.whole())) {
            return Optional.of(JSON.readTree(object.body()));
        } catch (BackendException e) {
            if (e.reason() == Reason.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        } catch (IOException e) {
            throw new BackendException(Reason.UNAVAILABLE, "registry entry " + name + " in bucket " + bucket + " is unreadable", e);
        }
    }

    private static RegisteredKey entry(String account, String keyId, JsonNode body) {
        Map<String, AccessMode> grants = new TreeMap<>();
        body.path("grants").properties().forEach(g -> grants.put(g.getKey(), AccessMode.of(g.getValue().asText())));
        return new RegisteredKey(account, keyId, body.path("granted").asBoolean(false), grants);
    }

    private static String name(RegisteredKey key) {
        return PREFIX + key.account() + "/" + key.keyId();
    }

    private void ensureBucket() {
        if (!bucketReady) {
            if (!admin.bucketOwners().containsKey(bucket)) {
                admin.createBucket(bucket, adminKeyId);
            }
            bucketReady = true;
        }
    }
}
