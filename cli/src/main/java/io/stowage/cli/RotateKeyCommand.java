package io.stowage.cli;

import io.stowage.s3.sse.MasterKey;
import io.stowage.s3.sse.MasterKeyStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `stowage rotate-key`: a new SSE-S3 master key for new objects; the older keys stay to read older objects. */
@Command(name = "rotate-key",
        mixinStandardHelpOptions = true,
        defaultValueProvider = ServerDefaults.class,
        description = {"Adds a new SSE-S3 master key to the key store of a data directory and makes it the key new"
                + " objects are encrypted with; objects written before keep their key and stay readable. Run it while"
                + " the server is stopped (it reads the store at start), and back up DATA/keys before and after.",
                "Every option --NAME can also be set by the environment variable STOWAGE_NAME (dashes as underscores)."})
final class RotateKeyCommand implements Callable<Integer> {

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "./stowage-data",
            description = "Data directory of the server (env STOWAGE_DATA). Default: ${DEFAULT-VALUE}")
    Path data;

    @Override
    public Integer call() {
        if (Files.isDirectory(data.resolve("raft"))) {
            System.err.println("stowage rotate-key: " + data + " belongs to a cluster node, whose master keys must stay the"
                    + " same as every other node's; rotating the keys of a cluster is not supported yet");
            return 1;
        }
        try {
            MasterKeyStore store = MasterKeyStore.open(data.resolve("keys"));
            MasterKey active = store.rotate();
            System.out.println("New objects are now encrypted with master key " + active.id() + " (keys kept: "
                    + store.ids() + ") in " + store.directory());
            return 0;
        } catch (IOException e) {
            System.err.println("stowage rotate-key: " + e.getMessage());
            return 1;
        }
    }
}
