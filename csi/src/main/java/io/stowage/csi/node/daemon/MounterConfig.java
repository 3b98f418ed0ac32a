package io.stowage.csi.node.daemon;

import io.stowage.csi.node.system.ChildEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The mount daemon's settings.
 *
 * @param socket the unix socket it serves on (mode 0600)
 * @param stateDir where it keeps the staged volumes' records and files (mode 0700)
 * @param mountTimeout how long a mounter may take to mount
 * @param commandTimeout how long mount and umount may take
 * @param searchPath where the mounters and util-linux are looked up
 */
public record MounterConfig(Path socket, Path stateDir, Duration mountTimeout, Duration commandTimeout,
                            List<Path> searchPath) {

    public static final Duration DEFAULT_MOUNT_TIMEOUT = Duration.ofSeconds(15);
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(30);

    public MounterConfig {
        Objects.requireNonNull(socket, "socket");
        Objects.requireNonNull(stateDir, "stateDir");
        searchPath = List.copyOf(searchPath);
    }

    public static MounterConfig of(Path socket, Path stateDir) {
        return new MounterConfig(socket.toAbsolutePath(), stateDir.toAbsolutePath(), DEFAULT_MOUNT_TIMEOUT,
                DEFAULT_COMMAND_TIMEOUT, ChildEnvironment.SEARCH_PATH);
    }
}
