package io.stowage.cli;

import io.stowage.engine.EngineConfig;
import io.stowage.s3.S3Config;
import io.stowage.server.AdminToken;
import io.stowage.server.ServerConfig;
import io.stowage.server.StowageServer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `stowage server`: the S3 object server over a local data directory. */
@Command(name = "server",
        mixinStandardHelpOptions = true,
        description = {"Runs the S3 object server and its admin API on a local data directory.",
                "Every option can also be set through the environment variable shown."})
final class ServerCommand implements Callable<Integer> {

    @Option(names = "--address", paramLabel = "HOST:PORT", defaultValue = "${env:STOWAGE_ADDRESS:-127.0.0.1:9000}",
            description = "Address the S3 API listens on (env STOWAGE_ADDRESS). Default: ${DEFAULT-VALUE}")
    String address;

    @Option(names = "--admin-address", paramLabel = "HOST:PORT",
            defaultValue = "${env:STOWAGE_ADMIN_ADDRESS:-127.0.0.1:9001}",
            description = "Address the admin API listens on (env STOWAGE_ADMIN_ADDRESS). Default: ${DEFAULT-VALUE}")
    String adminAddress;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "${env:STOWAGE_DATA:-./stowage-data}",
            description = "Data directory (env STOWAGE_DATA). Default: ${DEFAULT-VALUE}")
    Path data;

    @Option(names = "--region", defaultValue = "${env:STOWAGE_REGION:-us-east-1}",
            description = "Region clients sign requests for (env STOWAGE_REGION). Default: ${DEFAULT-VALUE}")
    String region;

    @Option(names = "--domain", defaultValue = "${env:STOWAGE_DOMAIN}",
            description = "Domain for virtual-hosted-style requests, bucket.DOMAIN (env STOWAGE_DOMAIN). Default: path style only")
    String domain;

    @Option(names = "--inline-threshold", paramLabel = "BYTES",
            defaultValue = "${env:STOWAGE_INLINE_THRESHOLD:-" + EngineConfig.DEFAULT_INLINE_THRESHOLD + "}",
            description = "Objects up to this size are stored inside the metadata store (env STOWAGE_INLINE_THRESHOLD). Default: ${DEFAULT-VALUE}")
    int inlineThreshold;

    @Option(names = "--multipart-expiry", paramLabel = "DURATION", defaultValue = "${env:STOWAGE_MULTIPART_EXPIRY:-7d}",
            description = "Multipart uploads unfinished for this long are aborted and their parts freed, e.g. 7d, 12h, P7D"
                    + " (env STOWAGE_MULTIPART_EXPIRY). Default: ${DEFAULT-VALUE}")
    String multipartExpiry;

    @Override
    public Integer call() throws Exception {
        ServerConfig config;
        try {
            config = new ServerConfig(ServerConfig.parseAddress(address), data, new S3Config(region, domain), inlineThreshold,
                    ServerConfig.parseDuration(multipartExpiry),
                    System.getenv("STOWAGE_ROOT_ACCESS_KEY"), System.getenv("STOWAGE_ROOT_SECRET_KEY"),
                    ServerConfig.parseAddress(adminAddress), System.getenv("STOWAGE_ADMIN_TOKEN"));
        } catch (IllegalArgumentException e) {
            System.err.println("stowage server: " + e.getMessage());
            return 2;
        }
        StowageServer server = StowageServer.start(config);
        if (server.rootCredentials().generated()) {
            System.out.println();
            System.out.println("Generated root credentials (shown once; stored in "
                    + config.dataDir().resolve("root-credentials") + ", mode 0600):");
            System.out.println("  AWS_ACCESS_KEY_ID=" + server.rootCredentials().accessKey());
            System.out.println("  AWS_SECRET_ACCESS_KEY=" + server.rootCredentials().secretKey());
            System.out.println();
        }
        if (server.adminToken().generated()) {
            System.out.println("Generated admin API token (shown once; stored in "
                    + config.dataDir().resolve(AdminToken.FILE_NAME) + ", mode 0600):");
            System.out.println("  STOWAGE_ADMIN_TOKEN=" + server.adminToken().value());
            System.out.println();
        }
        System.out.println("Admin API: http://" + ServerConfig.formatAddress(server.adminAddress()) + "/admin/v1");
        System.out.println("S3 endpoint: http://" + ServerConfig.formatAddress(server.address()) + "  region: " + region);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
        return 0;
    }
}
