package io.stowage.s3.sse;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * The content of one master key file, {@code master-<8-digit id>.key}: magic "STOWMKEY", format
 * version (1 byte), key id (4), key (32), CRC32C of the preceding 45 bytes (4). The checksum
 * turns a damaged file into a startup error instead of objects that silently fail to decrypt.
 */
final class MasterKeyFile {

    static final int LENGTH = 8 + 1 + 4 + MasterKey.LENGTH + 4;

    private static final byte[] MAGIC = "STOWMKEY".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    private static final Pattern NAME = Pattern.compile("master-(\\d{8})\\.key");
    private static final Pattern TEMPORARY_NAME = Pattern.compile("master-\\d{8}\\.key\\.tmp");

    private MasterKeyFile() {
    }

    static String name(int id) {
        return String.format("master-%08d.key", id);
    }

    /** Where a key file is written before it is renamed to {@link #name}. */
    static String temporaryName(int id) {
        return name(id) + ".tmp";
    }

    static boolean isTemporary(String fileName) {
        return TEMPORARY_NAME.matcher(fileName).matches();
    }

    /** The key id a file name stands for, or -1 when the name is not a key file's. */
    static int idOf(String fileName) {
        Matcher matcher = NAME.matcher(fileName);
        return matcher.matches() ? Integer.parseInt(matcher.group(1)) : -1;
    }

    static byte[] encode(int id, byte[] key) {
        ByteBuffer out = ByteBuffer.allocate(LENGTH).put(MAGIC).put((byte) VERSION).putInt(id).put(key);
        out.putInt(crc(out.array()));
        return out.array();
    }

    /** Decodes {@code content} (zeroed afterwards) read from {@code file}, which names key {@code id}. */
    static MasterKey decode(Path file, int id, byte[] content) throws MasterKeyStoreException {
        try {
            if (content.length != LENGTH) {
                throw damaged(file, content.length + " bytes instead of " + LENGTH);
            }
            ByteBuffer in = ByteBuffer.wrap(content);
            byte[] magic = new byte[MAGIC.length];
            in.get(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw damaged(file, "not a master key file");
            }
            int version = in.get() & 0xff;
            if (version != VERSION) {
                throw damaged(file, "unsupported format version " + version);
            }
            int storedId = in.getInt();
            byte[] key = new byte[MasterKey.LENGTH];
            in.get(key);
            int storedCrc = in.getInt();
            if (storedCrc != crc(content)) {
                Arrays.fill(key, (byte) 0);
                throw damaged(file, "checksum mismatch");
            }
            if (storedId != id) {
                Arrays.fill(key, (byte) 0);
                throw damaged(file, "it holds key " + storedId + ", not " + id);
            }
            return new MasterKey(id, key);
        } finally {
            Arrays.fill(content, (byte) 0);
        }
    }

    private static int crc(byte[] content) {
        CRC32C crc = new CRC32C();
        crc.update(content, 0, LENGTH - 4);
        return (int) crc.getValue();
    }

    static MasterKeyStoreException damaged(Path file, String why) {
        return new MasterKeyStoreException("master key file " + file + " is damaged (" + why
                + "); restore it from a backup: objects encrypted under it cannot be read without it");
    }
}
