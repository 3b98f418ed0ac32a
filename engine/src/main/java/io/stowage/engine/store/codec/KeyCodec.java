package io.stowage.engine.store.codec;

import io.stowage.engine.error.InvalidObjectNameException;
import io.stowage.engine.model.BucketConfigKind;
import io.stowage.engine.model.GrantSubject;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * RocksDB key layouts. Bucket names and object keys never contain 0x00, so 0x00 separates them
 * and keeps bytewise (UTF-8) order equal to S3 key order within a bucket.
 */
public final class KeyCodec {

    public static final int MAX_KEY_BYTES = 1024;
    private static final byte SEPARATOR = 0;

    private KeyCodec() {
    }

    /** The UTF-8 bytes of a valid object key: 1..1024 bytes, no U+0000, no unpaired surrogate. */
    public static byte[] validKey(String key) {
        if (key == null || key.isEmpty() || key.indexOf('\0') >= 0) {
            throw new InvalidObjectNameException(key);
        }
        byte[] bytes;
        try {
            ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(key));
            bytes = Arrays.copyOf(encoded.array(), encoded.limit());
        } catch (CharacterCodingException e) {
            throw new InvalidObjectNameException(key);
        }
        if (bytes.length > MAX_KEY_BYTES) {
            throw new InvalidObjectNameException(key);
        }
        return bytes;
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    public static String string(byte[] utf8) {
        return new String(utf8, StandardCharsets.UTF_8);
    }

    public static byte[] bucket(String name) {
        return utf8(name);
    }

    /** {@code bucket 0x00}: the prefix of every objects and versions entry of the bucket. */
    public static byte[] bucketPrefix(String bucket) {
        return concat(utf8(bucket), new byte[] {SEPARATOR});
    }

    /** {@code bucket 0x00 key}: the objects CF key of the current version. */
    public static byte[] object(String bucket, byte[] key) {
        return concat(bucketPrefix(bucket), key);
    }

    /** {@code bucket 0x00 key 0x00}: the prefix of the key's non-current versions (then a versionSortKey). */
    public static byte[] versionPrefix(String bucket, byte[] key) {
        return concat(object(bucket, key), new byte[] {SEPARATOR});
    }

    /**
     * {@code bucket 0x00 key 0x00 ~stamp versionId}: the versions CF key of a non-current version. The stamp (when the
     * version stopped being current, in microseconds, strictly increasing per key) is stored inverted, so the newest
     * non-current version comes first.
     */
    public static byte[] version(String bucket, byte[] key, long stamp, String versionId) {
        byte[] inverted = ByteBuffer.allocate(Long.BYTES).putLong(Long.MAX_VALUE - stamp).array();
        return concat(versionPrefix(bucket, key), inverted, utf8(versionId));
    }

    /** The stamp of a versions CF key made by {@link #version}, given the length of its {@link #versionPrefix}. */
    public static long versionStamp(byte[] rawKey, int versionPrefixLength) {
        return Long.MAX_VALUE - ByteBuffer.wrap(rawKey, versionPrefixLength, Long.BYTES).getLong();
    }

    /** {@code bucket 0x00 key 0x00 versionId}: the owner reference stored for a blob. */
    public static byte[] ownerRef(String bucket, String key, String versionId) {
        return concat(versionPrefix(bucket, utf8(key)), utf8(versionId));
    }

    /** {@code bucket 0x00 key 0x00 uploadId}: an upload in progress; upload ids sort by initiation time. */
    public static byte[] upload(String bucket, byte[] key, String uploadId) {
        return concat(versionPrefix(bucket, key), utf8(uploadId));
    }

    /** {@code uploadId 0x00}: the prefix of an upload's parts. */
    public static byte[] partPrefix(String uploadId) {
        return concat(utf8(uploadId), new byte[] {SEPARATOR});
    }

    /** {@code uploadId 0x00 number}: big-endian, so parts iterate in number order. */
    public static byte[] part(String uploadId, int number) {
        return concat(partPrefix(uploadId), ByteBuffer.allocate(Integer.BYTES).putInt(number).array());
    }

    /** The owner reference stored for a part's blob while its upload is in progress. */
    public static byte[] partOwnerRef(String bucket, String key, String uploadId, int number) {
        return ownerRef(bucket, key, "upload:" + uploadId + ":" + number);
    }

    public static byte[] blob(String blobId) {
        return blobId.getBytes(StandardCharsets.US_ASCII);
    }

    public static String blobId(byte[] key) {
        return new String(key, StandardCharsets.US_ASCII);
    }

    /** The object key of an objects or versions CF entry, given the length of its bucket prefix. */
    public static byte[] logicalKey(byte[] rawKey, int bucketPrefixLength) {
        int end = bucketPrefixLength;
        while (end < rawKey.length && rawKey[end] != SEPARATOR) {
            end++;
        }
        return Arrays.copyOfRange(rawKey, bucketPrefixLength, end);
    }

    /** {@code kind id 0x00}: the prefix of every grant of a subject. */
    public static byte[] grantPrefix(GrantSubject subject) {
        return concat(new byte[] {(byte) subject.kind().ordinal()}, utf8(subject.id()), new byte[] {SEPARATOR});
    }

    /** {@code kind id 0x00 bucket 0x00 prefix}: the grants CF key. */
    public static byte[] grant(GrantSubject subject, String bucket, String prefix) {
        return concat(grantPrefix(subject), utf8(bucket), new byte[] {SEPARATOR}, utf8(prefix));
    }

    /** {@code bucket 0x00 kind}: the bucket config CF key. */
    public static byte[] bucketConfig(String bucket, BucketConfigKind kind) {
        return concat(bucketPrefix(bucket), utf8(kind.name()));
    }

    /** {@code bucket 0x00 'b'}: the usage CF counter of a bucket's bytes. */
    public static byte[] usageBytes(String bucket) {
        return concat(bucketPrefix(bucket), new byte[] {'b'});
    }

    /** {@code bucket 0x00 'n'}: the usage CF counter of a bucket's objects. */
    public static byte[] usageObjects(String bucket) {
        return concat(bucketPrefix(bucket), new byte[] {'n'});
    }

    /** {@code bucket 0x00 prefix}: the prefix quotas CF key. */
    public static byte[] prefixQuota(String bucket, String prefix) {
        return concat(bucketPrefix(bucket), utf8(prefix));
    }

    /** {@code bucket 0x00 'p' prefix 0x00 'b'}: the usage CF counter of the bytes under a prefix with a quota. */
    public static byte[] prefixUsageBytes(String bucket, String prefix) {
        return concat(bucketPrefix(bucket), new byte[] {'p'}, utf8(prefix), new byte[] {SEPARATOR, 'b'});
    }

    /** {@code bucket 0x00 'p' prefix 0x00 'n'}: the usage CF counter of the objects under a prefix with a quota. */
    public static byte[] prefixUsageObjects(String bucket, String prefix) {
        return concat(bucketPrefix(bucket), new byte[] {'p'}, utf8(prefix), new byte[] {SEPARATOR, 'n'});
    }

    public static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    public static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }
}
