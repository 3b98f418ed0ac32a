package io.stowage.cli;

import io.stowage.cluster.ClusterConfig;
import io.stowage.cluster.Join;
import io.stowage.cluster.ReadConsistency;
import io.stowage.engine.EngineConfig;
import io.stowage.s3.S3Config;
import io.stowage.server.AdminToken;
import io.stowage.server.ServerConfig;
import io.stowage.server.StartupException;
import io.stowage.server.StowageServer;
import io.stowage.server.lifecycle.LifecycleSettings;
import io.stowage.server.logging.LogSetup;
import io.stowage.server.metrics.MetricsConfig;
import io.stowage.server.tls.TlsConfig;
import io.stowage.server.tls.TlsFileException;
import io.stowage.server.tls.TlsMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `stowage server`: the S3 object server over a local data directory. */
@Command(name = "server",
        mixinStandardHelpOptions = true,
        defaultValueProvider = ServerDefaults.class,
        description = {"Runs the S3 object server and its admin API on a local data directory.",
                "Every option --NAME can also be set by the environment variable STOWAGE_NAME (dashes as underscores,"
                        + " shown with each option) or by the key NAME in the YAML file of --config;"
                        + " the command line wins over the environment, which wins over the file."})
final class ServerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** Set on the instance parsed again with the config file's settings, so it is read once. */
    private boolean configRead;

    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML file of settings, keys named as the options without dashes (env STOWAGE_CONFIG).")
    Path config;

    @Option(names = "--address", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:9000",
            description = "Address the S3 API listens on (env STOWAGE_ADDRESS). Default: ${DEFAULT-VALUE}")
    String address;

    @Option(names = "--admin-address", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:9001",
            description = "Address the admin API listens on (env STOWAGE_ADMIN_ADDRESS). Default: ${DEFAULT-VALUE}")
    String adminAddress;

    @Option(names = "--metrics-address", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:9002",
            description = "Address /metrics (Prometheus) and /health/live, /health/ready are served on, without"
                    + " authentication (env STOWAGE_METRICS_ADDRESS). Default: ${DEFAULT-VALUE}")
    String metricsAddress;

    @Option(names = "--metrics-bucket-limit", paramLabel = "N", defaultValue = "" + MetricsConfig.DEFAULT_BUCKET_LIMIT,
            description = "Buckets, the largest by bytes, with metrics of their own; the rest are summed as"
                    + " bucket=\"_other\", 0 turns per-bucket metrics off (env STOWAGE_METRICS_BUCKET_LIMIT)."
                    + " Default: ${DEFAULT-VALUE}")
    int metricsBucketLimit;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "./stowage-data",
            description = "Data directory (env STOWAGE_DATA). Default: ${DEFAULT-VALUE}")
    Path data;

    @Option(names = "--region", defaultValue = "us-east-1",
            description = "Region clients sign requests for (env STOWAGE_REGION). Default: ${DEFAULT-VALUE}")
    String region;

    @Option(names = "--domain",
            description = "Domain for virtual-hosted-style requests, bucket.DOMAIN (env STOWAGE_DOMAIN). Default: path style only")
    String domain;

    @Option(names = "--website-domain",
            description = "Domain under which bucket.DOMAIN serves a bucket's static website to anonymous readers"
                    + " (env STOWAGE_WEBSITE_DOMAIN). Default: no website endpoint")
    String websiteDomain;

    @Option(names = "--inline-threshold", paramLabel = "BYTES", defaultValue = "" + EngineConfig.DEFAULT_INLINE_THRESHOLD,
            description = "Objects up to this size are stored inside the metadata store (env STOWAGE_INLINE_THRESHOLD)."
                    + " Default: ${DEFAULT-VALUE}")
    int inlineThreshold;

    @Option(names = "--multipart-expiry", paramLabel = "DURATION", defaultValue = "7d",
            description = "Multipart uploads unfinished for this long are aborted and their parts freed, e.g. 7d, 12h, P7D"
                    + " (env STOWAGE_MULTIPART_EXPIRY). Default: ${DEFAULT-VALUE}")
    String multipartExpiry;

    @Option(names = "--lifecycle-interval", paramLabel = "DURATION", defaultValue = "1h",
            description = "How often the lifecycle worker applies the buckets' lifecycle rules, e.g. 1h, 30m"
                    + " (env STOWAGE_LIFECYCLE_INTERVAL). Default: ${DEFAULT-VALUE}")
    String lifecycleInterval;

    @Option(names = "--lifecycle-batch", paramLabel = "N", defaultValue = "" + LifecycleSettings.DEFAULT_BATCH,
            description = "Versions and multipart uploads one lifecycle cycle examines at most; the next cycle goes on"
                    + " from there (env STOWAGE_LIFECYCLE_BATCH). Default: ${DEFAULT-VALUE}")
    int lifecycleBatch;

    @Option(names = "--lifecycle-day-seconds", paramLabel = "SECONDS", defaultValue = "86400",
            description = "Length of a lifecycle rule's day, for testing only: 10 makes a 30-day expiration act"
                    + " within minutes (env STOWAGE_LIFECYCLE_DAY_SECONDS). Default: ${DEFAULT-VALUE}")
    long lifecycleDaySeconds;

    @Option(names = "--shutdown-grace", paramLabel = "DURATION", defaultValue = "20s",
            description = "On SIGTERM, how long requests in flight may run before they are cut short; a second SIGTERM"
                    + " cuts them at once (env STOWAGE_SHUTDOWN_GRACE). Default: ${DEFAULT-VALUE}")
    String shutdownGrace;

    @Mixin
    LogOptions log = new LogOptions();

    @Option(names = "--access-log", paramLabel = "true|false", arity = "0..1", fallbackValue = "true", defaultValue = "false",
            description = "Log one line per S3 request, with its request id (env STOWAGE_ACCESS_LOG). Default: ${DEFAULT-VALUE}")
    boolean accessLog;

    @Option(names = "--tls", paramLabel = "off|auto|files",
            description = "HTTPS on the S3 and admin ports: off; auto, a CA and certificate generated into DATA/tls; files,"
                    + " from --tls-cert and --tls-key, re-read when they change (env STOWAGE_TLS)."
                    + " Default: files when --tls-cert or --tls-key is given, else off")
    String tls;

    @Option(names = "--tls-cert", paramLabel = "FILE",
            description = "PEM certificate chain, the server's certificate first (env STOWAGE_TLS_CERT). Default: none")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE",
            description = "PEM private key of the certificate: PKCS#8, RSA or EC (env STOWAGE_TLS_KEY). Default: none")
    Path tlsKey;

    @Option(names = "--tls-ca", paramLabel = "FILE",
            description = "PEM CA bundle for clients to trust; its intermediates complete the chain sent"
                    + " (env STOWAGE_TLS_CA). Default: none")
    Path tlsCa;

    @Option(names = "--tls-san", paramLabel = "NAME[,NAME...]", split = ",",
            description = "More DNS names and IP addresses for the certificate of --tls auto (env STOWAGE_TLS_SAN)."
                    + " Default: localhost, 127.0.0.1, ::1 and this host's name only")
    List<String> tlsSans;

    @Option(names = "--node-id", paramLabel = "ID",
            description = "This node's id in a replicated cluster; with --raft-address and --peers (env STOWAGE_NODE_ID)."
                    + " Default: none, a single node")
    String nodeId;

    @Option(names = "--raft-address", paramLabel = "HOST:PORT",
            description = "Where this cluster node speaks Raft to the others; blob copies use the next port up"
                    + " (env STOWAGE_RAFT_ADDRESS). Default: none")
    String raftAddress;

    @Option(names = "--peers", paramLabel = "ID=HOST:PORT[,...]",
            description = "The other members of the cluster and their Raft addresses (env STOWAGE_PEERS). Default: none")
    String peers;

    @Option(names = "--cluster-reads", paramLabel = "linearizable|local", defaultValue = "linearizable",
            description = "Cluster reads: linearizable waits for a Raft read index, so a read sees every acknowledged"
                    + " write; local reads this node's copy at once, possibly behind (env STOWAGE_CLUSTER_READS)."
                    + " Default: ${DEFAULT-VALUE}")
    String clusterReads;

    @Option(names = "--insecure-peers", paramLabel = "true|false", arity = "0..1", fallbackValue = "true",
            defaultValue = "false",
            description = "Cluster nodes speak plain TCP to each other instead of mutual TLS with the certificate of"
                    + " --tls files: only on a network nobody else reaches (env STOWAGE_INSECURE_PEERS)."
                    + " Default: ${DEFAULT-VALUE}")
    boolean insecurePeers;

    @Option(names = "--join", paramLabel = "auto|true|false", defaultValue = "auto",
            description = "On its first start, whether this node joins a running cluster (waits, as a listener, for"
                    + " POST /admin/v1/cluster/members) or founds one with its peers; auto joins when a peer already"
                    + " has a log; ignored once the node has Raft storage (env STOWAGE_JOIN). Default: ${DEFAULT-VALUE}")
    String join;

    @Option(names = "--raft-snapshot-entries", paramLabel = "N",
            defaultValue = "" + ClusterConfig.DEFAULT_SNAPSHOT_ENTRIES,
            description = "Cluster: snapshot the metadata after this many Raft log entries; the log before a snapshot"
                    + " is dropped once every member has it (env STOWAGE_RAFT_SNAPSHOT_ENTRIES). Default: ${DEFAULT-VALUE}")
    long snapshotEntries;

    @Override
    public Integer call() throws Exception {
        if (config != null && !configRead) {
            return withConfigFile();
        }
        ServerConfig serverConfig;
        try {
            log.apply(accessLog);
            serverConfig = new ServerConfig(ServerConfig.parseAddress(address, "--address"), data, new S3Config(region, domain, websiteDomain),
                    inlineThreshold, ServerConfig.parseDuration(multipartExpiry, "--multipart-expiry"),
                    System.getenv("STOWAGE_ROOT_ACCESS_KEY"), System.getenv("STOWAGE_ROOT_SECRET_KEY"),
                    ServerConfig.parseAddress(adminAddress, "--admin-address"), System.getenv("STOWAGE_ADMIN_TOKEN"),
                    ServerConfig.parseDuration(shutdownGrace, "--shutdown-grace"),
                    new TlsConfig(tls == null ? null : TlsMode.parse(tls), tlsCert, tlsKey, tlsCa, tlsSans),
                    new MetricsConfig(ServerConfig.parseAddress(metricsAddress, "--metrics-address"), metricsBucketLimit),
                    new LifecycleSettings(ServerConfig.parseDuration(lifecycleInterval, "--lifecycle-interval"),
                            lifecycleBatch, Duration.ofSeconds(lifecycleDaySeconds)),
                    cluster());
        } catch (IllegalArgumentException e) {
            return usageError(e.getMessage());
        }
        StowageServer server;
        try {
            server = StowageServer.start(serverConfig);
        } catch (TlsFileException e) {
            return usageError("cannot use the TLS files: " + e.getMessage());
        } catch (StartupException e) {
            System.err.println("stowage server: " + e.getMessage());
            return 1;
        }
        ShutdownSignals signals = ShutdownSignals.install(server::close, server::abortInFlight);
        printBanner(server, serverConfig);
        signals.awaitStopped();
        LogSetup.flush();
        return 0;
    }

    /** Parses the command line again with the config file's settings below the environment's. */
    private int withConfigFile() throws Exception {
        Set<String> keys = spec.options().stream()
                .filter(o -> !o.usageHelp() && !o.versionHelp() && !o.longestName().equals("--config"))
                .map(ServerDefaults::key)
                .collect(Collectors.toSet());
        ServerCommand again = new ServerCommand();
        again.configRead = true;
        try {
            CommandLine line = new CommandLine(again);
            line.setDefaultValueProvider(new ServerDefaults(System.getenv(), ServerConfigFile.read(config, keys)));
            line.parseArgs(ownArgs().toArray(String[]::new));
        } catch (IllegalArgumentException | CommandLine.ParameterException e) {
            return usageError(e.getMessage());
        }
        return again.call();
    }

    /** The cluster settings, or null for a single node. */
    private ClusterConfig cluster() {
        if (nodeId == null && raftAddress == null && peers == null) {
            return null;
        }
        if (nodeId == null || raftAddress == null) {
            throw new IllegalArgumentException("a cluster node needs --node-id and --raft-address (and --peers)");
        }
        ReadConsistency reads = switch (clusterReads) {
            case "linearizable" -> ReadConsistency.LINEARIZABLE;
            case "local" -> ReadConsistency.LOCAL;
            default -> throw new IllegalArgumentException("--cluster-reads must be linearizable or local, was " + clusterReads);
        };
        return ClusterConfig.parse(nodeId, raftAddress, peers == null ? "" : peers, data.resolve("raft"), reads, insecurePeers,
                Join.parse(join)).withSnapshotEntries(snapshotEntries);
    }

    /** This command's arguments: what follows its name in the launcher's arguments. */
    private List<String> ownArgs() {
        List<String> all = spec.commandLine().getParseResult().originalArgs();
        return all.subList(all.indexOf(spec.name()) + 1, all.size());
    }

    private static int usageError(String message) {
        System.err.println("stowage server: " + message);
        return 2;
    }

    private static void printBanner(StowageServer server, ServerConfig config) {
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
        String scheme = config.tls().enabled() ? "https" : "http";
        if (server.tlsCaFile() != null) {
            System.out.println("TLS: clients trust the CA certificate in " + server.tlsCaFile().toAbsolutePath());
        }
        System.out.println("Admin API: " + scheme + "://" + ServerConfig.formatAddress(server.adminAddress()) + "/admin/v1");
        System.out.println("Metrics: http://" + ServerConfig.formatAddress(server.metricsAddress()) + "/metrics");
        System.out.println("S3 endpoint: " + scheme + "://" + ServerConfig.formatAddress(server.address()) + "  region: "
                + config.s3().region());
    }
}
