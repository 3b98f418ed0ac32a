package io.stowage.engine.store;

import io.stowage.engine.error.StorageException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.UUID;

/**
 * Replaces a replicated node's metadata ({@code meta/}) with a copy taken on another node, for a node
 * that lacks log entries the others no longer keep. The copy is received into {@code meta.incoming/},
 * then swapped in by renames that a crash at any point either completes or rolls back at the next
 * open. After the swap the blobs are reconciled with the new metadata ({@link BlobReconciler}).
 *
 * <p>Steps: receive into incoming (rolled back by a crash); create the {@code meta.reconcile} marker;
 * rename meta to {@code meta.old} (a crash from here on completes the swap); rename incoming to meta;
 * delete meta.old; open and reconcile; delete the marker.
 */
public final class MetadataInstall {

    private static final String META = "meta";
    private static final String INCOMING = "meta.incoming";
    private static final String OLD = "meta.old";
    private static final String RECONCILE = "meta.reconcile";
    private static final String CHECKPOINT_PREFIX = "meta.checkpoint-";

    private MetadataInstall() {
    }

    /** An empty {@code meta.incoming/} to receive a copy into (what a failed earlier attempt left is deleted). */
    public static Path prepare(Path dataDir) {
        Path incoming = dataDir.resolve(INCOMING);
        try {
            deleteTree(incoming);
            Files.createDirectories(incoming);
        } catch (IOException e) {
            throw new StorageException("cannot prepare " + incoming, e);
        }
        return incoming;
    }

    /** A fresh directory path for a copy to send to another node; {@link #recover} deletes what a crash left. */
    public static Path checkpointPath(Path dataDir) {
        return dataDir.resolve(CHECKPOINT_PREFIX + UUID.randomUUID());
    }

    /** Deletes a copy sent or received (a directory tree), if it exists. */
    public static void deleteCopy(Path copy) {
        try {
            deleteTree(copy);
        } catch (IOException e) {
            throw new StorageException("cannot delete the copy " + copy, e);
        }
    }

    /**
     * Swaps the received copy in; the engine over {@code dataDir} must be closed, and is reconciled with its
     * blobs when opened next.
     */
    public static void swap(Path dataDir) {
        try {
            fsyncTree(dataDir.resolve(INCOMING));
            Files.createFile(dataDir.resolve(RECONCILE));
            fsync(dataDir);
            Files.move(dataDir.resolve(META), dataDir.resolve(OLD), StandardCopyOption.ATOMIC_MOVE);
            finishSwap(dataDir);
        } catch (IOException e) {
            throw new StorageException("cannot swap the received metadata into " + dataDir, e);
        }
    }

    /**
     * At open: completes a swap a crash interrupted, or rolls back a copy that was not swapped in yet.
     *
     * @return whether the blobs must be reconciled with the metadata (then call {@link #reconciled})
     */
    static boolean recover(Path dataDir) {
        Path meta = dataDir.resolve(META);
        try {
            if (Files.isDirectory(dataDir.resolve(OLD))) {
                if (!Files.exists(meta)) {
                    finishSwap(dataDir);
                }
                deleteTree(dataDir.resolve(OLD));
            }
            deleteTree(dataDir.resolve(INCOMING));
            try (DirectoryStream<Path> checkpoints = Files.newDirectoryStream(dataDir, CHECKPOINT_PREFIX + "*")) {
                for (Path checkpoint : checkpoints) {
                    deleteTree(checkpoint);
                }
            }
        } catch (IOException e) {
            throw new StorageException("cannot recover the metadata swap in " + dataDir, e);
        }
        return Files.exists(dataDir.resolve(RECONCILE));
    }

    static void reconciled(Path dataDir) {
        try {
            Files.deleteIfExists(dataDir.resolve(RECONCILE));
            fsync(dataDir);
        } catch (IOException e) {
            throw new StorageException("cannot finish the metadata swap in " + dataDir, e);
        }
    }

    private static void finishSwap(Path dataDir) throws IOException {
        Files.move(dataDir.resolve(INCOMING), dataDir.resolve(META), StandardCopyOption.ATOMIC_MOVE);
        fsync(dataDir);
        deleteTree(dataDir.resolve(OLD));
    }

    private static void fsyncTree(Path dir) throws IOException {
        walk(dir, MetadataInstall::fsync, MetadataInstall::fsync);
    }

    /** Of a file or a directory (its entries). */
    private static void fsync(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            walk(dir, Files::delete, Files::delete);
        }
    }

    @FunctionalInterface
    private interface PathAction {
        void on(Path path) throws IOException;
    }

    /** Calls {@code onFile} for each file of a tree and {@code onDirectory} for each directory after its content. */
    private static void walk(Path dir, PathAction onFile, PathAction onDirectory) throws IOException {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                onFile.on(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path visited, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                onDirectory.on(visited);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
