package io.stowage.csi.node.system;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Whether a mount answers: a stat of its root, bounded in time, because a stat of a hung FUSE mount blocks
 * until its process answers (which may be never). A stat that hangs leaves its thread behind, which is why
 * the probe runs it on a platform daemon thread of its own.
 */
public final class PathProbe {

    /** What a stat of the path found. */
    public enum State {
        /** The stat answered. */
        LIVE,
        /** The stat failed: "Transport endpoint is not connected" when the FUSE process is gone. */
        DEAD,
        /** The path does not exist. */
        MISSING,
        /** No answer in time: the FUSE process is alive but stuck or slow. */
        HUNG
    }

    private PathProbe() {
    }

    public static State probe(Path path, Duration timeout) {
        CompletableFuture<State> result = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("probe " + path).start(() -> result.complete(stat(path)));
        try {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return State.HUNG;
        } catch (ExecutionException e) {
            return State.DEAD;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return State.HUNG;
        }
    }

    private static State stat(Path path) {
        try {
            Files.readAttributes(path, BasicFileAttributes.class);
            return State.LIVE;
        } catch (NoSuchFileException e) {
            return State.MISSING;
        } catch (FileSystemException e) {
            return State.DEAD;
        } catch (IOException e) {
            return State.DEAD;
        }
    }
}
