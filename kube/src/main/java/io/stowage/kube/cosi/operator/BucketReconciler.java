package io.stowage.kube.cosi.operator;

import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.retry.GradualRetry;
import io.stowage.backend.BucketQuota;
import io.stowage.kube.cosi.CosiBucketId;
import io.stowage.kube.cosi.CosiException;
import io.stowage.kube.cosi.CosiProvisioner;
import io.stowage.kube.cosi.crd.Bucket;
import io.stowage.kube.cosi.crd.BucketAccess;
import io.stowage.kube.cosi.crd.BucketClaim;
import io.stowage.kube.cosi.crd.BucketClaimStatus;
import io.stowage.kube.cosi.crd.BucketStatus;
import io.stowage.kube.cosi.crd.CosiApi;
import io.stowage.kube.model.InvalidSpecException;
import io.stowage.kube.provision.KubeEvents;
import io.stowage.kube.provision.ProvisioningMetrics;
import io.stowage.kube.provision.QuotaParameters;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The COSI sidecar's part for Buckets (cluster-scoped) whose driverName is this driver's (compared
 * ignoring case, as the upstream sidecar does); Buckets of other drivers are left alone. It creates the
 * bucket through {@link CosiProvisioner} (or takes a brownfield Bucket's existingBucketID), guards it with
 * the bucket-protection finalizer, and reports bucketReady on the Bucket and on its BucketClaim. On
 * deletion it deletes the claim's BucketAccesses, waits for their revocation, deletes the bucket when the
 * deletionPolicy is Delete, and releases the Bucket and the claim.
 *
 * <p>The finalizer goes on before the bucket is created, so that an operator that crashes in between
 * still deletes the bucket later; a repeated create is idempotent. A Bucket, its BucketClaim or (through
 * the claim) the controller marked {@link CosiAnnotations#ABANDON} is released without backend calls.
 *
 * <p>The quota of a bucket the driver created is the class's, or what the claim's annotations
 * {@link CosiAnnotations#MAX_SIZE} and {@link CosiAnnotations#MAX_OBJECTS} ask for, and follows their
 * changes: a Bucket's parameters cannot change, its claim's annotations can. An existing bucket
 * (brownfield) keeps its quota: it is its owner's.
 *
 * <p>An operator that watches some namespaces serves only the Buckets whose claim lives in one of them
 * (and those without a claim): it reads and writes nothing in other namespaces, which its RBAC does not
 * allow, and leaves their Buckets to the operator that watches them.
 */
@ControllerConfiguration(name = BucketReconciler.NAME, generationAwareEventProcessing = false,
        triggerReconcilerOnAllEvents = true,
        maxReconciliationInterval = @MaxReconciliationInterval(interval = 10, timeUnit = TimeUnit.MINUTES))
@GradualRetry(maxAttempts = -1, initialInterval = 1_000, intervalMultiplier = 2, maxInterval = 300_000)
public final class BucketReconciler implements Reconciler<Bucket> {

    public static final String NAME = "cosi-bucket";

    private final KubernetesClient client;
    private final CosiProvisioner provisioner;
    private final KubeEvents events;
    private final CosiFailures failures;
    private final Set<String> claimNamespaces;

    /**
     * @param claimNamespaces the namespaces whose BucketClaims the operator serves; empty for all
     */
    public BucketReconciler(KubernetesClient client, CosiProvisioner provisioner, KubeEvents events,
            ProvisioningMetrics metrics, Set<String> claimNamespaces) {
        this.client = client;
        this.provisioner = provisioner;
        this.events = events;
        this.failures = new CosiFailures(events, metrics);
        this.claimNamespaces = Set.copyOf(claimNamespaces);
    }

    @Override
    public UpdateControl<Bucket> reconcile(Bucket bucket, Context<Bucket> context) {
        if (context.isPrimaryResourceDeleted() || !provisioner.driverName().equalsIgnoreCase(bucket.getSpec().getDriverName())
                || !claimWatched(bucket)) {
            return UpdateControl.noUpdate();
        }
        BucketClaim claim = claim(bucket);
        try {
            return bucket.isMarkedForDeletion() ? delete(bucket, claim) : provision(bucket, claim);
        } catch (CosiException e) {
            return failures.handle(CosiFailure.of(e), bucket, claim);
        }
    }

    /** A BucketClaim's change (an abandon or quota annotation, its deletion) concerns its Bucket. */
    @Override
    public List<EventSource<?, Bucket>> prepareEventSources(EventSourceContext<Bucket> context) {
        var claims = InformerEventSourceConfiguration.from(BucketClaim.class, Bucket.class)
                .withSecondaryToPrimaryMapper(claim -> claim.getStatus() == null || claim.getStatus().getBucketName() == null
                        ? Set.of() : Set.of(new ResourceID(claim.getStatus().getBucketName())));
        // Buckets are seen cluster-wide, their claims only where the operator may read them.
        if (claimNamespaces.isEmpty()) {
            claims.withWatchAllNamespaces();
        } else {
            claims.withNamespaces(claimNamespaces);
        }
        return List.of(new InformerEventSource<>(claims.build(), context));
    }

    private boolean claimWatched(Bucket bucket) {
        ObjectReference ref = bucket.getSpec().getBucketClaim();
        return claimNamespaces.isEmpty() || ref == null || ref.getNamespace() == null
                || claimNamespaces.contains(ref.getNamespace());
    }

    private UpdateControl<Bucket> provision(Bucket bucket, BucketClaim claim) throws CosiException {
        String name = bucket.getMetadata().getName();
        String existing = bucket.getSpec().getExistingBucketID();
        boolean greenfield = existing == null || existing.isBlank();
        BucketQuota quota;
        try {
            quota = greenfield ? CosiAnnotations.quota(claim, provisioner.quota(parameters(bucket))) : null;
        } catch (InvalidSpecException e) {
            return failures.handle(CosiFailure.invalidQuota(e.getMessage()), bucket, claim);
        }
        if (bucket.getStatus() == null || !Boolean.TRUE.equals(bucket.getStatus().getBucketReady())) {
            Finalizers.add(bucket(name), CosiApi.BUCKET_PROTECTION);
            String bucketId;
            if (greenfield) {
                bucketId = provisioner.createBucket(name, parameters(bucket), quota);
                events.normal(bucket, "BucketCreated", "Bucket " + name + " created by driver " + provisioner.driverName());
            } else {
                bucketId = CosiBucketId.parse(existing).toString();
            }
            bucket(name).editStatus(b -> {
                BucketStatus status = new BucketStatus();
                status.setBucketReady(true);
                status.setBucketID(bucketId);
                b.setStatus(status);
                return b;
            });
        } else if (greenfield && provisioner.followQuota(bucket.getStatus().getBucketID(), quota)) {
            events.normal(claim != null ? claim : bucket, "QuotaUpdated",
                    "Bucket " + name + " quota: " + QuotaParameters.describe(quota));
        }
        if (claim != null && !claim.isMarkedForDeletion() && (claim.getStatus() == null
                || !Boolean.TRUE.equals(claim.getStatus().getBucketReady()))) {
            claim(claim).editStatus(c -> {
                BucketClaimStatus status = c.getStatus() == null ? new BucketClaimStatus() : c.getStatus();
                status.setBucketReady(true);
                c.setStatus(status);
                return c;
            });
            events.normal(claim, "BucketReady", "Bucket " + name + " is ready");
        }
        return UpdateControl.noUpdate();
    }

    private UpdateControl<Bucket> delete(Bucket bucket, BucketClaim claim) throws CosiException {
        if (!bucket.hasFinalizer(CosiApi.BUCKET_PROTECTION)) {
            return UpdateControl.noUpdate();
        }
        String name = bucket.getMetadata().getName();
        boolean abandoned = CosiAnnotations.abandoned(bucket) || CosiAnnotations.abandoned(claim);
        if (bucket.hasFinalizer(CosiApi.BUCKET_ACCESS_BUCKET_PROTECTION)) {
            deleteAccesses(claim);
            if (!abandoned) {
                // each BucketAccess's revocation drops that finalizer at last, which brings the Bucket back here
                return UpdateControl.noUpdate();
            }
        }
        if (abandoned) {
            events.warning(bucket, "Abandoned", "Bucket " + name + " released without calling the backend: "
                    + "what the backend holds for it stays there");
        } else if (!CosiApi.DELETION_POLICY_DELETE.equals(bucket.getSpec().getDeletionPolicy())) {
            events.normal(bucket, "BucketRetained", "Bucket " + name + " retained in the object store (deletionPolicy "
                    + bucket.getSpec().getDeletionPolicy() + ")");
        } else {
            String bucketId = bucketId(bucket);
            if (bucketId != null) {
                provisioner.deleteBucket(bucketId, parameters(bucket));
                events.normal(bucket, "BucketDeleted", "Bucket " + name + " deleted in the object store");
            }
        }
        Finalizers.remove(bucket(name), CosiApi.BUCKET_PROTECTION);
        if (claim != null && claim.isMarkedForDeletion()) {
            Finalizers.remove(claim(claim), CosiApi.BUCKET_CLAIM_PROTECTION);
        }
        return UpdateControl.noUpdate();
    }

    /**
     * The id to delete: recorded in the status, or given (brownfield), or, when the operator crashed
     * between creating the bucket and recording its id, the one the create answered; null when parameters
     * the create refuses mean that no bucket was ever made.
     */
    private String bucketId(Bucket bucket) throws CosiException {
        if (bucket.getStatus() != null && bucket.getStatus().getBucketID() != null) {
            return bucket.getStatus().getBucketID();
        }
        String existing = bucket.getSpec().getExistingBucketID();
        if (existing != null && !existing.isBlank()) {
            return existing;
        }
        try {
            return provisioner.bucketId(bucket.getMetadata().getName(), parameters(bucket));
        } catch (CosiException e) {
            if (e.code() == CosiException.Code.INVALID_ARGUMENT) {
                return null;
            }
            throw e;
        }
    }

    /** As the upstream sidecar does: a deleted Bucket takes the BucketAccesses to its claim with it. */
    private void deleteAccesses(BucketClaim claim) {
        if (claim == null) {
            return;
        }
        client.resources(BucketAccess.class).inNamespace(claim.getMetadata().getNamespace()).list().getItems().stream()
                .filter(a -> claim.getMetadata().getName().equals(a.getSpec().getBucketClaimName()))
                .filter(a -> !a.isMarkedForDeletion())
                .forEach(a -> client.resource(a).delete());
    }

    private BucketClaim claim(Bucket bucket) {
        ObjectReference ref = bucket.getSpec().getBucketClaim();
        if (ref == null || ref.getName() == null || ref.getNamespace() == null) {
            return null;
        }
        return client.resources(BucketClaim.class).inNamespace(ref.getNamespace()).withName(ref.getName()).get();
    }

    private Resource<Bucket> bucket(String name) {
        return client.resources(Bucket.class).withName(name);
    }

    private Resource<BucketClaim> claim(BucketClaim claim) {
        return client.resources(BucketClaim.class).inNamespace(claim.getMetadata().getNamespace())
                .withName(claim.getMetadata().getName());
    }

    private static Map<String, String> parameters(Bucket bucket) {
        return bucket.getSpec().getParameters() == null ? Map.of() : bucket.getSpec().getParameters();
    }
}
