package io.stowage.s3.sse;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * The SSE-S3 master keys, one file each in a private directory of the data directory (mode 0700,
 * files 0600). The key with the highest id is active: it wraps the data keys of new objects.
 * {@link #rotate} adds a key and makes it active; older keys stay to unwrap older envelopes, so a
 * key file must never be deleted while an object may still use it. One process owns the store.
 */
public final class MasterKeyStore {

    private static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> NOT_OWNER = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path directory;
    private volatile NavigableMap<Integer, MasterKey> keys;

    private MasterKeyStore(Path directory, NavigableMap<Integer, MasterKey> keys) {
        this.directory = directory;
        this.keys = keys;
    }

    /**
     * Opens the store in {@code directory}, creating the directory (0700) and a first key when
     * they do not exist. Leftovers of an interrupted key creation are removed; files with other
     * names are ignored.
     *
     * @throws MasterKeyStoreException when the directory or a key file is accessible to others,
     *     or a key file is damaged
     */
    public static MasterKeyStore open(Path directory) throws IOException {
        Path dir = directory.toAbsolutePath();
        if (Files.notExists(dir)) {
            createDirectory(dir);
        }
        if (!Files.isDirectory(dir)) {
            throw new MasterKeyStoreException("master key store " + dir + " is not a directory");
        }
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(dir);
        if (!mode.equals(DIRECTORY_MODE)) {
            throw new MasterKeyStoreException("master key directory " + dir + " has mode "
                    + PosixFilePermissions.toString(mode) + "; it must be rwx------ (0700)");
        }
        NavigableMap<Integer, MasterKey> keys = new TreeMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                int id = MasterKeyFile.idOf(name);
                if (id > 0) {
                    keys.put(id, load(entry, id));
                } else if (MasterKeyFile.isTemporary(name)) {
                    Files.delete(entry);
                }
            }
        }
        MasterKeyStore store = new MasterKeyStore(dir, Collections.unmodifiableNavigableMap(keys));
        if (keys.isEmpty()) {
            store.rotate();
        }
        return store;
    }

    /** Whether {@code directory} holds at least one key file (a store opened there keeps its keys). */
    public static boolean holdsKeys(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return false;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                if (MasterKeyFile.idOf(entry.getFileName().toString()) > 0) {
                    return true;
                }
            }
        }
        return false;
    }

    public Path directory() {
        return directory;
    }

    /** The key that wraps the data keys of new objects. */
    public MasterKey active() {
        return keys.lastEntry().getValue();
    }

    /**
     * The key with this id.
     *
     * @throws MasterKeyStoreException when the store does not hold it (its file was removed, or
     *     the envelope comes from another store)
     */
    public MasterKey key(int id) throws MasterKeyStoreException {
        MasterKey key = keys.get(id);
        if (key == null) {
            throw new MasterKeyStoreException("master key " + id + " is not in " + directory);
        }
        return key;
    }

    /** The ids of all keys, ascending; the last is the active one. */
    public List<Integer> ids() {
        return List.copyOf(keys.keySet());
    }

    /**
     * Creates a new random key (written to a temporary 0600 file, fsynced, renamed, directory
     * fsynced) and makes it the active key once it is durable. Earlier keys stay readable.
     */
    public synchronized MasterKey rotate() throws IOException {
        int id = keys.isEmpty() ? 1 : keys.lastKey() + 1;
        MasterKey key = create(id);
        NavigableMap<Integer, MasterKey> next = new TreeMap<>(keys);
        next.put(id, key);
        keys = Collections.unmodifiableNavigableMap(next);
        return key;
    }

    private MasterKey create(int id) throws IOException {
        Path target = directory.resolve(MasterKeyFile.name(id));
        if (Files.exists(target)) {
            throw new MasterKeyStoreException("master key file " + target + " already exists; was the store changed by another process?");
        }
        Path temporary = directory.resolve(MasterKeyFile.temporaryName(id));
        byte[] key = new byte[MasterKey.LENGTH];
        RANDOM.nextBytes(key);
        byte[] content = MasterKeyFile.encode(id, key);
        try {
            // created with 0600 by open(2) itself (the umask can only remove bits): never readable by others
            try (FileChannel file = FileChannel.open(temporary, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(FILE_MODE))) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    file.write(buffer);
                }
                file.force(true);
            }
            Files.setPosixFilePermissions(temporary, FILE_MODE);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            fsyncDirectory(directory);
            return new MasterKey(id, key);
        } finally {
            Arrays.fill(content, (byte) 0);
            Arrays.fill(key, (byte) 0);
            Files.deleteIfExists(temporary);
        }
    }

    private static MasterKey load(Path file, int id) throws IOException {
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
        if (!Collections.disjoint(mode, NOT_OWNER) || !mode.contains(PosixFilePermission.OWNER_READ)) {
            throw new MasterKeyStoreException("master key file " + file + " has mode " + PosixFilePermissions.toString(mode)
                    + "; it must be readable by its owner only (0600)");
        }
        long size = Files.size(file);
        if (size != MasterKeyFile.LENGTH) {
            throw MasterKeyFile.damaged(file, size + " bytes instead of " + MasterKeyFile.LENGTH);
        }
        return MasterKeyFile.decode(file, id, Files.readAllBytes(file));
    }

    private static void createDirectory(Path dir) throws IOException {
        Path parent = dir.getParent();
        Files.createDirectories(parent);
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIRECTORY_MODE));
        } catch (FileAlreadyExistsException e) {
            return; // created meanwhile: open() checks its mode like any existing directory's
        }
        Files.setPosixFilePermissions(dir, DIRECTORY_MODE);
        fsyncDirectory(parent);
    }

    private static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    @Override
    public String toString() {
        return "MasterKeyStore[" + directory + ", keys=" + keys.keySet() + ", active=" + keys.lastKey() + "]";
    }
}
