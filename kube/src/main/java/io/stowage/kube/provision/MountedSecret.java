package io.stowage.kube.provision;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A Secret as Kubernetes mounts it into a pod: one file per key. The names starting with {@code ..} are
 * the kubelet's own (the timestamped directory and the {@code ..data} link that swaps it atomically);
 * the keys are links into it.
 */
public final class MountedSecret {

    private MountedSecret() {
    }

    /**
     * The Secret's values by key.
     *
     * @throws IOException when the directory or a key cannot be read
     */
    public static Map<String, String> read(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("the mounted Secret " + dir + " is not a directory");
        }
        Map<String, String> values = new HashMap<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path entry : entries.filter(p -> !p.getFileName().toString().startsWith("..")).toList()) {
                if (Files.isRegularFile(entry)) {
                    values.put(entry.getFileName().toString(), Files.readString(entry, StandardCharsets.UTF_8));
                }
            }
        }
        return values;
    }
}
