package io.stowage.kube.cosi.operator;

import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
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
import io.stowage.kube.cosi.crd.Bucket;
import io.stowage.kube.cosi.crd.BucketClaim;
import io.stowage.kube.cosi.crd.BucketClaimStatus;
import io.stowage.kube.cosi.crd.BucketClass;
import io.stowage.kube.cosi.crd.BucketSpec;
import io.stowage.kube.cosi.crd.CosiApi;
import io.stowage.kube.provision.KubeEvents;
import io.stowage.kube.provision.ProvisioningMetrics;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The upstream COSI controller's part, for clusters that have the COSI CRDs but not its controller:
 * a BucketClaim gets the Bucket {@code bucket-<claim uid>} made from its BucketClass (driverName,
 * deletionPolicy, parameters) and its protocols, or binds to the existing Bucket it names; the
 * bucketclaim-protection finalizer holds the claim until its Bucket is gone. It serves every driver, as
 * the upstream controller does: the sidecar of the Bucket's driver does the rest.
 *
 * <p>A claim marked {@link CosiAnnotations#ABANDON} passes the mark on to its Bucket, whose sidecar
 * then releases it without backend calls, and is released at once.
 */
@ControllerConfiguration(name = BucketClaimReconciler.NAME, generationAwareEventProcessing = false,
        triggerReconcilerOnAllEvents = true,
        maxReconciliationInterval = @MaxReconciliationInterval(interval = 10, timeUnit = TimeUnit.MINUTES))
public final class BucketClaimReconciler implements Reconciler<BucketClaim> {

    public static final String NAME = "cosi-bucketclaim";

    private final KubernetesClient client;
    private final KubeEvents events;
    private final CosiFailures failures;

    public BucketClaimReconciler(KubernetesClient client, KubeEvents events, ProvisioningMetrics metrics) {
        this.client = client;
        this.events = events;
        this.failures = new CosiFailures(events, metrics);
    }

    @Override
    public UpdateControl<BucketClaim> reconcile(BucketClaim claim, Context<BucketClaim> context) {
        if (context.isPrimaryResourceDeleted()) {
            return UpdateControl.noUpdate();
        }
        return claim.isMarkedForDeletion() ? release(claim) : bind(claim);
    }

    /** A Bucket's deletion (or readiness) concerns its claim. */
    @Override
    public List<EventSource<?, BucketClaim>> prepareEventSources(EventSourceContext<BucketClaim> context) {
        return List.of(new InformerEventSource<>(InformerEventSourceConfiguration.from(Bucket.class, BucketClaim.class)
                .withWatchAllNamespaces()
                .withSecondaryToPrimaryMapper(bucket -> {
                    ObjectReference ref = bucket.getSpec().getBucketClaim();
                    return ref == null || ref.getName() == null ? Set.of()
                            : Set.of(new ResourceID(ref.getName(), ref.getNamespace()));
                })
                .build(), context));
    }

    private UpdateControl<BucketClaim> bind(BucketClaim claim) {
        Finalizers.add(claim(claim), CosiApi.BUCKET_CLAIM_PROTECTION);
        String existing = claim.getSpec().getExistingBucketName();
        if (existing != null && !existing.isBlank()) {
            Resource<Bucket> bucket = client.resources(Bucket.class).withName(existing);
            Bucket current = bucket.get();
            if (current == null) {
                return failures.handle(CosiFailure.missing("BucketMissing", "Bucket " + existing + " does not exist"), claim);
            }
            if (current.getSpec().getBucketClaim() == null) {
                bucket.edit(b -> {
                    b.getSpec().setBucketClaim(reference(claim));
                    return b;
                });
            }
            // upstream marks a brownfield claim ready at once: the Bucket exists
            setStatus(claim, existing, true);
            return UpdateControl.noUpdate();
        }
        String name = CosiApi.bucketName(claim);
        if (client.resources(Bucket.class).withName(name).get() == null) {
            String className = claim.getSpec().getBucketClassName();
            if (className == null || className.isBlank()) {
                return failures.handle(CosiFailure.invalid("spec.bucketClassName or spec.existingBucketName is required"), claim);
            }
            BucketClass bucketClass = client.resources(BucketClass.class).withName(className).get();
            if (bucketClass == null) {
                return failures.handle(CosiFailure.missing("BucketClassMissing", "BucketClass " + className
                        + " does not exist"), claim);
            }
            client.resources(Bucket.class).resource(bucket(name, claim, bucketClass)).create();
            events.normal(claim, "BucketRequested", "Bucket " + name + " requested from driver " + bucketClass.getDriverName());
        }
        if (claim.getStatus() == null || !name.equals(claim.getStatus().getBucketName())) {
            setStatus(claim, name, false);
        }
        return UpdateControl.noUpdate();
    }

    private UpdateControl<BucketClaim> release(BucketClaim claim) {
        if (!claim.hasFinalizer(CosiApi.BUCKET_CLAIM_PROTECTION)) {
            return UpdateControl.noUpdate();
        }
        boolean abandoned = CosiAnnotations.abandoned(claim);
        String bucketName = claim.getStatus() == null ? null : claim.getStatus().getBucketName();
        Resource<Bucket> bucket = bucketName == null ? null : client.resources(Bucket.class).withName(bucketName);
        Bucket current = bucket == null ? null : bucket.get();
        if (current != null) {
            if (abandoned && !CosiAnnotations.abandoned(current)) {
                bucket.edit(b -> {
                    CosiAnnotations.set(b, CosiAnnotations.ABANDON, "true");
                    return b;
                });
            }
            if (!current.isMarkedForDeletion()) {
                bucket.delete();
            }
            if (!abandoned) {
                // the Bucket's deletion brings the claim back here through the Bucket informer
                return UpdateControl.noUpdate();
            }
            events.warning(claim, "Abandoned", "BucketClaim released before its Bucket " + bucketName
                    + ", which is released without backend calls");
        }
        Finalizers.remove(claim(claim), CosiApi.BUCKET_CLAIM_PROTECTION);
        return UpdateControl.noUpdate();
    }

    private void setStatus(BucketClaim claim, String bucketName, boolean ready) {
        claim(claim).editStatus(c -> {
            BucketClaimStatus status = Objects.requireNonNullElseGet(c.getStatus(), BucketClaimStatus::new);
            status.setBucketName(bucketName);
            if (ready) {
                status.setBucketReady(true);
            }
            c.setStatus(status);
            return c;
        });
    }

    private static Bucket bucket(String name, BucketClaim claim, BucketClass bucketClass) {
        Bucket bucket = new Bucket();
        bucket.getMetadata().setName(name);
        BucketSpec spec = bucket.getSpec();
        spec.setDriverName(bucketClass.getDriverName());
        spec.setBucketClassName(bucketClass.getMetadata().getName());
        spec.setBucketClaim(reference(claim));
        spec.setProtocols(claim.getSpec().getProtocols());
        spec.setParameters(bucketClass.getParameters());
        spec.setDeletionPolicy(Objects.requireNonNullElse(bucketClass.getDeletionPolicy(), CosiApi.DELETION_POLICY_RETAIN));
        return bucket;
    }

    private static ObjectReference reference(BucketClaim claim) {
        return new ObjectReferenceBuilder()
                .withApiVersion(CosiApi.API_VERSION)
                .withKind(claim.getKind())
                .withNamespace(claim.getMetadata().getNamespace())
                .withName(claim.getMetadata().getName())
                .withUid(claim.getMetadata().getUid())
                .build();
    }

    private Resource<BucketClaim> claim(BucketClaim claim) {
        return client.resources(BucketClaim.class).inNamespace(claim.getMetadata().getNamespace())
                .withName(claim.getMetadata().getName());
    }
}
