package io.stowage.backend.versitygw;

import io.stowage.backend.AccessMode;
import java.util.Map;
import java.util.TreeMap;

/**
 * A key as {@link KeyRegistry} records it: the account it belongs to, whether it was created with a grant (then it
 * never acts for its account), and the buckets it is granted on.
 */
record RegisteredKey(String account, String keyId, boolean granted, Map<String, AccessMode> grants) {

    RegisteredKey {
        grants = Map.copyOf(grants);
    }

    RegisteredKey withGrant(String bucket, AccessMode mode) {
        Map<String, AccessMode> changed = new TreeMap<>(grants);
        changed.put(bucket, mode);
        return new RegisteredKey(account, keyId, granted, changed);
    }

    RegisteredKey withoutGrant(String bucket) {
        Map<String, AccessMode> changed = new TreeMap<>(grants);
        changed.remove(bucket);
        return new RegisteredKey(account, keyId, granted, changed);
    }
}
