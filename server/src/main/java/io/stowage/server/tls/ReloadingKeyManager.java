package io.stowage.server.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the server identity read from PEM files, and picks up new files without a restart: at
 * most once per check interval, when a handshake asks for the key, it looks whether the files
 * changed (cheaply: real path, modification time and size) and if so reads and checks them. Files
 * that cannot be used (half written, key and certificate not matching) are refused with one
 * warning, and the previous identity stays in service. Connections already open never notice:
 * the key manager is only asked during handshakes. Cluster nodes also present it as their client
 * certificate to their peers.
 */
final class ReloadingKeyManager extends X509ExtendedKeyManager {

    private static final Logger LOG = LoggerFactory.getLogger(ReloadingKeyManager.class);

    /** Modification times this close to the read may hide a second write within the file system's time granularity. */
    private static final long RACY_MILLIS = 2_000;

    /** An identity under the alias handshakes ask for it by. */
    private record Served(String alias, ServerIdentity identity) {
    }

    private final PemFiles files;
    private final long checkIntervalNanos;
    private final AtomicLong nextCheck;
    private final ReentrantLock checking = new ReentrantLock();
    private volatile Served current;
    /** The identity replaced last: a handshake that chose its alias just before the swap still finds it. */
    private volatile Served previous;
    // guarded by checking, after construction
    private int generation;
    private List<PemFiles.Stamp> seenStamps;
    private boolean seenSettled;
    private byte[] servedDigest;
    private String lastWarning;

    private ReloadingKeyManager(PemFiles files, Duration checkInterval, PemFiles.Contents contents, ServerIdentity identity,
            List<PemFiles.Stamp> stamps, boolean settled) {
        this.files = files;
        this.checkIntervalNanos = checkInterval.toNanos();
        this.nextCheck = new AtomicLong(System.nanoTime() + checkIntervalNanos);
        this.current = new Served(nextAlias(), identity);
        this.seenStamps = stamps;
        this.seenSettled = settled;
        this.servedDigest = contents.digest();
    }

    /** Reads the files now; unlike a later reload, a problem here is an error. */
    static ReloadingKeyManager load(PemFiles files, Duration checkInterval) throws TlsFileException {
        List<PemFiles.Stamp> stamps = files.stamps();
        boolean settled = settled(stamps);
        PemFiles.Contents contents = files.read();
        ServerIdentity identity = ServerIdentity.parse(contents);
        LOG.info("TLS certificate from {}: {}", files.certFile(), ServerIdentity.describe(identity.leaf()));
        return new ReloadingKeyManager(files, checkInterval, contents, identity, stamps, settled);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return serverAlias(keyType);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return serverAlias(keyType);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        Served served = current;
        return fits(served, keyType) ? new String[] {served.alias()} : null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        Served served = byAlias(alias);
        return served == null ? null : served.identity().chain().toArray(X509Certificate[]::new);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        Served served = byAlias(alias);
        return served == null ? null : served.identity().key();
    }

    /** Cluster nodes present the same identity to their peers as clients (mutual TLS). */
    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return getServerAliases(keyType, issuers);
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        return clientAlias(keyTypes);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        return clientAlias(keyTypes);
    }

    private String clientAlias(String[] keyTypes) {
        for (String keyType : keyTypes) {
            String alias = serverAlias(keyType);
            if (alias != null) {
                return alias;
            }
        }
        return null;
    }

    private String serverAlias(String keyType) {
        reloadIfDue();
        Served served = current;
        return fits(served, keyType) ? served.alias() : null;
    }

    /** Whether the key suits the handshake's key type: RSA, EC, EdDSA, RSASSA-PSS (JSSE may ask for several in turn). */
    private static boolean fits(Served served, String keyType) {
        return served.identity().key().getAlgorithm().equals(keyType);
    }

    private Served byAlias(String alias) {
        Served served = current;
        if (served.alias().equals(alias)) {
            return served;
        }
        Served replaced = previous;
        return replaced != null && replaced.alias().equals(alias) ? replaced : null;
    }

    private void reloadIfDue() {
        long now = System.nanoTime();
        long due = nextCheck.get();
        if (now - due < 0 || !nextCheck.compareAndSet(due, now + checkIntervalNanos) || !checking.tryLock()) {
            return;
        }
        try {
            reloadIfChanged();
        } finally {
            checking.unlock();
        }
    }

    /** Reads the files again when they may have changed since last read. */
    private void reloadIfChanged() {
        List<PemFiles.Stamp> stamps = files.stamps();
        if (stamps.equals(seenStamps) && seenSettled) {
            return;
        }
        seenStamps = stamps;
        seenSettled = settled(stamps);
        byte[] digest;
        ServerIdentity identity;
        try {
            PemFiles.Contents contents = files.read();
            digest = contents.digest();
            if (Arrays.equals(digest, servedDigest)) {
                lastWarning = null;
                return;
            }
            identity = ServerIdentity.parse(contents);
        } catch (TlsFileException e) {
            if (!e.getMessage().equals(lastWarning)) {
                lastWarning = e.getMessage();
                LOG.warn("TLS files changed but cannot be used, still serving the previous certificate: {}", e.getMessage());
            }
            return;
        }
        lastWarning = null;
        servedDigest = digest;
        previous = current;
        current = new Served(nextAlias(), identity);
        LOG.info("TLS certificate reloaded from {}: {}", files.certFile(), ServerIdentity.describe(identity.leaf()));
    }

    private static boolean settled(List<PemFiles.Stamp> stamps) {
        long racyFrom = System.currentTimeMillis() - RACY_MILLIS;
        return stamps.stream().allMatch(s -> s.modifiedMillis() >= 0 && s.modifiedMillis() < racyFrom);
    }

    private String nextAlias() {
        return "stowage-" + ++generation;
    }
}
