package io.stowage.kube.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Java Operator SDK runtime with the ObjectStore controller, configured for plain create, update and
 * JSON patch: no server-side apply, which fabric8's mock server lacks (finalizers are not needed either:
 * owner references clean up).
 */
public final class OperatorRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OperatorRunner.class);

    private final Operator operator;
    private volatile boolean closing;

    private OperatorRunner(KubernetesClient client, OperatorConfig config, Clock clock, Runnable onLostLeadership) {
        this.operator = new Operator(o -> {
            o.withKubernetesClient(client)
                    .withCloseClientOnStop(false)
                    .withUseSSAToPatchPrimaryResource(false);
            if (config.leaderElection()) {
                o.withLeaderElectionConfiguration(LeaderElectionConfigurationBuilder
                        .aLeaderElectionConfiguration(config.leaseName())
                        .withLeaseNamespace(config.leaseNamespace())
                        .withExitOnStopLeading(false)
                        .withLeaderCallbacks(new LeaderCallbacks(() -> LOG.info("Leading: reconciling"),
                                () -> lostLeadership(onLostLeadership), leader -> { }))
                        .build());
            }
        });
        operator.register(new ObjectStoreReconciler(client, clock, config.defaultImage()), c -> {
            if (config.namespaces().isEmpty()) {
                c.watchingAllNamespaces();
            } else {
                c.settingNamespaces(config.namespaces());
            }
        });
    }

    /**
     * Starts the controllers (with leader election: once this replica leads).
     *
     * @param client the client to use; the runner does not close it
     * @param onLostLeadership run when another replica took the lead while this one ran; a process exits
     *     here, so that it restarts as a candidate with empty caches
     */
    public static OperatorRunner start(KubernetesClient client, OperatorConfig config, Clock clock,
            Runnable onLostLeadership) {
        OperatorRunner runner = new OperatorRunner(client, config, clock, onLostLeadership);
        runner.operator.start();
        LOG.info("Operator started: namespaces {}, leader election {}",
                config.namespaces().isEmpty() ? "all" : config.namespaces(), config.leaderElection() ? "on" : "off");
        return runner;
    }

    private void lostLeadership(Runnable onLostLeadership) {
        if (!closing) {
            LOG.error("Lost the leadership to another replica");
            onLostLeadership.run();
        }
    }

    /** Stops the controllers; reconciles in progress finish first. */
    @Override
    public void close() {
        closing = true;
        operator.stop();
    }
}
