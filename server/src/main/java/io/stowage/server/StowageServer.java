package io.stowage.server;

import io.stowage.engine.Engine;
import io.stowage.engine.store.RocksEngine;
import io.stowage.s3.S3Service;
import io.stowage.s3.access.KeyDirectory;
import io.stowage.s3.http.S3HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running single-node server: the engine and the S3 listener over it. */
public final class StowageServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StowageServer.class);

    /** How often the sweeper looks for expired multipart uploads. */
    private static final Duration SWEEP_INTERVAL = Duration.ofHours(1);

    private final Engine engine;
    private final S3HttpServer http;
    private final RootCredentials root;
    private final UploadSweeper sweeper;

    private StowageServer(Engine engine, S3HttpServer http, RootCredentials root, UploadSweeper sweeper) {
        this.engine = engine;
        this.http = http;
        this.root = root;
        this.sweeper = sweeper;
    }

    public static StowageServer start(ServerConfig config) throws IOException, InterruptedException {
        Files.createDirectories(config.dataDir());
        RootCredentials root = RootCredentials.loadOrCreate(config.dataDir(), config.rootAccessKey(), config.rootSecretKey());
        Engine engine = RocksEngine.open(config.engine());
        try {
            S3Service service = new S3Service(engine, config.s3(),
                    new KeyDirectory(engine, root.accessKey(), root.secretKey()), Clock.systemUTC());
            S3HttpServer http = S3HttpServer.start(config.address(), service);
            LOG.info("Stowage serving {} from {} (region {})", http.localAddress(), config.dataDir().toAbsolutePath(), config.s3().region());
            UploadSweeper sweeper = new UploadSweeper(engine, config.multipartExpiry(), Clock.systemUTC());
            sweeper.start(SWEEP_INTERVAL);
            return new StowageServer(engine, http, root, sweeper);
        } catch (RuntimeException | InterruptedException e) {
            engine.close();
            throw e;
        }
    }

    public InetSocketAddress address() {
        return http.localAddress();
    }

    public RootCredentials rootCredentials() {
        return root;
    }

    /** Stops taking requests, lets those in flight finish, then closes the store. */
    @Override
    public void close() {
        sweeper.close();
        http.close();
        engine.close();
        LOG.info("Stowage stopped");
    }
}
