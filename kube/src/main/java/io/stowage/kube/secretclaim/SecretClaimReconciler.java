package io.stowage.kube.secretclaim;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.retry.GenericRetry;
import io.javaoperatorsdk.operator.processing.retry.GradualRetry;
import io.stowage.backend.AccessMode;
import io.stowage.backend.BackendException;
import io.stowage.backend.BucketBackend;
import io.stowage.backend.BucketQuota;
import io.stowage.kube.model.InvalidSpecException;
import io.stowage.kube.model.MissingReferenceException;
import io.stowage.kube.provision.BackendRef;
import io.stowage.kube.provision.BackendResolver;
import io.stowage.kube.provision.ClaimRefusedException;
import io.stowage.kube.provision.FrontEnd;
import io.stowage.kube.provision.KubeEvents;
import io.stowage.kube.provision.ProvisioningMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The annotated-Secret provisioner, compatible with s3-resource-operator: a Secret annotated
 * {@code s3-resource-operator.io/enabled: "true"} or {@code stowage.io/bucket-provisioner: "true"} gets
 * its account with exactly its key, and its bucket owned by that account (see {@link SecretClaim} for the
 * fields, {@link ClaimAccounts} for the account's name, {@link ClaimProvisioner} for what is refused). A Secret
 * annotated {@code stowage.io/access: read-only} gets its account with exactly its key, reading a bucket an annotated
 * read-write Secret of its namespace owns, and no bucket of its own. Either way, a ConfigMap named like the Secret
 * holds the connection data ({@link ConnectionConfigMaps}).
 *
 * <p>Secrets have no status: the fingerprint of what was provisioned goes into the
 * {@link ClaimAnnotations#PROVISIONED} annotation. A Secret that still matches it is checked against the
 * backend on the full sync at start (JOSDK reconciles every cached Secret when it starts) and on the hourly
 * resync, with the same idempotent calls, which recreate an account, key or bucket deleted on the backend by
 * hand without replacing a key that is there, and a ConfigMap deleted by hand; its other reconciles (its own
 * annotation's patch, a label change) cost no backend call (see {@link CheckedClaims}). No finalizer: deleting a
 * Secret deletes nothing on the backend, and a bucket whose name the Secret changes stays where it is, with its owner.
 *
 * <p>Events on the Secret: {@code Provisioned} once per change; a Warning for each failure. A claim the
 * user must fix waits for a change of the Secret (and the hourly resync); a missing backend Secret, a backend
 * refusing the operator, or a read-only Secret's missing bucket is checked again every {@link #RECHECK}; an
 * unreachable backend is retried with backoff, up to every five minutes, without end.
 */
@ControllerConfiguration(name = SecretClaimReconciler.NAME,
        informer = @Informer(genericFilter = ClaimSecretFilter.class, itemStore = ClaimSecretStore.class,
                informerListLimit = SecretClaimReconciler.LIST_PAGE),
        generationAwareEventProcessing = false,
        maxReconciliationInterval = @MaxReconciliationInterval(interval = 1, timeUnit = TimeUnit.HOURS),
        retry = GenericRetry.class)
@GradualRetry(maxAttempts = -1, initialInterval = 2_000, intervalMultiplier = 2, maxInterval = 300_000)
public final class SecretClaimReconciler implements Reconciler<Secret> {

    public static final String NAME = "secret-bucket-provisioner";
    static final Duration RECHECK = Duration.ofMinutes(2);
    /**
     * How old the last check of an unchanged Secret against the backend must be for a reconcile to check it again:
     * under the hourly resync, so that each resync checks.
     */
    static final Duration BACKEND_CHECK = Duration.ofMinutes(30);
    /**
     * Secrets per page of the informer's list (at start and after a watch expires): every Secret of the
     * watched namespaces comes through it, and Helm keeps releases of up to 1 MB in Secrets.
     */
    static final long LIST_PAGE = 50;

    private static final Logger LOG = LoggerFactory.getLogger(SecretClaimReconciler.class);

    private final KubernetesClient client;
    private final BackendResolver backends;
    private final KubeEvents events;
    private final ProvisioningMetrics metrics;
    private final Clock clock;
    private final SecretClaimSettings settings;
    private final ClaimProvisioner provisioner = new ClaimProvisioner();
    private final CheckedClaims checked = new CheckedClaims(BACKEND_CHECK);
    private final ConnectionConfigMaps connections;

    /**
     * @param client reads and annotates the claim Secrets and writes their ConfigMaps (the backend Secrets are read
     *     through {@code backends})
     */
    public SecretClaimReconciler(KubernetesClient client, BackendResolver backends, KubeEvents events,
            ProvisioningMetrics metrics, Clock clock, SecretClaimSettings settings) {
        this.client = client;
        this.backends = backends;
        this.events = events;
        this.metrics = metrics;
        this.clock = clock;
        this.settings = settings;
        this.connections = new ConnectionConfigMaps(client);
    }

    @Override
    public UpdateControl<Secret> reconcile(Secret secret, Context<Secret> context) {
        String namespace = secret.getMetadata().getNamespace();
        String name = secret.getMetadata().getName();
        MDC.put("kind", "Secret");
        MDC.put("ns", namespace);
        MDC.put("name", name);
        try {
            SecretClaim claim = SecretClaim.read(BackendResolver.data(secret));
            AccessMode access = ClaimAnnotations.access(secret);
            BackendRef backendRef = backendRef(secret);
            String account = ClaimAccounts.of(namespace, name);
            BucketQuota quota = ClaimAnnotations.quota(secret);
            if (access == AccessMode.READ_ONLY && ClaimAnnotations.asksForQuota(secret)) {
                throw new ClaimRefusedException("InvalidQuota", "a read-only Secret has no quota: the quota of bucket "
                        + claim.bucket() + " belongs on the annotated Secret that owns it; nothing was created");
            }
            String fingerprint = ClaimFingerprint.of(account, backendRef, claim, quota, access);
            boolean unchanged = fingerprint.equals(ClaimAnnotations.get(secret, ClaimAnnotations.PROVISIONED));
            String uid = secret.getMetadata().getUid();
            if (unchanged && !checked.due(uid, clock.instant())) {
                return UpdateControl.noUpdate();
            }
            BucketBackend backend = backends.backend(backendRef);
            checkEndpoint(claim, backend);
            String backendName = "backend Secret " + backendRef;
            if (access == AccessMode.READ_ONLY) {
                provisioner.provisionReadOnly(backend, backendName, account, claim, sharingAccounts(namespace, context),
                        unchanged);
            } else {
                provisioner.provision(backend, backendName, account, claim, quota, unchanged);
            }
            writeConnection(secret, claim, backend);
            checked.checked(uid, clock.instant());
            if (!unchanged) {
                String before = markProvisioned(secret, fingerprint);
                if (!fingerprint.equals(before)) {
                    reportProvisioned(secret, claim, account, access, before == null);
                }
            }
            return UpdateControl.noUpdate();
        } catch (ClaimRefusedException e) {
            fail(secret, e.reason(), e.getMessage());
            // a read-only Secret may come before the Secret that makes its bucket
            return e.reason().equals(ClaimProvisioner.BUCKET_MISSING)
                    ? UpdateControl.<Secret>noUpdate().rescheduleAfter(RECHECK) : UpdateControl.noUpdate();
        } catch (MissingReferenceException e) {
            fail(secret, "BackendMissing", e.getMessage());
            return UpdateControl.<Secret>noUpdate().rescheduleAfter(RECHECK);
        } catch (BackendException e) {
            if (e.retryable()) {
                fail(secret, "BackendUnavailable", e.getMessage() + "; retrying");
                throw e;
            }
            fail(secret, e.reason() == BackendException.Reason.UNAUTHORIZED ? "BackendUnauthorized" : "BackendRefused",
                    e.getMessage());
            return UpdateControl.<Secret>noUpdate().rescheduleAfter(RECHECK);
        } finally {
            MDC.remove("kind");
            MDC.remove("ns");
            MDC.remove("name");
        }
    }

    private BackendRef backendRef(Secret secret) throws ClaimRefusedException {
        String annotated = ClaimAnnotations.get(secret, ClaimAnnotations.BACKEND_SECRET);
        if (annotated != null) {
            BackendRef ref;
            try {
                ref = BackendRef.parse(annotated, secret.getMetadata().getNamespace(),
                        "annotation " + ClaimAnnotations.BACKEND_SECRET);
            } catch (InvalidSpecException e) {
                throw new ClaimRefusedException("InvalidBackendSecret", e.getMessage());
            }
            // Anyone who may write a Secret here may annotate it: a backend of another namespace, with its
            // admin token, is not theirs to use, unless it is the one the operator serves everybody.
            if (!ref.namespace().equals(secret.getMetadata().getNamespace())
                    && !settings.defaultBackend().map(ref::equals).orElse(false)) {
                throw new ClaimRefusedException("BackendNotAllowed", "backend Secret " + ref + " is in another namespace:"
                        + " a Secret may name a backend Secret of its own namespace, or the operator's default backend");
            }
            return ref;
        }
        return settings.defaultBackend().orElseThrow(() -> new ClaimRefusedException("NoBackend",
                "no backend: annotate the Secret " + ClaimAnnotations.BACKEND_SECRET
                        + " (a backend Secret), or give the operator a default backend"));
    }

    /** The accounts of the namespace's annotated read-write Secrets, read from the informer's cache. */
    private static Set<String> sharingAccounts(String namespace, Context<Secret> context) {
        return context.getPrimaryCache().list(namespace)
                .filter(s -> ClaimAnnotations.enabled(s) && ClaimAnnotations.readWrite(s))
                .map(s -> ClaimAccounts.of(namespace, s.getMetadata().getName()))
                .collect(Collectors.toSet());
    }

    private static void checkEndpoint(SecretClaim claim, BucketBackend backend) throws ClaimRefusedException {
        if (claim.endpointUrl().isEmpty()) {
            return;
        }
        var backendUrl = backend.endpoint().url();
        if (!EndpointUrls.same(claim.endpointUrl().get(), backendUrl)) {
            throw new ClaimRefusedException("EndpointMismatch", "endpoint-url " + claim.endpointUrl().get()
                    + " is not this backend's S3 endpoint " + backendUrl + ": nothing was created");
        }
    }

    /**
     * A JSON patch of one annotation: the mock and real servers both do it, and it touches nothing else. Returns the
     * server's value before the patch, which an informer still missing an earlier reconcile's patch cannot tell.
     */
    private String markProvisioned(Secret secret, String fingerprint) {
        String[] before = new String[1];
        client.secrets().inNamespace(secret.getMetadata().getNamespace()).withName(secret.getMetadata().getName())
                .edit(s -> {
                    before[0] = ClaimAnnotations.get(s, ClaimAnnotations.PROVISIONED);
                    var annotations = new HashMap<>(s.getMetadata().getAnnotations() == null ? Map.of()
                            : s.getMetadata().getAnnotations());
                    annotations.put(ClaimAnnotations.PROVISIONED, fingerprint);
                    s.getMetadata().setAnnotations(annotations);
                    return s;
                });
        return before[0];
    }

    /** The Secret's ConfigMap; one that is not the Secret's own is reported, and does not fail the provisioning. */
    private void writeConnection(Secret secret, SecretClaim claim, BucketBackend backend) {
        if (!connections.write(secret, claim.bucket(), backend.endpoint())) {
            String message = "ConfigMap " + secret.getMetadata().getName() + " exists and is not this Secret's: "
                    + "it was left as it is, without the connection data of bucket " + claim.bucket();
            LOG.warn("Secret {}/{}: {}", secret.getMetadata().getNamespace(), secret.getMetadata().getName(), message);
            events.warning(secret, "ConnectionConfigMapTaken", message);
        }
    }

    private void reportProvisioned(Secret secret, SecretClaim claim, String account, AccessMode access, boolean first) {
        String message = access == AccessMode.READ_ONLY
                ? "read-only access to bucket " + claim.bucket() + " for account " + account + ", with access key "
                        + claim.key().id()
                : "bucket " + claim.bucket() + " owned by account " + account + ", with access key " + claim.key().id();
        message += "; connection data in ConfigMap " + secret.getMetadata().getName();
        if (!claim.ignoredFields().isEmpty()) {
            message += "; ignored " + String.join(", ", claim.ignoredFields())
                    + " (Stowage keeps no POSIX owner for a bucket)";
            LOG.debug("Ignored {} of Secret {}/{}", claim.ignoredFields(), secret.getMetadata().getNamespace(),
                    secret.getMetadata().getName());
        }
        LOG.info("Provisioned Secret {}/{}: {}", secret.getMetadata().getNamespace(), secret.getMetadata().getName(), message);
        events.normal(secret, "Provisioned", message);
        if (first) {
            Instant created = Instant.parse(secret.getMetadata().getCreationTimestamp());
            metrics.provisioned(FrontEnd.SECRET, Duration.between(created, clock.instant()));
        }
    }

    private void fail(Secret secret, String reason, String message) {
        LOG.warn("Secret {}/{} not provisioned ({}): {}", secret.getMetadata().getNamespace(),
                secret.getMetadata().getName(), reason, message);
        events.warning(secret, reason, message);
        metrics.failed(FrontEnd.SECRET, reason);
    }
}
