package io.stowage.kube.gitops;

import io.stowage.backend.AccessKey;
import io.stowage.backend.BackendException;
import io.stowage.backend.BucketBackend;
import io.stowage.backend.BucketGrant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Puts an account's key and grants on the backend as an S3User declares them and says what it had to change: a missing key
 * made again with the same secret, grants added, changed or taken away, and the account's keys that are not to be kept
 * deleted.
 */
final class UserKeys {

    private final BucketBackend backend;
    private final DesiredUser desired;

    UserKeys(BucketBackend backend, DesiredUser desired) {
        this.backend = backend;
        this.desired = desired;
    }

    /** Makes sure the key exists with exactly the desired grants; returns what was changed, empty when nothing was. */
    List<String> converge(AccessKey key) {
        List<String> changes = new ArrayList<>();
        if (!backend.keys(desired.account()).contains(key.id())) {
            backend.createKey(desired.account(), key, desired.grants().stream().findFirst());
            changes.add("key " + key.id() + " made");
        }
        Optional<List<BucketGrant>> actual = grants(key.id());
        for (BucketGrant grant : desired.grants()) {
            if (actual.isEmpty() || !actual.get().contains(grant)) {
                backend.grant(key.id(), grant);
                actual.ifPresent(a -> changes.add("grant " + DesiredUser.describe(grant)));
            }
        }
        if (actual.isPresent()) {
            boolean revoked = false;
            for (BucketGrant held : actual.get()) {
                if (desired.grants().stream().noneMatch(g -> g.bucket().equals(held.bucket()))) {
                    backend.revoke(key.id(), held.bucket());
                    changes.add("grant " + DesiredUser.describe(held) + " revoked");
                    revoked = true;
                }
            }
            // a key whose last grant goes is deleted with it (it must not fall back to its account's rights): make it again
            if (revoked && desired.grants().isEmpty() && !backend.keys(desired.account()).contains(key.id())) {
                backend.createKey(desired.account(), key, Optional.empty());
            }
        }
        return changes;
    }

    /** Deletes the account's keys other than these; returns their ids. */
    List<String> deleteOthers(List<String> keep) {
        List<String> deleted = new ArrayList<>();
        for (String id : backend.keys(desired.account())) {
            if (!keep.contains(id)) {
                backend.deleteKey(id);
                deleted.add(id);
            }
        }
        return deleted;
    }

    /** The key's grants as the backend has them, or empty where it cannot tell (they are then applied, not compared). */
    List<BucketGrant> observedGrants(String accessKeyId) {
        return grants(accessKeyId).orElse(desired.grants());
    }

    private Optional<List<BucketGrant>> grants(String accessKeyId) {
        try {
            return Optional.of(backend.keyGrants(accessKeyId));
        } catch (BackendException e) {
            if (e.reason() == BackendException.Reason.UNSUPPORTED) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
