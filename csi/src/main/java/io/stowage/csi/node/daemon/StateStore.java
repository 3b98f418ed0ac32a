package io.stowage.csi.node.daemon;

import io.stowage.csi.node.fuse.VolumeFiles;
import io.stowage.csi.node.protocol.NodeJson;
import io.stowage.csi.node.system.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's state directory (0700): {@code volumes/KEY.json}, one record per staged volume (0600: it
 * holds the credentials), and {@code work/KEY/}, the volume's files (password file, CA bundle, rclone's
 * cache, the mounter's output). KEY is a hash of the volume id, which may hold slashes and be long.
 */
final class StateStore {

    private static final Logger LOG = LoggerFactory.getLogger(StateStore.class);
    private static final String SUFFIX = ".json";

    private final Path volumes;
    private final Path work;

    StateStore(Path stateDir) throws IOException {
        var owner = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
        Files.createDirectories(stateDir, owner);
        Files.setPosixFilePermissions(stateDir, PosixFilePermissions.fromString("rwx------"));
        this.volumes = Files.createDirectories(stateDir.resolve("volumes"), owner);
        this.work = Files.createDirectories(stateDir.resolve("work"), owner);
    }

    /** The volume's own directory, created when missing. */
    VolumeFiles filesOf(String volumeId) throws IOException {
        return new VolumeFiles(Files.createDirectories(work.resolve(key(volumeId))));
    }

    /** Every record; a file that cannot be read is logged and skipped, so one bad file stops no other volume. */
    List<VolumeRecord> readAll() throws IOException {
        List<VolumeRecord> records = new ArrayList<>();
        try (Stream<Path> files = Files.list(volumes)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).sorted().toList()) {
                try {
                    records.add(NodeJson.mapper().readValue(file.toFile(), VolumeRecord.class));
                } catch (IOException e) {
                    LOG.error("Skipping the unreadable volume state file {}: {}", file, e.getMessage());
                }
            }
        }
        return records;
    }

    void write(VolumeRecord record) throws IOException {
        AtomicFiles.write(volumes.resolve(key(record.volumeId()) + SUFFIX),
                NodeJson.mapper().writeValueAsBytes(record), AtomicFiles.PRIVATE);
    }

    /** Removes the volume's record and its directory. */
    void delete(String volumeId) throws IOException {
        Files.deleteIfExists(volumes.resolve(key(volumeId) + SUFFIX));
        AtomicFiles.syncDirectory(volumes);
        Path dir = work.resolve(key(volumeId));
        if (Files.exists(dir)) {
            try (Stream<Path> tree = Files.walk(dir)) {
                for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    static String key(String volumeId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(volumeId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }
}
