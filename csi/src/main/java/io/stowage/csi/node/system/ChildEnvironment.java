package io.stowage.csi.node.system;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The environment of the processes the daemon starts: built from nothing, never inherited, so variables of
 * the daemon's own environment (AWS_CA_BUNDLE, AWS_ACCESS_KEY_ID, proxies, ...) cannot change what a mounter
 * trusts or which key it signs with.
 */
public final class ChildEnvironment {

    /** Where the mounters and util-linux are looked up, in this order. */
    public static final List<Path> SEARCH_PATH = List.of(Path.of("/usr/local/sbin"), Path.of("/usr/local/bin"),
            Path.of("/usr/sbin"), Path.of("/usr/bin"), Path.of("/sbin"), Path.of("/bin"));

    private ChildEnvironment() {
    }

    /** PATH, HOME and a UTF-8 locale: all a mount command needs. */
    public static Map<String, String> base(Path home) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", String.join(":", SEARCH_PATH.stream().map(Path::toString).toList()));
        env.put("HOME", home.toString());
        env.put("LANG", "C.UTF-8");
        return env;
    }
}
