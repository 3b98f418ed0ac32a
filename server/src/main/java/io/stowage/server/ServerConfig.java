package io.stowage.server;

import io.stowage.cluster.ClusterConfig;
import io.stowage.engine.EngineConfig;
import io.stowage.s3.S3Config;
import io.stowage.server.lifecycle.LifecycleSettings;
import io.stowage.server.metrics.MetricsConfig;
import io.stowage.server.tls.TlsConfig;
import io.stowage.server.tls.TlsMode;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything `stowage server` is started with, validated once.
 *
 * @param address where the S3 API listens
 * @param rootAccessKey the root access key to use instead of the stored or generated one, or null
 * @param rootSecretKey its secret, given together with the access key
 * @param adminAddress where the admin API listens
 * @param adminToken the admin API's bearer token to use instead of the stored or generated one, or null
 * @param shutdownGrace how long a shutdown waits for requests in flight before cutting them short
 * @param tls whether and with which certificate the S3 and admin ports speak HTTPS
 * @param metrics the metrics and health port
 * @param lifecycle how the lifecycle worker runs
 * @param cluster this node's Raft group, or null for a single node
 */
public record ServerConfig(
        InetSocketAddress address,
        Path dataDir,
        S3Config s3,
        int inlineThreshold,
        Duration multipartExpiry,
        String rootAccessKey,
        String rootSecretKey,
        InetSocketAddress adminAddress,
        String adminToken,
        Duration shutdownGrace,
        TlsConfig tls,
        MetricsConfig metrics,
        LifecycleSettings lifecycle,
        ClusterConfig cluster) {

    public static final Duration DEFAULT_MULTIPART_EXPIRY = Duration.ofDays(7);
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(20);

    public ServerConfig {
        if (multipartExpiry == null || multipartExpiry.isNegative() || multipartExpiry.isZero()) {
            throw new IllegalArgumentException("--multipart-expiry must be a positive duration");
        }
        if (inlineThreshold < 0 || inlineThreshold > EngineConfig.MAX_INLINE_THRESHOLD) {
            throw new IllegalArgumentException("--inline-threshold must be 0 to " + EngineConfig.MAX_INLINE_THRESHOLD
                    + " bytes, was " + inlineThreshold);
        }
        if (shutdownGrace == null || shutdownGrace.isNegative()) {
            throw new IllegalArgumentException("--shutdown-grace must be zero or a positive duration");
        }
        if ((rootAccessKey == null) != (rootSecretKey == null)) {
            throw new IllegalArgumentException("STOWAGE_ROOT_ACCESS_KEY and STOWAGE_ROOT_SECRET_KEY must be set together");
        }
        if (rootAccessKey != null && (rootAccessKey.length() < 3 || rootAccessKey.length() > 128)) {
            throw new IllegalArgumentException("STOWAGE_ROOT_ACCESS_KEY must be 3 to 128 characters");
        }
        if (rootSecretKey != null && (rootSecretKey.length() < 8 || rootSecretKey.length() > 128)) {
            throw new IllegalArgumentException("STOWAGE_ROOT_SECRET_KEY must be 8 to 128 characters");
        }
        if (adminAddress == null) {
            throw new IllegalArgumentException("the admin API address must be set");
        }
        if (tls == null) {
            throw new IllegalArgumentException("the TLS settings must be set (TlsConfig.off() for plain HTTP)");
        }
        if (adminToken != null && !adminToken.matches("[\\x21-\\x7e]{16,1024}")) {
            throw new IllegalArgumentException(
                    "STOWAGE_ADMIN_TOKEN must be 16 to 1024 printable ASCII characters without spaces");
        }
        if (metrics == null) {
            throw new IllegalArgumentException("the metrics settings must be set");
        }
        if (lifecycle == null) {
            throw new IllegalArgumentException("the lifecycle settings must be set");
        }
        if (cluster != null && !cluster.plaintextPeers() && (tls.mode() != TlsMode.FILES || tls.caFile() == null)) {
            throw new IllegalArgumentException("a cluster node speaks mutual TLS to its peers with the certificate of"
                    + " --tls files, trusting --tls-ca: give --tls-cert, --tls-key and --tls-ca (certificates naming the"
                    + " peers' hosts), or --insecure-peers on a network nobody else reaches");
        }
        if (cluster != null && (rootAccessKey == null || adminToken == null)) {
            // generated ones would differ from node to node
            throw new IllegalArgumentException("a cluster node needs STOWAGE_ROOT_ACCESS_KEY, STOWAGE_ROOT_SECRET_KEY and"
                    + " STOWAGE_ADMIN_TOKEN, the same on every node");
        }
    }

    /** A single node's settings. */
    public ServerConfig(InetSocketAddress address, Path dataDir, S3Config s3, int inlineThreshold, Duration multipartExpiry,
            String rootAccessKey, String rootSecretKey, InetSocketAddress adminAddress, String adminToken,
            Duration shutdownGrace, TlsConfig tls, MetricsConfig metrics, LifecycleSettings lifecycle) {
        this(address, dataDir, s3, inlineThreshold, multipartExpiry, rootAccessKey, rootSecretKey, adminAddress, adminToken,
                shutdownGrace, tls, metrics, lifecycle, null);
    }

    public EngineConfig engine() {
        return new EngineConfig(dataDir, inlineThreshold, cluster != null);
    }

    /** Parses a duration as 7d, 12h, 30m, 45s or ISO-8601 (P7D); an error names {@code setting}. */
    public static Duration parseDuration(String value, String setting) {
        String v = value.trim();
        try {
            if (v.matches("\\d+[dhms]")) {
                long n = Long.parseLong(v.substring(0, v.length() - 1));
                return switch (v.charAt(v.length() - 1)) {
                    case 'd' -> Duration.ofDays(n);
                    case 'h' -> Duration.ofHours(n);
                    case 'm' -> Duration.ofMinutes(n);
                    default -> Duration.ofSeconds(n);
                };
            }
            return Duration.parse(v);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(setting + " must be a duration like 7d, 12h, 30m, 45s or P7D, was '" + value + "'");
        }
    }

    /** Formats an address as HOST:PORT, IPv6 hosts in brackets: what {@link #parseAddress} reads. */
    public static String formatAddress(InetSocketAddress address) {
        String host = address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    /** Parses HOST:PORT (IPv6 hosts in brackets) into an address; an error names {@code setting}. */
    public static InetSocketAddress parseAddress(String value, String setting) {
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw new IllegalArgumentException(setting + " must be HOST:PORT, was '" + value + "'");
        }
        String host = value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(setting + " port must be a number, was '" + value + "'");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(setting + " port must be 0..65535, was " + port);
        }
        return new InetSocketAddress(host, port);
    }
}
