package io.stowage.engine.store.blob;

import io.stowage.engine.BodyWriter;
import io.stowage.engine.error.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Blob files: written to {@code tmp/<id>}, moved to {@code blobs/xx/<id>} once committed. Ids
 * are random 128-bit hex, so no client input ever becomes a path.
 */
public final class BlobStore {

    private static final Pattern BLOB_ID = Pattern.compile("[0-9a-f]{32}");

    private final Path blobsDir;
    private final Path tmpDir;
    private final SecureRandom random = new SecureRandom();

    public BlobStore(Path dataDir) {
        this.blobsDir = dataDir.resolve("blobs");
        this.tmpDir = dataDir.resolve("tmp");
        try {
            Files.createDirectories(blobsDir);
            Files.createDirectories(tmpDir);
        } catch (IOException e) {
            throw new StorageException("cannot create blob directories under " + dataDir, e);
        }
    }

    public BodyWriter newBody(long expectedLength, int inlineThreshold) {
        if (expectedLength >= 0 && expectedLength <= inlineThreshold) {
            return new SpillingBodyWriter(this, (int) expectedLength);
        }
        return new SpillingBodyWriter(this, -1);
    }

    String newBlobId() {
        byte[] id = new byte[16];
        random.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }

    Path tmpPath(String blobId) {
        return tmpDir.resolve(checkId(blobId));
    }

    Path blobPath(String blobId) {
        return blobsDir.resolve(blobId.substring(0, 2)).resolve(checkId(blobId));
    }

    void fsyncTmpDir() throws IOException {
        try (FileChannel dir = FileChannel.open(tmpDir, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }

    public boolean inTmp(String blobId) {
        return Files.exists(tmpPath(blobId));
    }

    /** Whether this node holds the blob, in tmp/ or in place. */
    public boolean holds(String blobId) {
        return inTmp(blobId) || Files.exists(blobPath(blobId));
    }

    /**
     * Stores a copy of a blob another node wrote, under its id, in tmp/: the bytes go to a side file
     * that is fsynced and renamed, so a crash never leaves a partial file under the blob's name.
     *
     * @return the number of bytes stored
     */
    public long storeCopy(String blobId, InputStream source) throws IOException {
        Path target = tmpPath(blobId);
        Path partial = Files.createTempFile(tmpDir, checkId(blobId), ".copy");
        long size;
        try (FileChannel file = FileChannel.open(partial, StandardOpenOption.WRITE)) {
            size = file.transferFrom(Channels.newChannel(source), 0, Long.MAX_VALUE);
            file.force(true);
        } catch (IOException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        fsyncTmpDir();
        return size;
    }

    /** When a tmp/ file was last written, or -1 when it is gone. */
    public long tmpFileModifiedMillis(String name) {
        try {
            return Files.getLastModifiedTime(tmpDir.resolve(name)).toMillis();
        } catch (NoSuchFileException e) {
            return -1;
        } catch (IOException e) {
            throw new StorageException("cannot read the time of " + name + " in " + tmpDir, e);
        }
    }

    /**
     * Moves a committed blob from tmp/ into blobs/. Not fsynced: if the move is lost in a crash,
     * recovery finds the file in tmp/ still referenced and moves it again.
     */
    public void promote(String blobId) {
        Path target = blobPath(blobId);
        if (!inTmp(blobId) && Files.exists(target)) {
            return;
        }
        try {
            Files.createDirectories(target.getParent());
            Files.move(tmpPath(blobId), target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new StorageException("cannot move blob " + blobId + " into place", e);
        }
    }

    /** Opens a blob for reading, from blobs/ or, if its move has not happened yet, from tmp/. */
    public FileChannel open(String blobId) throws NoSuchFileException {
        try {
            try {
                return FileChannel.open(blobPath(blobId), StandardOpenOption.READ);
            } catch (NoSuchFileException e) {
                return FileChannel.open(tmpPath(blobId), StandardOpenOption.READ);
            }
        } catch (NoSuchFileException e) {
            throw e;
        } catch (IOException e) {
            throw new StorageException("cannot open blob " + blobId, e);
        }
    }

    /** Deletes a blob wherever it is. */
    public void delete(String blobId) {
        deleteTmp(blobId);
        try {
            Files.deleteIfExists(blobPath(blobId));
        } catch (IOException e) {
            throw new StorageException("cannot delete blob " + blobId, e);
        }
    }

    public void deleteTmp(String blobId) {
        try {
            Files.deleteIfExists(tmpPath(blobId));
        } catch (IOException e) {
            throw new StorageException("cannot delete temporary blob " + blobId, e);
        }
    }

    /** The names of the files in tmp/. */
    public List<String> tmpFiles() {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(tmpDir)) {
            files.forEach(file -> names.add(file.getFileName().toString()));
        } catch (IOException | UncheckedIOException e) {
            throw new StorageException("cannot list " + tmpDir, e);
        }
        return names;
    }

    /** Deletes a file in tmp/ by name, whether or not the name is a blob id. */
    public void deleteTmpFile(String name) {
        try {
            Files.deleteIfExists(tmpDir.resolve(name));
        } catch (IOException e) {
            throw new StorageException("cannot delete " + name + " in " + tmpDir, e);
        }
    }

    /** Calls {@code action} with the id of every blob moved into place (not those in tmp/), one directory at a time. */
    public void forEachPlacedBlob(Consumer<String> action) {
        try (DirectoryStream<Path> shards = Files.newDirectoryStream(blobsDir)) {
            for (Path shard : shards) {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(shard)) {
                    for (Path file : files) {
                        String name = file.getFileName().toString();
                        if (isBlobId(name)) {
                            action.accept(name);
                        }
                    }
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new StorageException("cannot list " + blobsDir, e);
        }
    }

    public static boolean isBlobId(String name) {
        return BLOB_ID.matcher(name).matches();
    }

    private static String checkId(String blobId) {
        if (!isBlobId(blobId)) {
            throw new IllegalArgumentException("not a blob id: " + blobId);
        }
        return blobId;
    }
}
