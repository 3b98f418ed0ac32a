package io.stowage.s3.auth;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Derives SigV4 signing keys and remembers the most recently used ones. */
final class SigningKeyCache {

    private static final int MAX_ENTRIES = 64;

    private record Key(String secret, String date, String region) {
        @Override
        public String toString() {
            return "Key[date=" + date + ", region=" + region + "]";
        }
    }

    private final Map<Key, byte[]> keys = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, byte[]> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    /** A copy of the signing key for {@code secret} on {@code date} (yyyyMMdd) in {@code region}, service s3. */
    synchronized byte[] signingKey(String secret, String date, String region) {
        return keys.computeIfAbsent(new Key(secret, date, region), SigningKeyCache::derive).clone();
    }

    private static byte[] derive(Key key) {
        byte[] dateKey = SigV4Crypto.hmac(("AWS4" + key.secret()).getBytes(StandardCharsets.UTF_8), key.date());
        byte[] regionKey = SigV4Crypto.hmac(dateKey, key.region());
        byte[] serviceKey = SigV4Crypto.hmac(regionKey, CredentialScope.SERVICE);
        return SigV4Crypto.hmac(serviceKey, CredentialScope.TERMINATOR);
    }
}
