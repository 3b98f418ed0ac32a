package io.stowage.kube.obc;

import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.retry.GradualRetry;
import io.stowage.backend.BackendException;
import io.stowage.backend.BucketBackend;
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
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The ObjectBucketClaim provisioner: serves the claims whose StorageClass's provisioner is
 * {@value ObcNames#PROVISIONER} and leaves every other claim alone (no finalizer, no write), since Rook
 * or NooBaa may serve those with the same CRD. See {@link ClaimProvisioner} for the steps and their crash
 * safety, {@link ClaimReleaser} for deletion, {@link ObcRequest} for the parameters and
 * {@link ObcResources} for what a bound claim gets.
 *
 * <p>Finalizers are this class's own business (JOSDK is told to hand it every event, deletions included),
 * because JOSDK would otherwise put its finalizer on every claim in the cluster. Annotations
 * ({@value ObcNames#ROTATE_ANNOTATION}, {@value ObcNames#ABANDON_ANNOTATION}) change no generation, so
 * every change of a claim is reconciled. A rotation's old key keeps working for the rotation grace; the reconcile
 * is rescheduled for the moment it goes.
 *
 * <p>Failures: a claim or class to fix is an event and phase Failed (Pending for a missing backend
 * Secret), checked again after a while; a backend that is unreachable is an event and a retry with
 * backoff. A bound claim stays Bound through failures: its credentials still work.
 *
 * <p>Needs: the CRDs objectbucketclaims and objectbuckets.objectbucket.io; RBAC: objectbucketclaims
 * get/list/watch/update/patch, objectbucketclaims/status update, objectbuckets
 * get/create/update/patch/delete, objectbuckets/status update, storageclasses get, secrets and configmaps
 * get/create/update/patch, events create, and get on the backend Secrets.
 */
@ControllerConfiguration(name = ObcReconciler.NAME, triggerReconcilerOnAllEvents = true,
        generationAwareEventProcessing = false,
        maxReconciliationInterval = @MaxReconciliationInterval(interval = 10, timeUnit = TimeUnit.MINUTES))
@GradualRetry(maxAttempts = Integer.MAX_VALUE, initialInterval = 1000, intervalMultiplier = 2.0, maxInterval = 300_000)
public final class ObcReconciler implements Reconciler<ObjectBucketClaim> {

    public static final String NAME = "objectbucketclaim";
    /** A claim to fix (or a class that may be fixed, which sends no event) is looked at again after this. */
    static final Duration REFUSED_RECHECK = Duration.ofMinutes(5);
    static final Duration MISSING_RECHECK = Duration.ofMinutes(1);
    static final Duration NOT_EMPTY_RECHECK = Duration.ofSeconds(30);
    private static final String ABANDON_HINT = "; annotate the claim " + ObcNames.ABANDON_ANNOTATION
            + "=\"true\" to release it without the backend";

    private static final Logger LOG = LoggerFactory.getLogger(ObcReconciler.class);

    private final KubernetesClient client;
    private final BackendResolver backends;
    private final ProvisioningMetrics metrics;
    private final Clock clock;
    private final KubeEvents events;
    private final ObcWrites writes;
    private final ClaimProvisioner provisioner;
    private final ClaimReleaser releaser;

    /**
     * @param backends opens the backends StorageClasses name; the caller closes it
     * @param rotationGrace how long the key a rotation replaced keeps working once the Secret holds the new one
     */
    public ObcReconciler(KubernetesClient client, BackendResolver backends, ProvisioningMetrics metrics, Clock clock,
            Duration rotationGrace) {
        this.client = client;
        this.backends = backends;
        this.metrics = metrics;
        this.clock = clock;
        this.events = new KubeEvents(client, clock);
        this.writes = new ObcWrites(client);
        this.provisioner = new ClaimProvisioner(writes, events, clock, rotationGrace);
        this.releaser = new ClaimReleaser(writes, events);
    }

    @Override
    public UpdateControl<ObjectBucketClaim> reconcile(ObjectBucketClaim claim, Context<ObjectBucketClaim> context) {
        if (context.isPrimaryResourceDeleted()) {
            return UpdateControl.noUpdate();
        }
        MDC.put("kind", claim.getKind());
        MDC.put("ns", claim.getMetadata().getNamespace());
        MDC.put("name", claim.getMetadata().getName());
        try {
            String className = claim.getSpec().getStorageClassName();
            StorageClass storageClass = className == null || className.isBlank() ? null
                    : client.storage().v1().storageClasses().withName(className).get();
            if (claim.isMarkedForDeletion()) {
                return managed(claim) ? delete(claim, storageClass) : UpdateControl.noUpdate();
            }
            if (storageClass == null || !ObcNames.PROVISIONER.equals(storageClass.getProvisioner())) {
                // a class that appears later sends no event about this claim
                return storageClass == null ? UpdateControl.<ObjectBucketClaim>noUpdate().rescheduleAfter(MISSING_RECHECK)
                        : UpdateControl.noUpdate();
            }
            return provision(claim, storageClass);
        } finally {
            MDC.remove("kind");
            MDC.remove("ns");
            MDC.remove("name");
        }
    }

    private static boolean managed(ObjectBucketClaim claim) {
        return claim.hasFinalizer(ObcNames.FINALIZER) && claim.getMetadata().getLabels() != null
                && ObcNames.LABEL_VALUE.equals(claim.getMetadata().getLabels().get(ObcNames.LABEL));
    }

    private UpdateControl<ObjectBucketClaim> provision(ObjectBucketClaim claim, StorageClass storageClass) {
        boolean bound = claim.getStatus() != null && claim.getStatus().getPhase() == ClaimPhase.Bound;
        try {
            if (claim.getStatus() == null || claim.getStatus().getPhase() == null) {
                writes.claimPhase(claim, ClaimPhase.Pending);
            }
            ObcRequest request = ObcRequest.of(claim, storageClass);
            BucketBackend backend = backends.backend(request.backend());
            ClaimProvisioner.Provisioned provisioned = provisioner.provision(claim, request, backend);
            claim = provisioned.claim();
            if (writes.claimPhase(claim, ClaimPhase.Bound)) {
                metrics.provisioned(FrontEnd.OBC, Duration.between(creation(claim), clock.instant()));
                events.normal(claim, "Bound", "bucket " + (request.bucketName() != null ? request.bucketName() : claim.getSpec().getBucketName()) + " bound; credentials in Secret "
                        + claim.getMetadata().getName() + ", connection in ConfigMap " + claim.getMetadata().getName());
                LOG.info("ObjectBucketClaim {}/{} bound", claim.getMetadata().getNamespace(), claim.getMetadata().getName());
            }
            return provisioned.retiring()
                    .map(r -> UpdateControl.<ObjectBucketClaim>noUpdate().rescheduleAfter(r.untilDue(clock.instant())))
                    .orElseGet(UpdateControl::noUpdate);
        } catch (MissingReferenceException e) {
            fail(claim, "BackendSecretMissing", e.getMessage(), bound ? null : ClaimPhase.Pending);
            return UpdateControl.<ObjectBucketClaim>noUpdate().rescheduleAfter(MISSING_RECHECK);
        } catch (ClaimRefusedException e) {
            fail(claim, e.reason(), e.getMessage(), bound ? null : ClaimPhase.Failed);
            return UpdateControl.<ObjectBucketClaim>noUpdate().rescheduleAfter(REFUSED_RECHECK);
        } catch (BackendException e) {
            if (e.retryable()) {
                fail(claim, "BackendUnavailable", e.getMessage() + "; retrying", null);
                throw e;
            }
            fail(claim, backendReason(e), e.getMessage(), bound ? null : ClaimPhase.Failed);
            return UpdateControl.<ObjectBucketClaim>noUpdate().rescheduleAfter(REFUSED_RECHECK);
        }
    }

    private UpdateControl<ObjectBucketClaim> delete(ObjectBucketClaim claim, StorageClass storageClass) {
        ObjectBucket ob = writes.objectBucket(ObcNames.objectBucketName(claim.getMetadata().getNamespace(),
                claim.getMetadata().getName()));
        ClaimReleaser.Held held = held(claim, storageClass, ob);
        writes.claimPhase(claim, ClaimPhase.Released);
        if (ob != null) {
            writes.objectBucketPhase(ob, BucketPhase.Released);
        }
        if ("true".equals(ClaimProvisioner.annotation(claim, ObcNames.ABANDON_ANNOTATION))) {
            releaser.abandon(claim, held);
            return UpdateControl.noUpdate();
        }
        String ref = ob != null ? ob.getSpec().getAdditionalState().get(ObcResources.STATE_BACKEND)
                : storageClass != null && storageClass.getParameters() != null
                        ? storageClass.getParameters().get(ObcRequest.BACKEND_SECRET) : null;
        try {
            if (ref == null) {
                throw new MissingReferenceException("neither the ObjectBucket nor the StorageClass names the backend");
            }
            BucketBackend backend = backends.backend(BackendRef.parse(ref, null, "backend of the claim"));
            releaser.release(claim, held, backend);
            return UpdateControl.noUpdate();
        } catch (InvalidSpecException e) {
            fail(claim, "BackendSecretMissing", e.getMessage() + ABANDON_HINT, null);
            return UpdateControl.<ObjectBucketClaim>noUpdate().rescheduleAfter(MISSING_RECHECK);
        } catch (BackendException e) {
            if (e.reason() == BackendException.Reason.BUCKET_NOT_EMPTY) {
                fail(claim, "BucketNotEmpty", "bucket " + held.bucket() + " still holds objects: empty it, or annotate the claim "
                        + ObcNames.PURGE_ANNOTATION + "=\"true\" to delete them with it", null);
                return UpdateControl.<ObjectBucketClaim>noUpdate().rescheduleAfter(NOT_EMPTY_RECHECK);
            }
            if (e.retryable()) {
                fail(claim, "BackendUnavailable", e.getMessage() + "; retrying" + ABANDON_HINT, null);
                throw e;
            }
            fail(claim, backendReason(e), e.getMessage() + ABANDON_HINT, null);
            return UpdateControl.<ObjectBucketClaim>noUpdate().rescheduleAfter(REFUSED_RECHECK);
        }
    }

    /** What the deleted claim holds: the ObjectBucket's record first, the StorageClass's when there is none. */
    private static ClaimReleaser.Held held(ObjectBucketClaim claim, StorageClass storageClass, ObjectBucket ob) {
        String bucket = ob != null && ob.getSpec().getEndpoint() != null ? ob.getSpec().getEndpoint().getBucketName()
                : claim.getSpec().getBucketName();
        if (bucket == null && storageClass != null && storageClass.getParameters() != null) {
            bucket = storageClass.getParameters().get(ObcRequest.BUCKET_NAME);
        }
        String policy = ob != null && ob.getSpec().getReclaimPolicy() != null ? ob.getSpec().getReclaimPolicy()
                : storageClass != null ? (storageClass.getReclaimPolicy() == null ? ObcRequest.DELETE : storageClass.getReclaimPolicy())
                : ObcRequest.RETAIN;
        boolean created = bucket != null && bucket.equals(ClaimProvisioner.createdBucket(claim));
        return new ClaimReleaser.Held(bucket, created, policy, ObcNames.account(claim.getMetadata().getUid()));
    }

    /** Reports a failure: an event, the failure metric, and the phase when one is given. */
    private void fail(ObjectBucketClaim claim, String reason, String message, ClaimPhase phase) {
        LOG.warn("ObjectBucketClaim {}/{}: {}: {}", claim.getMetadata().getNamespace(), claim.getMetadata().getName(),
                reason, message);
        events.warning(claim, reason, message);
        metrics.failed(FrontEnd.OBC, reason);
        if (phase != null) {
            writes.claimPhase(claim, phase);
        }
    }

    private static String backendReason(BackendException e) {
        return switch (e.reason()) {
            case CONFLICT -> "BackendConflict";
            case UNAUTHORIZED -> "BackendUnauthorized";
            case INVALID -> "BackendRefused";
            case NOT_FOUND -> "BackendNotFound";
            case UNSUPPORTED -> "BackendUnsupported";
            case BUCKET_NOT_EMPTY -> "BucketNotEmpty";
            case UNAVAILABLE -> "BackendUnavailable";
        };
    }

    private static Instant creation(ObjectBucketClaim claim) {
        String created = claim.getMetadata().getCreationTimestamp();
        return created == null ? Instant.now() : Instant.parse(created);
    }
}
