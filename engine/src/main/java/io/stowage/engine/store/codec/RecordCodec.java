package io.stowage.engine.store.codec;

import io.stowage.engine.error.StorageException;
import io.stowage.engine.model.Access;
import io.stowage.engine.model.AccessKey;
import io.stowage.engine.model.Bucket;
import io.stowage.engine.model.Grant;
import io.stowage.engine.model.GrantSubject;
import io.stowage.engine.model.KeyStatus;
import io.stowage.engine.model.Quota;
import io.stowage.engine.model.User;
import io.stowage.engine.model.MultipartUpload;
import io.stowage.engine.model.Part;
import io.stowage.engine.model.ObjectBody;
import io.stowage.engine.model.ObjectLock;
import io.stowage.engine.model.ObjectVersion;
import io.stowage.engine.model.RetentionMode;
import io.stowage.engine.model.Versioning;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Versioned binary encoding of metadata records. Every record starts with a format version
 * byte; an ObjectVersion has its delete-marker flag right after it so listings can peek at it.
 * Fields added later go at the end of a record and read as null from records written before them.
 */
public final class RecordCodec {

    private static final byte FORMAT_V1 = 1;
    private static final byte BODY_NONE = 0;
    private static final byte BODY_INLINE = 1;
    private static final byte BODY_BLOB = 2;
    private static final byte BODY_MULTIPART = 3;

    private RecordCodec() {
    }

    public static byte[] encode(Bucket bucket) {
        return write(out -> {
            writeString(out, bucket.name());
            writeString(out, bucket.region());
            writeString(out, bucket.owner());
            out.writeLong(bucket.createdAtMillis());
            out.writeByte(versioningCode(bucket.versioning()));
            out.writeLong(bucket.quota().maxBytes());
            out.writeLong(bucket.quota().maxObjects());
            out.writeBoolean(bucket.objectLockEnabled());
        });
    }

    public static Bucket decodeBucket(byte[] bytes) {
        return read(bytes, in -> {
            String name = readString(in);
            String region = readString(in);
            String owner = readString(in);
            long createdAt = in.readLong();
            Versioning versioning = versioning(in.readByte());
            Quota quota = new Quota(in.readLong(), in.readLong());
            return new Bucket(name, region, owner, createdAt, versioning, quota, in.available() > 0 && in.readBoolean());
        });
    }

    public static byte[] encode(Quota quota) {
        return write(out -> {
            out.writeLong(quota.maxBytes());
            out.writeLong(quota.maxObjects());
        });
    }

    public static Quota decodeQuota(byte[] bytes) {
        return read(bytes, in -> new Quota(in.readLong(), in.readLong()));
    }

    public static byte[] encode(ObjectVersion version) {
        return write(out -> {
            out.writeBoolean(version.deleteMarker());
            writeString(out, version.key());
            writeString(out, version.versionId());
            out.writeLong(version.size());
            writeString(out, version.etag());
            out.writeLong(version.lastModifiedMillis());
            writeString(out, version.owner());
            writeMap(out, version.headers());
            writeMap(out, version.userMetadata());
            writeMap(out, version.checksums());
            writeBody(out, version.body());
            writeString(out, version.acl());
            writeLock(out, version.lock());
            writeMap(out, version.tags());
            writeString(out, version.encryption());
        });
    }

    public static ObjectVersion decodeVersion(byte[] bytes) {
        return read(bytes, in -> {
            boolean deleteMarker = in.readBoolean();
            String key = readString(in);
            String versionId = readString(in);
            long size = in.readLong();
            String etag = readString(in);
            long lastModified = in.readLong();
            String owner = readString(in);
            Map<String, String> headers = readMap(in);
            Map<String, String> userMetadata = readMap(in);
            Map<String, String> checksums = readMap(in);
            ObjectBody body = readBody(in);
            String acl = readOptionalString(in);
            return new ObjectVersion(key, versionId, deleteMarker, size, etag, lastModified, owner,
                    headers, userMetadata, checksums, body, acl, readOptionalLock(in), readOptionalMap(in),
                    readOptionalString(in));
        });
    }

    public static byte[] encode(User user) {
        return write(out -> {
            writeString(out, user.name());
            out.writeBoolean(user.admin());
            out.writeLong(user.createdAtMillis());
        });
    }

    public static User decodeUser(byte[] bytes) {
        return read(bytes, in -> new User(readString(in), in.readBoolean(), in.readLong()));
    }

    public static byte[] encode(AccessKey key) {
        return write(out -> {
            writeString(out, key.accessKeyId());
            writeString(out, key.secretKey());
            writeString(out, key.user());
            out.writeByte(key.status().ordinal());
            out.writeLong(key.createdAtMillis());
        });
    }

    public static AccessKey decodeAccessKey(byte[] bytes) {
        return read(bytes, in -> new AccessKey(readString(in), readString(in), readString(in),
                KeyStatus.values()[in.readByte()], in.readLong()));
    }

    public static byte[] encode(Grant grant) {
        return write(out -> {
            out.writeByte(grant.subject().kind().ordinal());
            writeString(out, grant.subject().id());
            writeString(out, grant.bucket());
            writeString(out, grant.prefix());
            out.writeByte(grant.access().ordinal());
        });
    }

    public static Grant decodeGrant(byte[] bytes) {
        return read(bytes, in -> new Grant(new GrantSubject(GrantSubject.Kind.values()[in.readByte()], readString(in)),
                readString(in), readString(in), Access.values()[in.readByte()]));
    }

    /** Whether an encoded ObjectVersion is a delete marker, without decoding it. */
    public static boolean isDeleteMarker(byte[] bytes) {
        checkFormat(bytes[0]);
        return bytes[1] != 0;
    }

    private static void writeBody(DataOutputStream out, ObjectBody body) throws IOException {
        switch (body) {
            case null -> out.writeByte(BODY_NONE);
            case ObjectBody.Inline inline -> {
                out.writeByte(BODY_INLINE);
                out.writeInt(inline.data().length);
                out.write(inline.data());
            }
            case ObjectBody.Blob blob -> {
                out.writeByte(BODY_BLOB);
                writeString(out, blob.blobId());
                out.writeLong(blob.size());
            }
            case ObjectBody.Multipart multipart -> {
                out.writeByte(BODY_MULTIPART);
                out.writeInt(multipart.parts().size());
                for (Part part : multipart.parts()) {
                    writePart(out, part);
                }
            }
        }
    }

    private static void writePart(DataOutputStream out, Part part) throws IOException {
        out.writeInt(part.number());
        out.writeLong(part.size());
        writeString(out, part.etag());
        out.writeLong(part.lastModifiedMillis());
        writeMap(out, part.checksums());
        writeBody(out, part.body());
    }

    private static Part readPart(DataInputStream in) throws IOException {
        int number = in.readInt();
        long size = in.readLong();
        String etag = readString(in);
        long lastModified = in.readLong();
        Map<String, String> checksums = readMap(in);
        return new Part(number, size, etag, lastModified, checksums, readBody(in));
    }

    public static byte[] encode(Part part) {
        return write(out -> writePart(out, part));
    }

    public static Part decodePart(byte[] bytes) {
        return read(bytes, RecordCodec::readPart);
    }

    public static byte[] encode(MultipartUpload upload) {
        return write(out -> {
            writeString(out, upload.key());
            writeString(out, upload.uploadId());
            out.writeLong(upload.initiatedMillis());
            writeString(out, upload.owner());
            writeMap(out, upload.headers());
            writeMap(out, upload.userMetadata());
            writeString(out, upload.checksumAlgorithm());
            writeString(out, upload.checksumType());
            writeString(out, upload.acl());
            writeLock(out, upload.lock());
            writeMap(out, upload.tags());
            writeString(out, upload.encryption());
        });
    }

    public static MultipartUpload decodeUpload(byte[] bytes) {
        return read(bytes, in -> new MultipartUpload(readString(in), readString(in), in.readLong(), readString(in),
                readMap(in), readMap(in), readString(in), readString(in), readOptionalString(in), readOptionalLock(in),
                readOptionalMap(in), readOptionalString(in)));
    }

    private static void writeLock(DataOutputStream out, ObjectLock lock) throws IOException {
        out.writeByte(lock.mode() == null ? -1 : lock.mode().ordinal());
        out.writeLong(lock.retainUntilMillis());
        // 0 no legal hold given, 1 ON, 2 OFF: records written before OFF was kept hold 0 or 1
        out.writeByte(lock.legalHold() ? 1 : lock.legalHoldSet() ? 2 : 0);
    }

    /** A lock added after the record's first format: none at the end of an older record. */
    private static ObjectLock readOptionalLock(DataInputStream in) throws IOException {
        if (in.available() == 0) {
            return ObjectLock.NONE;
        }
        byte mode = in.readByte();
        long until = in.readLong();
        byte legalHold = in.readByte();
        if (mode < -1 || mode >= RetentionMode.values().length) {
            throw new IOException("unknown retention mode " + mode);
        }
        if (legalHold < 0 || legalHold > 2) {
            throw new IOException("unknown legal hold status " + legalHold);
        }
        return new ObjectLock(mode < 0 ? null : RetentionMode.values()[mode], until, legalHold == 1, legalHold != 0);
    }

    private static Map<String, String> readOptionalMap(DataInputStream in) throws IOException {
        return in.available() > 0 ? readMap(in) : Map.of();
    }

    private static ObjectBody readBody(DataInputStream in) throws IOException {
        byte tag = in.readByte();
        return switch (tag) {
            case BODY_NONE -> null;
            case BODY_INLINE -> {
                byte[] data = new byte[in.readInt()];
                in.readFully(data);
                yield new ObjectBody.Inline(data);
            }
            case BODY_BLOB -> new ObjectBody.Blob(readString(in), in.readLong());
            case BODY_MULTIPART -> {
                int count = in.readInt();
                List<Part> parts = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    parts.add(readPart(in));
                }
                yield new ObjectBody.Multipart(parts);
            }
            default -> throw new IOException("unknown body tag " + tag);
        };
    }

    private static void writeMap(DataOutputStream out, Map<String, String> map) throws IOException {
        out.writeInt(map.size());
        for (Map.Entry<String, String> entry : new TreeMap<>(map).entrySet()) {
            writeString(out, entry.getKey());
            writeString(out, entry.getValue());
        }
    }

    private static Map<String, String> readMap(DataInputStream in) throws IOException {
        int size = in.readInt();
        Map<String, String> map = new TreeMap<>();
        for (int i = 0; i < size; i++) {
            map.put(readString(in), readString(in));
        }
        return map;
    }

    /** Length-prefixed UTF-8 (-1 for null); unlike writeUTF, no 64 KiB limit and no modified UTF-8. */
    private static void writeString(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** A string field added after the record's first format: absent (null) at the end of an older record. */
    private static String readOptionalString(DataInputStream in) throws IOException {
        return in.available() > 0 ? readString(in) : null;
    }

    private static byte versioningCode(Versioning versioning) {
        return switch (versioning) {
            case UNVERSIONED -> 0;
            case ENABLED -> 1;
            case SUSPENDED -> 2;
        };
    }

    private static Versioning versioning(byte code) throws IOException {
        return switch (code) {
            case 0 -> Versioning.UNVERSIONED;
            case 1 -> Versioning.ENABLED;
            case 2 -> Versioning.SUSPENDED;
            default -> throw new IOException("unknown versioning code " + code);
        };
    }

    private static void checkFormat(byte format) {
        if (format != FORMAT_V1) {
            throw new StorageException("unknown record format " + format, null);
        }
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private static byte[] write(Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT_V1);
            writer.write(out);
        } catch (IOException e) {
            throw new StorageException("cannot encode record", e);
        }
        return bytes.toByteArray();
    }

    private static <T> T read(byte[] bytes, Reader<T> reader) {
        checkFormat(bytes[0]);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 1, bytes.length - 1))) {
            return reader.read(in);
        } catch (IOException e) {
            throw new StorageException("corrupt record", e);
        }
    }
}
