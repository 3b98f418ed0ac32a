package io.stowage.csi.node.it;

import io.stowage.csi.node.StageRequest;
import io.stowage.csi.node.fuse.FuseCommand;
import io.stowage.csi.node.fuse.FuseFile;
import io.stowage.csi.node.fuse.FuseMounter;
import io.stowage.csi.node.fuse.MounterKind;
import io.stowage.csi.node.fuse.VolumeFiles;
import io.stowage.csi.node.system.AtomicFiles;
import io.stowage.csi.node.system.ChildEnvironment;
import io.stowage.csi.node.system.Executables;
import io.stowage.csi.node.system.MountTable;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A mounter run as the mount daemon runs it (the command, environment and files the driver builds for the volume),
 * but without the daemon: no endpoint check before it, so what it does is the mounter's own doing.
 */
final class MounterAlone implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final Process process;
    private final Path mountPoint;

    private MounterAlone(Process process, Path mountPoint) {
        this.process = process;
        this.mountPoint = mountPoint;
    }

    static MounterAlone start(StageRequest request, Path workDir) throws IOException {
        VolumeFiles files = new VolumeFiles(workDir);
        MounterKind kind = MounterKind.parse(request.mounter());
        FuseCommand command = FuseMounter.of(kind).command(
                Executables.find(kind.binary(), ChildEnvironment.SEARCH_PATH).orElseThrow(), request, files);
        Files.createDirectories(files.home());
        Files.createDirectories(files.cache());
        Files.createDirectories(request.stagingPath());
        for (FuseFile file : command.files()) {
            AtomicFiles.write(file.path(), file.content().getBytes(StandardCharsets.UTF_8), file.permissions());
        }
        ProcessBuilder builder = new ProcessBuilder(command.argv()).redirectErrorStream(true)
                .redirectOutput(files.log().toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(command.environment());
        return new MounterAlone(builder.start(), request.stagingPath());
    }

    /** Waits until the mount appears (true) or the mounter exits or times out (false). */
    boolean awaitMount() throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (process.isAlive() && System.nanoTime() < deadline) {
            if (MountTable.read().at(mountPoint).isPresent()) {
                return true;
            }
            Thread.sleep(100);
        }
        return MountTable.read().at(mountPoint).isPresent();
    }

    /** Lists the mount's root: null when it works, else the error. */
    IOException list() {
        try (Stream<Path> entries = Files.list(mountPoint)) {
            entries.count();
            return null;
        } catch (IOException e) {
            return e;
        } catch (UncheckedIOException e) {
            return e.getCause();
        }
    }

    /** Whether the mounter has exited, waiting for it at most the timeout. */
    boolean exited() throws InterruptedException {
        return process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        MountCleanup.detachUnder(mountPoint);
    }
}
