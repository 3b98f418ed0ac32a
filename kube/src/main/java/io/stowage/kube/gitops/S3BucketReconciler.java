package io.stowage.kube.gitops;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.retry.GenericRetry;
import io.javaoperatorsdk.operator.processing.retry.GradualRetry;
import io.stowage.backend.BackendException;
import io.stowage.backend.BucketBackend;
import io.stowage.backend.BucketQuota;
import io.stowage.backend.BucketState;
import io.stowage.backend.s3.BucketVersioning;
import io.stowage.backend.s3.ObjectLockConfiguration;
import io.stowage.backend.s3.S3ObjectClient;
import io.stowage.kube.model.MissingReferenceException;
import io.stowage.kube.provision.BackendResolver;
import io.stowage.kube.provision.ClaimRefusedException;
import io.stowage.kube.provision.KubeEvents;
import io.stowage.kube.provision.ObjectStores;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Keeps a bucket as its S3Bucket declares it: creates it, or adopts an existing one with its objects; on every reconcile,
 * and every {@link GitopsSettings#resync()} without a change, reads quota, tags, versioning, policy, lifecycle and CORS rules
 * back from the backend and puts back what was changed by hand (event {@code DriftCorrected}). A finalizer lets deletion
 * follow the deletionPolicy: Retain leaves the bucket (without the operator's tag), Delete empties and deletes it.
 *
 * <p>A spec the user must fix, or one asking what the backend cannot do ({@code Unsupported}), sets Ready=False with a
 * Warning event and waits for a change; a missing backend Secret or policyRef ConfigMap is checked again every
 * {@link #RECHECK}; a policyRef ConfigMap is not watched, its changes are read at the next resync; an unreachable
 * backend is retried with backoff.
 */
@ControllerConfiguration(name = S3BucketReconciler.NAME, retry = GenericRetry.class)
@GradualRetry(maxAttempts = -1, initialInterval = 2_000, intervalMultiplier = 2, maxInterval = 300_000)
public final class S3BucketReconciler implements Reconciler<S3Bucket>, Cleaner<S3Bucket> {

    public static final String NAME = "gitops-s3bucket";
    static final Duration RECHECK = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(S3BucketReconciler.class);

    private final GitopsBackends backends;
    private final ReferencedPolicies policies;
    private final KubeEvents events;
    private final Clock clock;
    private final GitopsSettings settings;

    public S3BucketReconciler(KubernetesClient client, BackendResolver resolver, ObjectStores stores, KubeEvents events,
            Clock clock, GitopsSettings settings) {
        this.backends = new GitopsBackends(client, resolver, stores, settings);
        this.policies = new ReferencedPolicies(client);
        this.events = events;
        this.clock = clock;
        this.settings = settings;
    }

    @Override
    public UpdateControl<S3Bucket> reconcile(S3Bucket resource, Context<S3Bucket> context) {
        logContext(resource);
        try {
            Optional<String> referencedPolicy;
            try {
                referencedPolicy = policies.read(resource);
            } catch (MissingReferenceException e) {
                return refused(resource, "PolicyMissing", e.getMessage(), RECHECK);
            }
            DesiredBucket desired = DesiredBucket.of(resource, referencedPolicy);
            S3BucketStatus before = resource.getStatus();
            if (before != null && before.getBucketName() != null && !before.getBucketName().equals(desired.name())) {
                throw new ClaimRefusedException("InvalidSpec", "bucketName cannot change from " + before.getBucketName()
                        + "; make another S3Bucket");
            }
            GitopsBackend target = backends.resolve(resource, resource.getSpec().getBackendRef());
            BucketBackend backend = target.backend();
            checkCapabilities(desired, backend);
            if (desired.needsS3() && target.s3Key().isEmpty()) {
                throw new ClaimRefusedException("Unsupported", "versioning, policy, lifecycle and CORS rules and object lock are"
                        + " set over S3: " + target.noS3Key());
            }
            Optional<S3ObjectClient> s3 = desired.needsS3() ? target.s3() : Optional.empty();
            try {
                ObservedBucket observed = converge(resource, desired, backend, s3);
                S3BucketStatus status = new S3BucketStatus();
                if (before != null) {
                    status.setConditions(before.getConditions());
                }
                status.setBucketName(desired.name());
                status.setObserved(observed);
                ReadyCondition.set(status, resource.getMetadata().getGeneration(), true, "Reconciled",
                        "bucket " + desired.name() + " matches the spec", clock.instant());
                return patch(resource, status).rescheduleAfter(settings.resync());
            } finally {
                s3.ifPresent(S3ObjectClient::close);
            }
        } catch (ClaimRefusedException e) {
            return refused(resource, e.reason(), e.getMessage(), null);
        } catch (MissingReferenceException e) {
            return refused(resource, "BackendMissing", e.getMessage(), RECHECK);
        } catch (GitopsKeyRefusedException e) {
            return refused(resource, GitopsKeyRefusedException.REASON, e.getMessage(), RECHECK);
        } catch (BackendException e) {
            if (e.retryable()) {
                throw e;
            }
            if (e.reason() == BackendException.Reason.UNSUPPORTED) {
                return refused(resource, "Unsupported", e.getMessage(), null);
            }
            String reason = e.reason() == BackendException.Reason.UNAUTHORIZED ? "BackendUnauthorized" : "BackendRefused";
            return refused(resource, reason, e.getMessage(), RECHECK);
        } finally {
            MDC.clear();
        }
    }

    private ObservedBucket converge(S3Bucket resource, DesiredBucket desired, BucketBackend backend,
            Optional<S3ObjectClient> s3) throws ClaimRefusedException {
        Optional<BucketState> found = backend.findBucket(desired.name());
        boolean adopted = false;
        BucketQuota quota;
        if (found.isEmpty()) {
            if (desired.objectLock().isPresent()) {
                // only creation turns object lock on, and only S3's CreateBucket does it (Stowage's admin API cannot): the
                // backend interface then finds the bucket, and what it would have set on create is put back as drift
                s3.orElseThrow().createBucket(desired.name(), true);
            }
            quota = backend.createBucket(desired.name(), desired.quota().orElse(BucketQuota.NONE)).quota();
            events.normal(resource, "Created", "bucket " + desired.name() + " created"
                    + (desired.objectLock().isPresent() ? " with object lock" : ""));
        } else {
            String managedBy = backend.bucketTags(desired.name()).get(GitopsApi.MANAGED_BY_TAG);
            if (managedBy != null && !managedBy.equals(DesiredBucket.managedBy(resource))) {
                throw new ClaimRefusedException("BucketManagedElsewhere", "bucket " + desired.name() + " is managed by S3Bucket "
                        + managedBy + ": nothing was changed");
            }
            // unmarked: a bucket made outside, or one of ours whose tags were changed by hand (drift, not adoption)
            adopted = managedBy == null && (resource.getStatus() == null || resource.getStatus().getBucketName() == null);
            quota = found.get().quota();
        }
        BucketSettings bucketSettings = new BucketSettings(backend, s3);
        ActualBucket actual = bucketSettings.read(desired, quota);
        if (actual.objectLock().filter(lock -> !lock.enabled()).isPresent()) {
            throw new ClaimRefusedException("ObjectLockNotEnabled", "bucket " + desired.name() + " was created without object"
                    + " lock, which S3 turns on only when a bucket is created: nothing was changed; remove objectLock, or"
                    + " copy the objects to a new bucket made with it");
        }
        List<BucketDrift.Difference> differences = BucketDrift.between(desired, actual);
        bucketSettings.putBack(desired, differences);
        if (adopted) {
            events.normal(resource, "Adopted", "existing bucket " + desired.name() + " adopted with its objects"
                    + (differences.isEmpty() ? "" : "; set " + describe(differences)));
        } else if (found.isPresent() && !differences.isEmpty()) {
            boolean specChanged = resource.getStatus() == null
                    || !Objects.equals(resource.getStatus().getObservedGeneration(), resource.getMetadata().getGeneration());
            if (specChanged) {
                events.normal(resource, "Updated", "bucket " + desired.name() + ": set " + describe(differences));
            } else {
                LOG.info("Put back on bucket {} what was changed by hand: {}", desired.name(), describe(differences));
                events.normal(resource, "DriftCorrected", "bucket " + desired.name() + " was changed by hand; put back "
                        + describe(differences));
            }
        }
        return observed(desired, bucketSettings.read(desired, backend.findBucket(desired.name()).orElseThrow(() ->
                new BackendException(BackendException.Reason.UNAVAILABLE, "bucket " + desired.name() + " vanished")).quota()));
    }

    private static void checkCapabilities(DesiredBucket desired, BucketBackend backend) throws ClaimRefusedException {
        var capabilities = backend.capabilities();
        if (!capabilities.bucketTags()) {
            throw new ClaimRefusedException("Unsupported", "backend " + backend + " has no bucket tags, which S3Bucket marks"
                    + " its buckets with");
        }
        if (desired.quota().filter(q -> !BucketQuota.NONE.equals(q)).isPresent() && !capabilities.bucketQuota()) {
            throw new ClaimRefusedException("Unsupported", "backend " + backend + " has no bucket quotas: remove quota");
        }
    }

    private static ObservedBucket observed(DesiredBucket desired, ActualBucket actual) {
        ObservedBucket observed = new ObservedBucket();
        observed.setMaxBytes(actual.quota().maxBytes());
        observed.setMaxObjects(actual.quota().maxObjects());
        observed.setVersioning(actual.versioning().map(BucketVersioning::name).map(S3BucketReconciler::title).orElse(null));
        observed.setTags(new HashMap<>(actual.tags()));
        observed.setPolicy(actual.policy().map(p -> !p.isNull()).orElse(false));
        observed.setLifecycleRules(actual.lifecycle().map(List::size).orElse(null));
        observed.setCorsRules(actual.cors().map(List::size).orElse(null));
        observed.setObjectLock(actual.objectLock().map(ObjectLockConfiguration::toString).orElse(null));
        return observed;
    }

    private static String title(String constant) {
        return constant.charAt(0) + constant.substring(1).toLowerCase(Locale.ROOT);
    }

    private static String describe(List<BucketDrift.Difference> differences) {
        return differences.stream().map(BucketDrift.Difference::toString).collect(Collectors.joining(", "));
    }

    @Override
    public DeleteControl cleanup(S3Bucket resource, Context<S3Bucket> context) {
        logContext(resource);
        try {
            String name = resource.getStatus() == null ? null : resource.getStatus().getBucketName();
            if (name == null) {
                return DeleteControl.defaultDelete();
            }
            BucketBackend backend = backends.resolve(resource, resource.getSpec().getBackendRef()).backend();
            Map<String, String> tags;
            try {
                tags = backend.bucketTags(name);
            } catch (BackendException e) {
                if (e.reason() == BackendException.Reason.NOT_FOUND) {
                    return DeleteControl.defaultDelete();
                }
                throw e;
            }
            if (!DesiredBucket.managedBy(resource).equals(tags.get(GitopsApi.MANAGED_BY_TAG))) {
                events.warning(resource, "NotManaged", "bucket " + name + " is not marked as this S3Bucket's; left as it is");
                return DeleteControl.defaultDelete();
            }
            if ("Delete".equals(resource.getSpec().getDeletionPolicy())) {
                backend.deleteBucket(name, true);
                LOG.info("Deleted bucket {} with its objects (deletionPolicy Delete)", name);
                events.normal(resource, "Deleted", "bucket " + name + " emptied and deleted (deletionPolicy Delete)");
            } else {
                Map<String, String> kept = new HashMap<>(tags);
                kept.remove(GitopsApi.MANAGED_BY_TAG);
                backend.setBucketTags(name, kept);
                events.normal(resource, "Retained", "bucket " + name + " left with its objects (deletionPolicy Retain)");
            }
            return DeleteControl.defaultDelete();
        } catch (ClaimRefusedException | MissingReferenceException e) {
            events.warning(resource, "DeletionBlocked", e.getMessage() + "; the bucket is left until the backend is reachable");
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(RECHECK);
        } finally {
            MDC.clear();
        }
    }

    @Override
    public ErrorStatusUpdateControl<S3Bucket> updateErrorStatus(S3Bucket resource, Context<S3Bucket> context, Exception e) {
        LOG.warn("S3Bucket {}/{}: reconcile failed, retrying with backoff: {}", resource.getMetadata().getNamespace(),
                resource.getMetadata().getName(), e.getMessage());
        S3BucketStatus status = resource.getStatus() == null ? new S3BucketStatus() : resource.getStatus();
        ReadyCondition.set(status, resource.getMetadata().getGeneration(), false,
                e instanceof BackendException ? "BackendUnavailable" : "ReconcileFailed", String.valueOf(e.getMessage()),
                clock.instant());
        resource.setStatus(status);
        return ErrorStatusUpdateControl.patchStatus(resource);
    }

    private UpdateControl<S3Bucket> refused(S3Bucket resource, String reason, String message, Duration recheck) {
        LOG.warn("S3Bucket {}/{} not reconciled ({}): {}", resource.getMetadata().getNamespace(),
                resource.getMetadata().getName(), reason, message);
        S3BucketStatus before = resource.getStatus();
        boolean news = !reason.equals(ReadyCondition.reason(before)) || before == null
                || !message.equals(before.getLastError())
                || !Objects.equals(before.getObservedGeneration(), resource.getMetadata().getGeneration());
        if (news) {
            events.warning(resource, reason, message);
        }
        S3BucketStatus status = before == null ? new S3BucketStatus() : before;
        ReadyCondition.set(status, resource.getMetadata().getGeneration(), false, reason, message, clock.instant());
        UpdateControl<S3Bucket> control = patch(resource, status);
        return recheck == null ? control : control.rescheduleAfter(recheck);
    }

    private static UpdateControl<S3Bucket> patch(S3Bucket resource, S3BucketStatus status) {
        resource.setStatus(status);
        return UpdateControl.patchStatus(resource);
    }

    private static void logContext(S3Bucket resource) {
        MDC.put("kind", "S3Bucket");
        MDC.put("ns", resource.getMetadata().getNamespace());
        MDC.put("name", resource.getMetadata().getName());
    }
}
