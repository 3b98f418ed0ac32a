package io.stowage.kube.populator;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.retry.GenericRetry;
import io.javaoperatorsdk.operator.processing.retry.GradualRetry;
import io.stowage.kube.model.SecretData;
import io.stowage.kube.provision.ClaimRefusedException;
import io.stowage.kube.provision.KubeEvents;
import io.stowage.kube.provision.ObjectStoreAccess;
import io.stowage.kube.provision.ObjectStores;
import io.stowage.populate.SizeReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The volume populator for claims whose dataSourceRef names a BucketSource, step for step as lib-volume-populator's
 * populator-machinery does it (see {@link PopulatorModel} for the objects): wait for the source (and, with
 * WaitForFirstConsumer, for the scheduler's node); check that the data fits; create the copied credentials, the
 * prime claim and the pod in the operator's namespace; when the pod succeeded, point the prime claim's volume at the
 * user's claim and delete the temporaries. Every step reads what exists first, so a reconcile repeated or resumed
 * after a restart does each step once.
 *
 * <p>While temporaries exist the user's claim carries the finalizer {@link #FINALIZER}, so that deleting the claim
 * mid-population removes them before the claim goes (the reconciler sees every event, deletions included, and
 * manages the finalizer itself: a JOSDK-managed one would stay on every populated claim for good). A BucketSource of
 * another namespace is used only when a ReferenceGrant there allows it ({@link ReferenceGrants}).
 *
 * <p>The pod is polled every {@code poll} rather than watched. A failed pod is reported with its termination message
 * and replaced after a backoff that doubles with each failure (at most {@link #MAX_BACKOFF}). Events on the user's
 * claim: PopulatorCreated, PopulatorFailed, PopulatorFinished, SourceTooLarge, and Warnings for a missing or
 * invalid source.
 */
@ControllerConfiguration(name = PopulatorReconciler.NAME,
        informer = @Informer(genericFilter = BucketSourceClaimFilter.class),
        generationAwareEventProcessing = false,
        triggerReconcilerOnAllEvents = true,
        retry = GenericRetry.class)
@GradualRetry(maxAttempts = -1, initialInterval = 2_000, intervalMultiplier = 2, maxInterval = 300_000)
public final class PopulatorReconciler implements Reconciler<PersistentVolumeClaim> {

    public static final String NAME = "volume-populator";
    /** On the user's claim while temporaries exist: lib-volume-populator's populate-target-protection. */
    public static final String FINALIZER = "populator.stowage.io/populate-target-protection";
    static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    private static final Duration RECHECK = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(PopulatorReconciler.class);

    private final KubernetesClient client;
    private final KubeEvents events;
    private final String workingNamespace;
    private final String image;
    private final ObjectStores objectStores;
    private final List<String> pullSecrets;
    private final Duration poll;

    /**
     * @param workingNamespace the operator's namespace, where the temporaries live
     * @param image the populator pod's image: the operator's own, which has {@code stowage populate}
     * @param pullSecrets Secrets of the working namespace the pod pulls that image with
     * @param poll how often a running pod and an unbound prime claim are looked at
     */
    public PopulatorReconciler(KubernetesClient client, KubeEvents events, String workingNamespace, String image,
            List<String> pullSecrets, Duration poll) {
        this.client = client;
        this.events = events;
        this.workingNamespace = workingNamespace;
        this.image = image;
        this.objectStores = new ObjectStores(client, image);
        this.pullSecrets = List.copyOf(pullSecrets);
        this.poll = poll;
    }

    @Override
    public UpdateControl<PersistentVolumeClaim> reconcile(PersistentVolumeClaim claim, Context<PersistentVolumeClaim> context)
            throws Exception {
        PopulatorNames names = PopulatorNames.of(claim, workingNamespace);
        if (context.isPrimaryResourceDeleted()) {
            cleanUp(names); // nothing is left, unless someone removed our finalizer by hand
            return UpdateControl.noUpdate();
        }
        if (claim.getMetadata().getDeletionTimestamp() != null || bound(claim)) {
            if (protectedClaim(claim)) {
                cleanUp(names);
                release(claim, Map.of());
            }
            return UpdateControl.noUpdate();
        }
        if (PopulatorModel.annotation(claim, PopulatorAnnotations.POPULATED_FROM) != null) {
            return UpdateControl.noUpdate(); // rebound: the PV controller binds the claim next
        }
        try {
            PersistentVolumeClaim prime = client.persistentVolumeClaims().inNamespace(workingNamespace)
                    .withName(names.temporaries()).get();
            if (prime == null) {
                return start(claim, names);
            }
            Pod pod = client.pods().inNamespace(workingNamespace).withName(names.temporaries()).get();
            if (pod == null) {
                createPod(claim, names);
                return poll();
            }
            return switch (String.valueOf(pod.getStatus() == null ? null : pod.getStatus().getPhase())) {
                case "Succeeded" -> rebind(claim, prime, names, Optional.empty());
                // Every key copied but those the worker would not write (they would land outside the volume): done,
                // with a warning that names them, rather than a retry that can never do better.
                case "Failed" -> PodFailure.onlyKeysRefused(pod) ? rebind(claim, prime, names, Optional.of(pod))
                        : retry(claim, prime, pod);
                case "Running" -> {
                    reportProgress(claim, pod);
                    yield poll();
                }
                default -> {
                    reportStuck(claim, prime, pod);
                    yield poll();
                }
            };
        } catch (ClaimRefusedException e) {
            LOG.warn("Claim {}/{} not populated ({}): {}", claim.getMetadata().getNamespace(), claim.getMetadata().getName(),
                    e.reason(), e.getMessage());
            events.warning(claim, e.reason(), e.getMessage());
            return UpdateControl.<PersistentVolumeClaim>noUpdate().rescheduleAfter(RECHECK);
        }
    }

    /** Steps 1 and 2: the source, the size check, then the temporaries. */
    private UpdateControl<PersistentVolumeClaim> start(PersistentVolumeClaim cached, PopulatorNames names) throws Exception {
        // The informer may not have seen the annotation of a rebind yet; the server has.
        PersistentVolumeClaim claim = client.persistentVolumeClaims().inNamespace(cached.getMetadata().getNamespace())
                .withName(cached.getMetadata().getName()).get();
        if (claim == null || claim.getMetadata().getDeletionTimestamp() != null || bound(claim)
                || PopulatorModel.annotation(claim, PopulatorAnnotations.POPULATED_FROM) != null) {
            return UpdateControl.noUpdate();
        }
        if ("Block".equals(claim.getSpec().getVolumeMode())) {
            throw new ClaimRefusedException("BlockVolumeUnsupported", "a BucketSource fills a file system: a claim with"
                    + " volumeMode Block cannot be populated from it");
        }
        if (waitsForNode(claim)) {
            return UpdateControl.noUpdate(); // the scheduler's annotation is a change of the claim: it comes back
        }
        Source source = source(claim);
        ResolvedSource resolved = source.resolved();
        Secret credentials = source.credentials();
        SizeReport size;
        try {
            size = SourceSizer.size(resolved, credentials);
        } catch (ClaimRefusedException | InterruptedException e) {
            throw e;
        } catch (Exception e) {
            events.warning(claim, "SourceUnavailable", "listing " + resolved.endpoint() + " bucket " + resolved.bucket()
                    + " failed: " + e.getMessage() + "; retrying");
            throw e;
        }
        Optional<String> refusal = SizeCheck.refusal(claim, size);
        if (refusal.isPresent()) {
            if (!refusal.get().equals(PopulatorModel.annotation(claim, PopulatorAnnotations.SIZE_REFUSED))) {
                events.warning(claim, "SourceTooLarge", refusal.get());
                annotate(claim, PopulatorAnnotations.SIZE_REFUSED, refusal.get());
            }
            return UpdateControl.noUpdate(); // an unbound claim cannot grow: the user makes a new one
        }
        if (!protectedClaim(claim)) {
            editClaim(claim, c -> c.getMetadata().getFinalizers().add(FINALIZER));
        }
        client.secrets().resource(PopulatorModel.copiedSecret(claim, credentials, names)).createOr(s -> s.update());
        client.persistentVolumeClaims().resource(PopulatorModel.primeClaim(claim, names)).create();
        client.pods().resource(PopulatorModel.pod(claim, resolved, names, image, pullSecrets)).create();
        events.normal(claim, "PopulatorCreated", "populating from " + resolved.endpoint() + " bucket " + resolved.bucket()
                + (resolved.prefix().isEmpty() ? "" : " prefix " + resolved.prefix()) + ": " + size.text()
                + "; populator pod " + workingNamespace + "/" + names.temporaries());
        return poll();
    }

    /** A pod again after a failure (or after the operator lost it): the credentials may have changed meanwhile. */
    private void createPod(PersistentVolumeClaim claim, PopulatorNames names) throws ClaimRefusedException {
        Source source = source(claim);
        client.secrets().resource(PopulatorModel.copiedSecret(claim, source.credentials(), names)).createOr(s -> s.update());
        client.pods().resource(PopulatorModel.pod(claim, source.resolved(), names, image, pullSecrets)).create();
    }

    private record Source(ResolvedSource resolved, Secret credentials) {
    }

    /**
     * The claim's BucketSource resolved, and its credentials, when both exist and the claim may use them. With an
     * ObjectStore whose CA the operator knows, the credentials carry that CA unless they name one themselves.
     */
    private Source source(PersistentVolumeClaim claim) throws ClaimRefusedException {
        String sourceNamespace = sourceNamespace(claim);
        try {
            return readSource(claim, sourceNamespace);
        } catch (KubernetesClientException e) {
            if (e.getCode() != 403) {
                throw e;
            }
            // with watchNamespaces the operator may read only those: a source elsewhere is out of its reach
            throw new ClaimRefusedException("SourceNamespaceForbidden", "the operator may not read namespace "
                    + sourceNamespace + ", where the claim's BucketSource is: it is not among the namespaces it watches");
        }
    }

    private Source readSource(PersistentVolumeClaim claim, String sourceNamespace) throws ClaimRefusedException {
        String name = claim.getSpec().getDataSourceRef().getName();
        if (!sourceNamespace.equals(claim.getMetadata().getNamespace())
                && !ReferenceGrants.permit(client, claim.getMetadata().getNamespace(), sourceNamespace, name)) {
            throw new ClaimRefusedException("ReferenceGrantMissing", "BucketSource " + sourceNamespace + "/" + name
                    + " is in another namespace, and no ReferenceGrant (gateway.networking.k8s.io) in " + sourceNamespace
                    + " lets PersistentVolumeClaims of " + claim.getMetadata().getNamespace() + " use it");
        }
        BucketSource source = client.resources(BucketSource.class).inNamespace(sourceNamespace).withName(name).get();
        if (source == null) {
            throw new ClaimRefusedException("PopulatorDataSourceNotFound", "BucketSource " + sourceNamespace + "/" + name
                    + " does not exist");
        }
        Secret credentials = client.secrets().inNamespace(sourceNamespace).withName(source.getSpec().getCredentialsSecret())
                .get();
        if (credentials == null) {
            throw new ClaimRefusedException("CredentialsNotFound", "the BucketSource's credentials Secret " + sourceNamespace
                    + "/" + source.getSpec().getCredentialsSecret() + " does not exist");
        }
        Optional<ObjectStoreAccess> store = objectStore(source);
        if (store.isPresent() && store.get().caBundle() != null && (credentials.getData() == null
                || !credentials.getData().containsKey(PopulatorModel.CA_BUNDLE))) {
            credentials = new SecretBuilder(credentials).addToData(PopulatorModel.CA_BUNDLE, SecretData.encode(store.get().caBundle()))
                    .build();
        }
        return new Source(ResolvedSource.of(source.getSpec(), store.map(ObjectStoreAccess::endpoint).orElse(null)), credentials);
    }

    /**
     * Copies the worker's latest progress line ({@code stowage populate} prints one every 10 s when not on a terminal)
     * to the user's claim, where {@code kubectl describe pvc} shows it. A log that cannot be read is not a failure.
     */
    private void reportProgress(PersistentVolumeClaim claim, Pod pod) {
        String tail;
        try {
            tail = client.pods().inNamespace(workingNamespace).withName(pod.getMetadata().getName())
                    // the pod is Running: no wait for readiness, which fabric8 would poll for with lists of pods
                    .inContainer(PopulatorModel.CONTAINER).withReadyWaitTimeout(0).tailingLines(5).getLog();
        } catch (KubernetesClientException e) {
            LOG.debug("No log of populator pod {}/{} yet: {}", workingNamespace, pod.getMetadata().getName(), e.getMessage());
            return;
        }
        Optional<String> progress = PopulatorProgress.latest(tail);
        if (progress.isPresent() && !progress.get().equals(PopulatorModel.annotation(claim, PopulatorAnnotations.PROGRESS))) {
            annotate(claim, PopulatorAnnotations.PROGRESS, progress.get());
        }
    }

    /** A pod that cannot start is said once per cause (the prime claim remembers it), and left to be fixed. */
    private void reportStuck(PersistentVolumeClaim claim, PersistentVolumeClaim prime, Pod pod) {
        Optional<String> stuck = PodFailure.stuck(pod);
        if (stuck.isEmpty() || stuck.get().equals(PopulatorModel.annotation(prime, PopulatorAnnotations.REPORTED_STUCK))) {
            return;
        }
        events.warning(claim, "PopulatorPodStuck", "populator pod " + workingNamespace + "/" + pod.getMetadata().getName()
                + " cannot run: " + stuck.get());
        editClaim(prime, p -> p.getMetadata().getAnnotations().put(PopulatorAnnotations.REPORTED_STUCK, stuck.get()));
    }

    /** The pod failed: say why, delete it, and make another after a backoff. */
    private UpdateControl<PersistentVolumeClaim> retry(PersistentVolumeClaim claim, PersistentVolumeClaim prime, Pod pod) {
        int failures = failures(prime) + 1;
        events.warning(claim, "PopulatorFailed", "populator pod " + workingNamespace + "/" + pod.getMetadata().getName()
                + " failed (attempt " + failures + "): " + PodFailure.describe(pod));
        client.persistentVolumeClaims().inNamespace(workingNamespace).withName(prime.getMetadata().getName())
                .edit(p -> {
                    p.getMetadata().getAnnotations().put(PopulatorAnnotations.FAILED_ATTEMPTS, Integer.toString(failures));
                    return p;
                });
        client.pods().inNamespace(workingNamespace).withName(pod.getMetadata().getName()).delete();
        Duration backoff = poll.multipliedBy(1L << Math.min(failures, 16));
        return UpdateControl.<PersistentVolumeClaim>noUpdate()
                .rescheduleAfter(backoff.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff);
    }

    /**
     * Steps 4 and 5: the prime claim's volume to the user's claim, then the temporaries go.
     *
     * @param refusals the pod, when it copied everything but refused some keys
     */
    private UpdateControl<PersistentVolumeClaim> rebind(PersistentVolumeClaim claim, PersistentVolumeClaim prime,
            PopulatorNames names, Optional<Pod> refusals) {
        String volume = prime.getSpec().getVolumeName();
        if (volume == null || volume.isBlank()) {
            return poll(); // the PV controller has not bound the prime claim yet
        }
        refusals.ifPresent(pod -> events.warning(claim, "KeysRefused", "populated without the keys that would have"
                + " landed outside the volume (each named in the log): " + PodFailure.describe(pod)));
        String from = PopulatorModel.populatedFrom(claim);
        client.persistentVolumes().withName(volume).edit(pv -> {
            pv.getSpec().setClaimRef(PopulatorModel.claimRef(claim));
            Map<String, String> annotations = new HashMap<>(pv.getMetadata().getAnnotations() == null ? Map.of()
                    : pv.getMetadata().getAnnotations());
            annotations.put(PopulatorAnnotations.POPULATED_FROM, from);
            pv.getMetadata().setAnnotations(annotations);
            return pv;
        });
        cleanUp(names);
        release(claim, Map.of(PopulatorAnnotations.POPULATED_FROM, from));
        events.normal(claim, "PopulatorFinished", "populated from BucketSource " + from + ": volume " + volume
                + " handed to this claim");
        LOG.info("Populated claim {}/{} from {} (volume {})", claim.getMetadata().getNamespace(),
                claim.getMetadata().getName(), from, volume);
        return UpdateControl.noUpdate();
    }

    private void cleanUp(PopulatorNames names) {
        client.pods().inNamespace(workingNamespace).withName(names.temporaries()).delete();
        client.persistentVolumeClaims().inNamespace(workingNamespace).withName(names.temporaries()).delete();
        client.secrets().inNamespace(workingNamespace).withName(names.temporaries()).delete();
    }

    private boolean waitsForNode(PersistentVolumeClaim claim) {
        String className = claim.getSpec().getStorageClassName();
        if (className == null || PopulatorModel.annotation(claim, PopulatorAnnotations.SELECTED_NODE) != null) {
            return false;
        }
        StorageClass storageClass = client.storage().v1().storageClasses().withName(className).get();
        return storageClass != null && "WaitForFirstConsumer".equals(storageClass.getVolumeBindingMode());
    }

    private Optional<ObjectStoreAccess> objectStore(BucketSource source) throws ClaimRefusedException {
        String name = source.getSpec().getObjectStoreRef();
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(objectStores.resolve(source.getMetadata().getNamespace(), name, "the BucketSource's"));
    }

    private void annotate(PersistentVolumeClaim claim, String key, String value) {
        editClaim(claim, c -> c.getMetadata().getAnnotations().put(key, value));
    }

    /** Takes {@link #FINALIZER} off the claim, setting these annotations in the same change. */
    private void release(PersistentVolumeClaim claim, Map<String, String> annotations) {
        editClaim(claim, c -> {
            c.getMetadata().getFinalizers().remove(FINALIZER);
            c.getMetadata().getAnnotations().putAll(annotations);
        });
    }

    /** One change of the user's claim (a JSON patch from the server's copy), with mutable annotations and finalizers. */
    private void editClaim(PersistentVolumeClaim claim, Consumer<PersistentVolumeClaim> change) {
        client.persistentVolumeClaims().inNamespace(claim.getMetadata().getNamespace()).withName(claim.getMetadata().getName())
                .edit(c -> {
                    c.getMetadata().setAnnotations(new HashMap<>(c.getMetadata().getAnnotations() == null ? Map.of()
                            : c.getMetadata().getAnnotations()));
                    c.getMetadata().setFinalizers(new ArrayList<>(c.getMetadata().getFinalizers() == null ? List.of()
                            : c.getMetadata().getFinalizers()));
                    change.accept(c);
                    return c;
                });
    }

    private static boolean protectedClaim(PersistentVolumeClaim claim) {
        return claim.getMetadata().getFinalizers() != null && claim.getMetadata().getFinalizers().contains(FINALIZER);
    }

    private static String sourceNamespace(PersistentVolumeClaim claim) {
        String namespace = claim.getSpec().getDataSourceRef().getNamespace();
        return namespace == null || namespace.isBlank() ? claim.getMetadata().getNamespace() : namespace;
    }

    private static boolean bound(PersistentVolumeClaim claim) {
        return claim.getSpec().getVolumeName() != null && !claim.getSpec().getVolumeName().isBlank();
    }

    private static int failures(PersistentVolumeClaim prime) {
        String value = PopulatorModel.annotation(prime, PopulatorAnnotations.FAILED_ATTEMPTS);
        return value == null ? 0 : Integer.parseInt(value);
    }

    private UpdateControl<PersistentVolumeClaim> poll() {
        return UpdateControl.<PersistentVolumeClaim>noUpdate().rescheduleAfter(poll);
    }
}
