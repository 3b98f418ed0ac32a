package io.stowage.kube.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.RuntimeInfo;
import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.stowage.kube.cosi.CosiBackends;
import io.stowage.kube.cosi.CosiProvisioner;
import io.stowage.kube.cosi.ResolvedCosiBackends;
import io.stowage.kube.cosi.operator.BucketAccessReconciler;
import io.stowage.kube.cosi.operator.BucketClaimReconciler;
import io.stowage.kube.cosi.operator.BucketReconciler;
import io.stowage.kube.gitops.GitopsSettings;
import io.stowage.kube.gitops.S3BucketReconciler;
import io.stowage.kube.gitops.S3UserReconciler;
import io.stowage.kube.obc.ObcReconciler;
import io.stowage.kube.populator.PopulatorReconciler;
import io.stowage.kube.provision.BackendRef;
import io.stowage.kube.provision.BackendResolver;
import io.stowage.kube.provision.FrontEnd;
import io.stowage.kube.provision.KubeEvents;
import io.stowage.kube.provision.ObjectStores;
import io.stowage.kube.provision.ProvisioningMetrics;
import io.stowage.kube.secretclaim.SecretClaimReconciler;
import io.stowage.kube.secretclaim.SecretClaimSettings;
import io.stowage.probes.Readiness;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Java Operator SDK runtime with the ObjectStore controller and the bucket provisioners the
 * configuration turns on, configured for plain create, update and
 * JSON patch: no server-side apply, which fabric8's mock server lacks (finalizers are not needed either:
 * owner references clean up).
 */
public final class OperatorRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OperatorRunner.class);
    private static final Duration POPULATOR_POLL = Duration.ofSeconds(5);

    private final Operator operator;
    private final KubernetesClient client;
    private final OperatorConfig config;
    private final BackendResolver backends;
    private final String identity = leaderIdentity();
    private volatile boolean closing;

    /**
     * Registers the controllers; nothing runs until {@link #start}.
     *
     * @param client the client to use; the runner does not close it
     * @param metrics where JOSDK reports reconciliations, e.g. {@link Metrics#NOOP}
     * @param provisioningMetrics where the bucket provisioners report
     * @param onLostLeadership run when another replica took the lead while this one ran; a process exits
     *     here, so that it restarts as a candidate with empty caches
     */
    public OperatorRunner(KubernetesClient client, OperatorConfig config, Clock clock, Metrics metrics,
            ProvisioningMetrics provisioningMetrics, Runnable onLostLeadership) {
        this(client, config, clock, metrics, provisioningMetrics, onLostLeadership, AdminEndpoints.ON_POD_HOSTS);
    }

    /** @param adminEndpoints where the operator reaches the servers' admin API (tests point it at fakes) */
    OperatorRunner(KubernetesClient client, OperatorConfig config, Clock clock, Metrics metrics,
            ProvisioningMetrics provisioningMetrics, Runnable onLostLeadership, AdminEndpoints adminEndpoints) {
        this.client = client;
        this.config = config;
        this.backends = new BackendResolver(client);
        this.operator = new Operator(o -> {
            o.withKubernetesClient(client)
                    .withCloseClientOnStop(false)
                    .withUseSSAToPatchPrimaryResource(false)
                    .withMetrics(metrics);
            if (config.leaderElection()) {
                o.withLeaderElectionConfiguration(LeaderElectionConfigurationBuilder
                        .aLeaderElectionConfiguration(config.leaseName())
                        .withLeaseNamespace(config.leaseNamespace())
                        .withIdentity(identity)
                        .withExitOnStopLeading(false)
                        .withLeaderCallbacks(new LeaderCallbacks(() -> LOG.info("Leading: reconciling"),
                                () -> lostLeadership(onLostLeadership), leader -> { }))
                        .build());
            }
        });
        KubeEvents events = new KubeEvents(client, clock);
        operator.register(new ObjectStoreReconciler(client, clock, config.defaultImage(), adminEndpoints, events),
                this::watchNamespaces);
        registerProvisioners(events, provisioningMetrics, clock);
    }

    private void registerProvisioners(KubeEvents events, ProvisioningMetrics metrics, Clock clock) {
        ProvisioningConfig provisioning = config.provisioning();
        if (provisioning.runs(FrontEnd.OBC)) {
            operator.register(new ObcReconciler(client, backends, metrics, clock, provisioning.rotationGrace()), this::watchNamespaces);
        }
        if (provisioning.runs(FrontEnd.COSI)) {
            Optional<BackendRef> defaultBackend = Optional.ofNullable(provisioning.defaultBackend());
            ResolvedCosiBackends resolved = new ResolvedCosiBackends(backends, null);
            CosiBackends cosiBackends = ref -> resolved.backend(ref.or(() -> defaultBackend));
            CosiProvisioner cosi = new CosiProvisioner(provisioning.cosiDriverName(), cosiBackends,
                    client.getNamespace() == null ? "default" : client.getNamespace());
            // Buckets are cluster-scoped: their controller sees them all, whatever namespaces are watched, but
            // serves only those whose claims lie in the watched ones.
            operator.register(new BucketReconciler(client, cosi, events, metrics, config.namespaces()),
                    c -> c.watchingAllNamespaces());
            operator.register(new BucketAccessReconciler(client, cosi, events, metrics, clock,
                    provisioning.rotationGrace()), this::watchNamespaces);
            if (provisioning.cosiController()) {
                operator.register(new BucketClaimReconciler(client, events, metrics), this::watchNamespaces);
            }
        }
        if (provisioning.runs(FrontEnd.POPULATOR)) {
            // The temporaries (prime claims, pods, copied Secrets) live in the operator's own namespace.
            operator.register(new PopulatorReconciler(client, events, client.getNamespace() == null ? "default"
                    : client.getNamespace(), config.defaultImage(), provisioning.populatorPullSecrets(), POPULATOR_POLL),
                    this::watchNamespaces);
        }
        if (provisioning.runs(FrontEnd.GITOPS)) {
            GitopsSettings gitops = new GitopsSettings(Optional.ofNullable(provisioning.defaultBackend()),
                    GitopsSettings.DEFAULT_RESYNC, provisioning.rotationGrace());
            ObjectStores stores = new ObjectStores(client, config.defaultImage());
            operator.register(new S3BucketReconciler(client, backends, stores, events, clock, gitops), this::watchNamespaces);
            operator.register(new S3UserReconciler(client, backends, stores, events, clock, gitops), this::watchNamespaces);
        }
        if (provisioning.runs(FrontEnd.SECRET)) {
            operator.register(new SecretClaimReconciler(client, backends, events, metrics, clock,
                    new SecretClaimSettings(Optional.ofNullable(provisioning.defaultBackend()))), this::watchNamespaces);
        }
    }

    private void watchNamespaces(ControllerConfigurationOverrider<?> controller) {
        if (config.namespaces().isEmpty()) {
            controller.watchingAllNamespaces();
        } else {
            controller.settingNamespaces(config.namespaces());
        }
    }

    /** Starts the controllers (with leader election: they reconcile once this replica leads). */
    public void start() {
        operator.start();
        LOG.info("Operator started: namespaces {}, leader election {}",
                config.namespaces().isEmpty() ? "all" : config.namespaces(), config.leaderElection() ? "on" : "off");
    }

    /**
     * Ready once started with every event source (informer) healthy. A standby replica without the lead is
     * ready too: its informers run and fill its caches, and readiness gates no traffic to an operator.
     */
    public Readiness.State readiness() {
        if (closing) {
            return Readiness.State.DRAINING;
        }
        RuntimeInfo runtime = operator.getRuntimeInfo();
        return runtime.isStarted() && runtime.allEventSourcesAreHealthy() ? Readiness.State.READY
                : Readiness.State.STARTING;
    }

    /** The pod's name (its host name), made unique: a restarted pod must not pass for its former self. */
    private static String leaderIdentity() {
        String host = System.getenv("HOSTNAME");
        String unique = UUID.randomUUID().toString().substring(0, 8);
        return host == null || host.isBlank() ? unique : host + "-" + unique;
    }

    private void lostLeadership(Runnable onLostLeadership) {
        if (!closing) {
            LOG.error("Lost the leadership to another replica");
            onLostLeadership.run();
        }
    }

    /** Reports draining, then stops the controllers (reconciles in progress finish) and gives up the Lease. */
    @Override
    public void close() {
        closing = true;
        operator.stop();
        backends.close();
        if (config.leaderElection()) {
            LeaseRelease.release(client, config.leaseNamespace(), config.leaseName(), identity);
        }
    }
}
