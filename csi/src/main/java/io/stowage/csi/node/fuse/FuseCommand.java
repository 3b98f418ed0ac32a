package io.stowage.csi.node.fuse;

import java.util.List;
import java.util.Map;

/**
 * How to start one mounter in the foreground: its arguments (never a secret: they show in ps), its whole
 * environment (which may carry the key; /proc/PID/environ is readable by its owner only) and the files it
 * reads.
 */
public record FuseCommand(List<String> argv, Map<String, String> environment, List<FuseFile> files) {

    public FuseCommand {
        argv = List.copyOf(argv);
        environment = Map.copyOf(environment);
        files = List.copyOf(files);
    }

    /** The arguments and the names of the variables, never their values. */
    @Override
    public String toString() {
        return "FuseCommand[argv=" + argv + ", environment=" + environment.keySet().stream().sorted().toList()
                + ", files=" + files + "]";
    }
}
