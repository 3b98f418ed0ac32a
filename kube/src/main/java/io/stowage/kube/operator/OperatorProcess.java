package io.stowage.kube.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.stowage.kube.provision.ProvisioningMetrics;
import io.stowage.probes.ProbeHttpServer;
import java.io.IOException;
import io.stowage.kube.pvci.PvciApi;
import io.stowage.kube.pvci.PvciHttpServer;
import io.stowage.kube.pvci.PvciSettings;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator as a process: a client from the pod's service account or the kubeconfig, the metrics and
 * health port, and the runner. `stowage operator` starts it and closes it on SIGTERM.
 */
public final class OperatorProcess implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OperatorProcess.class);

    private final KubernetesClient client;
    private final OperatorMetrics metrics;
    private final ProbeHttpServer probes;
    private final OperatorRunner runner;
    private final PvciHttpServer pvci;
    private final AtomicBoolean closed = new AtomicBoolean();

    private OperatorProcess(KubernetesClient client, OperatorMetrics metrics, ProbeHttpServer probes,
            OperatorRunner runner, PvciHttpServer pvci) {
        this.client = client;
        this.pvci = pvci;
        this.metrics = metrics;
        this.probes = probes;
        this.runner = runner;
    }

    /**
     * Serves /metrics and the health endpoints on {@code metricsAddress}, then starts the controllers.
     *
     * @throws IOException when the metrics address cannot be bound
     */
    public static OperatorProcess start(OperatorConfig config, InetSocketAddress metricsAddress) throws IOException {
        return start(config, metricsAddress, Optional.empty());
    }

    /**
     * As {@link #start(OperatorConfig, InetSocketAddress)}, and serves the PVCi-compatible API when given.
     *
     * @throws IOException when the metrics or the PVCi address cannot be bound
     */
    public static OperatorProcess start(OperatorConfig config, InetSocketAddress metricsAddress,
            Optional<PvciSettings> pvciSettings) throws IOException {
        KubernetesClient client = new KubernetesClientBuilder().build();
        OperatorMetrics metrics = new OperatorMetrics();
        ProbeHttpServer probes = null;
        OperatorRunner runner = null;
        PvciHttpServer pvci = null;
        try {
            probes = ProbeHttpServer.bind(metricsAddress);
            runner = new OperatorRunner(client, config, Clock.systemUTC(), metrics.reconciliation(),
                    new ProvisioningMetrics(metrics.registry()),
                    OperatorProcess::exit);
            // Up before the controllers, which can take a while to sync: liveness holds meanwhile.
            probes.start(metrics::scrape, runner::readiness);
            LOG.info("Operator metrics on http://{}:{}/metrics", probes.localAddress().getHostString(),
                    probes.localAddress().getPort());
            runner.start();
            if (pvciSettings.isPresent()) {
                PvciSettings settings = pvciSettings.get();
                pvci = PvciHttpServer.start(settings.address(), new PvciApi(client, settings.token(),
                        settings.overagePercent()));
                LOG.info("PVCi-compatible API on http://{}:{}", pvci.localAddress().getHostString(),
                        pvci.localAddress().getPort());
            }
            return new OperatorProcess(client, metrics, probes, runner, pvci);
        } catch (IOException | RuntimeException e) {
            if (runner != null) {
                runner.close();
            }
            if (probes != null) {
                probes.close();
            }
            metrics.close();
            client.close();
            throw e;
        }
    }

    /** Another replica leads now: this one exits, and Kubernetes restarts it as a candidate. */
    private static void exit() {
        System.exit(1);
    }

    public InetSocketAddress metricsAddress() {
        return probes.localAddress();
    }

    /**
     * Readiness turns to draining, the controllers stop and release the Lease, then the metrics port and the
     * client close. Only the first call does anything.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LOG.info("Stopping the operator");
        if (pvci != null) {
            pvci.close();
        }
        runner.close();
        probes.close();
        metrics.close();
        client.close();
        LOG.info("Operator stopped");
    }
}
