package io.stowage.server;

import io.netty.channel.ChannelException;
import io.stowage.cluster.ReplicatedEngine;
import io.stowage.engine.Engine;
import io.stowage.engine.error.EngineException;
import io.stowage.engine.store.RocksEngine;
import io.stowage.probes.ProbeHttpServer;
import io.stowage.probes.Readiness;
import io.stowage.s3.S3Service;
import io.stowage.s3.sse.Envelopes;
import io.stowage.s3.sse.MasterKeyStore;
import io.stowage.s3.access.KeyDirectory;
import io.stowage.s3.http.RequestListener;
import io.stowage.s3.http.S3HttpServer;
import io.stowage.server.admin.AdminHttpServer;
import io.stowage.server.admin.AdminService;
import io.stowage.server.admin.ServerFacts;
import io.stowage.server.lifecycle.LifecycleWorker;
import io.stowage.server.logging.AccessLog;
import io.stowage.server.metrics.StowageMetrics;
import io.stowage.server.tls.ServerTls;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running single-node server: the engine, and the S3, admin and metrics listeners over it. */
public final class StowageServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StowageServer.class);

    /** How often the sweeper looks for expired multipart uploads. */
    private static final Duration SWEEP_INTERVAL = Duration.ofHours(1);

    private final Engine engine;
    private final S3HttpServer http;
    private final AdminHttpServer admin;
    private final ProbeHttpServer metricsHttp;
    private final StowageMetrics metrics;
    private final Readiness readiness;
    private final RootCredentials root;
    private final AdminToken adminToken;
    private final UploadSweeper sweeper;
    private final LifecycleWorker lifecycle;
    private final Duration shutdownGrace;
    private final Path tlsCaFile;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();

    private StowageServer(Engine engine, S3HttpServer http, AdminHttpServer admin, ProbeHttpServer metricsHttp,
            StowageMetrics metrics, Readiness readiness, RootCredentials root, AdminToken adminToken, UploadSweeper sweeper,
            LifecycleWorker lifecycle, Duration shutdownGrace, Path tlsCaFile) {
        this.shutdownGrace = shutdownGrace;
        this.tlsCaFile = tlsCaFile;
        this.engine = engine;
        this.http = http;
        this.admin = admin;
        this.metricsHttp = metricsHttp;
        this.metrics = metrics;
        this.readiness = readiness;
        this.root = root;
        this.adminToken = adminToken;
        this.sweeper = sweeper;
        this.lifecycle = lifecycle;
    }

    public static StowageServer start(ServerConfig config) throws IOException, InterruptedException {
        usable(config.dataDir());
        RootCredentials root = RootCredentials.loadOrCreate(config.dataDir(), config.rootAccessKey(), config.rootSecretKey());
        AdminToken adminToken = AdminToken.loadOrCreate(config.dataDir(), config.adminToken());
        ServerTls tls = ServerTls.create(config.tls(), config.dataDir());
        Clock clock = Clock.systemUTC();
        Engine engine = openStore(config, tls);
        StowageMetrics metrics = null;
        S3HttpServer http = null;
        AdminHttpServer admin = null;
        ProbeHttpServer metricsHttp = null;
        try {
            metrics = new StowageMetrics(engine, config.metrics());
            RequestListener accessLog = new AccessLog();
            RequestListener requestMetrics = metrics.requests();
            RequestListener listener = request -> {
                accessLog.completed(request);
                requestMetrics.completed(request);
            };
            KeyDirectory keys = new KeyDirectory(engine, root.accessKey(), root.secretKey());
            S3Service s3 = new S3Service(engine, config.s3(), keys, config.lifecycle().timing(),
                    new Envelopes(openMasterKeys(config.dataDir(), engine)), clock);
            http = listen("--address", config.address(), () -> S3HttpServer.start(config.address(), s3, listener, tls.nettyContext()));
            metrics.bindOpenConnections(http::openConnections);
            admin = listen("--admin-address", config.adminAddress(),
                    () -> AdminHttpServer.bind(config.adminAddress(), tls.httpsConfigurator()));
            metricsHttp = listen("--metrics-address", config.metrics().address(),
                    () -> ProbeHttpServer.bind(config.metrics().address()));
            ServerFacts facts = new ServerFacts(version(), config.s3().region(), ServerConfig.formatAddress(http.localAddress()),
                    ServerConfig.formatAddress(admin.localAddress()), config.dataDir().toAbsolutePath().toString(),
                    clock.instant().truncatedTo(ChronoUnit.MILLIS));
            admin.start(new AdminService(engine, keys, root.accessKey(), adminToken.value(), facts, clock));
            Readiness readiness = new Readiness();
            metricsHttp.start(metrics::scrape, () -> readinessOf(readiness, engine));
            LOG.info("Stowage serving S3 on {}, the admin API on {} and metrics on {} from {} (region {})", facts.s3Address(),
                    facts.adminAddress(), ServerConfig.formatAddress(metricsHttp.localAddress()), facts.dataDir(),
                    facts.region());
            UploadSweeper sweeper = new UploadSweeper(engine, config.multipartExpiry(), clock);
            sweeper.start(SWEEP_INTERVAL);
            LifecycleWorker lifecycle = new LifecycleWorker(engine, config.lifecycle(), metrics.lifecycle(), clock);
            lifecycle.start();
            readiness.markReady();
            return new StowageServer(engine, http, admin, metricsHttp, metrics, readiness, root, adminToken, sweeper,
                    lifecycle, config.shutdownGrace(), tls.trustedCaFile());
        } catch (IOException | RuntimeException | InterruptedException e) {
            if (metricsHttp != null) {
                metricsHttp.close();
            }
            if (admin != null) {
                admin.close();
            }
            if (http != null) {
                http.close();
            }
            if (metrics != null) {
                metrics.close();
            }
            engine.close();
            throw e;
        }
    }

    /** Creates the data directory if needed and checks it can be written. */
    private static void usable(Path dataDir) throws StartupException {
        try {
            Files.createDirectories(dataDir);
            if (!Files.isWritable(dataDir)) {
                throw new java.nio.file.AccessDeniedException(dataDir.toString(), null, "not writable");
            }
        } catch (IOException e) {
            throw new StartupException("--data " + dataDir + ": cannot use it as the data directory: " + e, e);
        }
    }

    private static Engine openStore(ServerConfig config, ServerTls tls) throws StartupException {
        RocksEngine local;
        try {
            local = RocksEngine.open(config.engine());
        } catch (EngineException e) {
            throw new StartupException("--data " + config.dataDir() + ": cannot open the store (is another server using it?): "
                    + e.getMessage(), e);
        }
        if (config.cluster() == null) {
            return local;
        }
        try {
            return ReplicatedEngine.start(local, config.cluster(), tls.peerTls(), masterKeyDirectory(config.dataDir()));
        } catch (IOException | RuntimeException e) {
            local.close();
            throw new StartupException("--raft-address " + ServerConfig.formatAddress(config.cluster().raftAddress())
                    + ": cannot start the cluster node (is the port, or the next one up, in use?): " + e.getMessage(), e);
        }
    }

    /** A listener's bind; "address already in use" and the like name the setting of the address. */
    @FunctionalInterface
    private interface Bind<T> {
        T bind() throws Exception;
    }

    private static <T> T listen(String setting, InetSocketAddress address, Bind<T> bind)
            throws StartupException, InterruptedException {
        try {
            return bind.bind();
        } catch (InterruptedException e) {
            throw e;
        } catch (RuntimeException e) {
            if (!(e instanceof ChannelException)) {
                throw e;
            }
            throw cannotListen(setting, address, e);
        } catch (Exception e) {
            // the checked exceptions of a bind: Netty rethrows the socket's IOException undeclared
            throw cannotListen(setting, address, e);
        }
    }

    /** Ready only while the engine serves: a cluster node cut off from a majority leaves its Service's endpoints. */
    private static Readiness.State readinessOf(Readiness readiness, Engine engine) {
        Readiness.State state = readiness.state();
        return state == Readiness.State.READY && !engine.serving() ? Readiness.State.NO_QUORUM : state;
    }

    private static Path masterKeyDirectory(Path dataDir) {
        return dataDir.resolve("keys");
    }

    /**
     * The SSE-S3 master keys, in keys/ of the data directory (created with the first key on first start). A cluster
     * node without keys copies the cluster's from a peer, unless it is the one that makes them.
     */
    private static MasterKeyStore openMasterKeys(Path dataDir, Engine engine) throws StartupException, InterruptedException {
        Path directory = masterKeyDirectory(dataDir);
        try {
            if (engine instanceof ReplicatedEngine cluster && !MasterKeyStore.holdsKeys(directory)
                    && !cluster.makesFirstMasterKey()) {
                cluster.copyMasterKeys(directory, StowageServer::holdsMasterKeys);
            }
            return MasterKeyStore.open(directory);
        } catch (IOException e) {
            throw new StartupException("--data " + dataDir + ": cannot open the encryption key store " + directory + ": "
                    + e.getMessage(), e);
        }
    }

    private static boolean holdsMasterKeys(Path directory) {
        try {
            return MasterKeyStore.holdsKeys(directory);
        } catch (IOException e) {
            return false;
        }
    }

    private static StartupException cannotListen(String setting, InetSocketAddress address, Exception e) {
        return new StartupException(setting + " " + ServerConfig.formatAddress(address) + ": cannot listen there: "
                + e.getMessage(), e);
    }

    /** The version from the jar manifest, as the launcher reports it. */
    private static String version() {
        return Objects.requireNonNullElse(StowageServer.class.getPackage().getImplementationVersion(), "development build");
    }

    public InetSocketAddress address() {
        return http.localAddress();
    }

    public InetSocketAddress adminAddress() {
        return admin.localAddress();
    }

    /** Where {@code /metrics} and {@code /health/*} are served. */
    public InetSocketAddress metricsAddress() {
        return metricsHttp.localAddress();
    }

    public RootCredentials rootCredentials() {
        return root;
    }

    public AdminToken adminToken() {
        return adminToken;
    }

    /** The CA certificate clients trust to verify the server's TLS certificate; null without TLS or a CA file. */
    public Path tlsCaFile() {
        return tlsCaFile;
    }

    /**
     * Reports not ready, stops taking requests, lets those in flight finish for up to {@code grace}
     * (or until {@link #abortInFlight}), cuts short the rest, then closes the store. The metrics
     * port serves until the S3 requests are done, so probes see the server draining. Only the
     * first call does this; later ones wait for it to finish.
     */
    public void shutdown(Duration grace) {
        if (!stopping.compareAndSet(false, true)) {
            stopped.join();
            return;
        }
        readiness.markDraining();
        LOG.info("Stowage stopping: no new connections, up to {} s for requests in flight", grace.toSeconds());
        sweeper.close();
        lifecycle.close();
        admin.close();
        http.shutdown(grace);
        metricsHttp.close();
        metrics.close();
        engine.close();
        LOG.info("Stowage stopped");
        stopped.complete(null);
    }

    /** Ends the shutdown's grace period now: uploads still running are cut short and leave nothing behind. */
    public void abortInFlight() {
        LOG.info("Cutting short the requests in flight");
        http.abortInFlight();
    }

    /** Shuts down with the configured grace period. */
    @Override
    public void close() {
        shutdown(shutdownGrace);
    }
}
