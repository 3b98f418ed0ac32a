package io.stowage.kube.cosi.operator;

import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.Secret;
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
import io.stowage.kube.cosi.CosiException;
import io.stowage.kube.cosi.CosiProvisioner;
import io.stowage.kube.cosi.GrantedAccess;
import io.stowage.kube.cosi.crd.Bucket;
import io.stowage.kube.cosi.crd.BucketAccess;
import io.stowage.kube.cosi.crd.BucketAccessClass;
import io.stowage.kube.cosi.crd.BucketAccessStatus;
import io.stowage.kube.cosi.crd.BucketClaim;
import io.stowage.kube.cosi.crd.CosiApi;
import io.stowage.kube.provision.FrontEnd;
import io.stowage.kube.provision.KubeEvents;
import io.stowage.kube.provision.ProvisioningAnnotations;
import io.stowage.kube.provision.ProvisioningMetrics;
import io.stowage.kube.provision.RetiringKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The COSI sidecar's part for BucketAccesses whose BucketAccessClass names this driver. Once the claim's
 * Bucket is ready it grants access through {@link CosiProvisioner} to the account {@code ba-<uid>} and
 * writes the credentials Secret ({@link CredentialsSecret}), with the finalizers the upstream sidecar
 * sets; on deletion it revokes the access, deletes the Secret and releases the finalizers.
 *
 * <p>No duplicate keys after a crash: the finalizers go on before the grant; a grant adds a key and
 * retires the account's other keys only after the Secret holds the new one, so a repeated grant leaves
 * one key; and a Secret the sidecar wrote stands for a grant done, whose account keeps only the Secret's
 * key once the status says granted. A Secret of that name that the
 * sidecar did not write is never overwritten. A new value of {@link CosiAnnotations#ROTATE_CREDENTIALS}
 * rotates the key the same way and is recorded in {@link CosiAnnotations#CREDENTIALS_ROTATED}; the old key then keeps
 * working for the rotation grace ({@link RetiringKey}, recorded on the Secret in the write that hands out the new key),
 * and the reconcile is rescheduled for the moment it goes.
 */
@ControllerConfiguration(name = BucketAccessReconciler.NAME, generationAwareEventProcessing = false,
        triggerReconcilerOnAllEvents = true,
        maxReconciliationInterval = @MaxReconciliationInterval(interval = 10, timeUnit = TimeUnit.MINUTES))
@GradualRetry(maxAttempts = -1, initialInterval = 1_000, intervalMultiplier = 2, maxInterval = 300_000)
public final class BucketAccessReconciler implements Reconciler<BucketAccess> {

    public static final String NAME = "cosi-bucketaccess";

    private final KubernetesClient client;
    private final CosiProvisioner provisioner;
    private final KubeEvents events;
    private final ProvisioningMetrics metrics;
    private final Clock clock;
    private final CosiFailures failures;
    private final Duration rotationGrace;

    /**
     * @param rotationGrace how long the key a rotation replaced keeps working once the Secret holds the new one
     */
    public BucketAccessReconciler(KubernetesClient client, CosiProvisioner provisioner, KubeEvents events,
            ProvisioningMetrics metrics, Clock clock, Duration rotationGrace) {
        this.client = client;
        this.rotationGrace = rotationGrace;
        this.provisioner = provisioner;
        this.events = events;
        this.metrics = metrics;
        this.clock = clock;
        this.failures = new CosiFailures(events, metrics);
    }

    /** What a BucketAccess refers to, as far as it exists. */
    private record Refs(BucketAccessClass accessClass, BucketClaim claim, Bucket bucket) {

        String bucketId() {
            return bucket == null || bucket.getStatus() == null || !Boolean.TRUE.equals(bucket.getStatus().getBucketReady())
                    ? null : bucket.getStatus().getBucketID();
        }
    }

    @Override
    public UpdateControl<BucketAccess> reconcile(BucketAccess access, Context<BucketAccess> context) {
        if (context.isPrimaryResourceDeleted()) {
            return UpdateControl.noUpdate();
        }
        Refs refs = refs(access);
        if (!ours(access, refs)) {
            return UpdateControl.noUpdate();
        }
        try {
            return access.isMarkedForDeletion() ? revoke(access, refs, context) : grant(access, refs);
        } catch (CosiException e) {
            return failures.handle(CosiFailure.of(e), access);
        }
    }

    /** A claim or its Bucket becoming ready (or being abandoned) concerns the BucketAccesses to the claim. */
    @Override
    public List<EventSource<?, BucketAccess>> prepareEventSources(EventSourceContext<BucketAccess> context) {
        var claims = new InformerEventSource<>(InformerEventSourceConfiguration.from(BucketClaim.class, BucketAccess.class)
                .withSecondaryToPrimaryMapper(claim -> accessesTo(claim.getMetadata().getNamespace(),
                        claim.getMetadata().getName(), context))
                .build(), context);
        var buckets = new InformerEventSource<>(InformerEventSourceConfiguration.from(Bucket.class, BucketAccess.class)
                .withWatchAllNamespaces()
                .withSecondaryToPrimaryMapper(bucket -> {
                    ObjectReference claim = bucket.getSpec().getBucketClaim();
                    return claim == null || claim.getName() == null ? Set.of()
                            : accessesTo(claim.getNamespace(), claim.getName(), context);
                })
                .build(), context);
        return List.of(claims, buckets);
    }

    private static Set<ResourceID> accessesTo(String namespace, String claimName, EventSourceContext<BucketAccess> context) {
        return context.getPrimaryCache().list(namespace, a -> claimName.equals(a.getSpec().getBucketClaimName()))
                .map(ResourceID::fromResource).collect(Collectors.toSet());
    }

    private UpdateControl<BucketAccess> grant(BucketAccess access, Refs refs) throws CosiException {
        BucketAccessClass accessClass = refs.accessClass();
        if (!CosiApi.AUTHENTICATION_KEY.equals(accessClass.getAuthenticationType())) {
            return failures.handle(CosiFailure.invalid("BucketAccessClass " + accessClass.getMetadata().getName()
                    + ": authenticationType " + accessClass.getAuthenticationType() + " is not supported; use Key"), access);
        }
        String protocol = access.getSpec().getProtocol();
        if (protocol != null && !protocol.isBlank() && !CosiApi.PROTOCOL_S3.equals(protocol)) {
            return failures.handle(CosiFailure.invalid("protocol " + protocol + " is not supported; use S3"), access);
        }
        String secretName = access.getSpec().getCredentialsSecretName();
        if (secretName == null || secretName.isBlank()) {
            return failures.handle(CosiFailure.invalid("spec.credentialsSecretName is required"), access);
        }
        String bucketId = refs.bucketId();
        if (refs.claim() == null || bucketId == null) {
            // the claim and Bucket informers bring the access back once the bucket is ready
            return UpdateControl.noUpdate();
        }
        Resource<Secret> secretResource = client.secrets().inNamespace(access.getMetadata().getNamespace()).withName(secretName);
        Secret existing = secretResource.get();
        if (existing != null && !CredentialsSecret.writtenBySidecar(existing)) {
            return failures.handle(CosiFailure.missing("SecretNameTaken", "Secret " + secretName
                    + " exists and was not written by the COSI sidecar: it is not overwritten; delete it or name another"),
                    access);
        }
        String rotation = CosiAnnotations.pendingRotation(access);
        if (existing != null && rotation == null) {
            return keep(access, bucketId, secretResource, existing);
        }
        Finalizers.add(access(access), CosiApi.BUCKET_ACCESS_PROTECTION);
        Finalizers.add(bucket(refs.bucket()), CosiApi.BUCKET_ACCESS_BUCKET_PROTECTION);
        Map<String, String> parameters = Objects.requireNonNullElse(accessClass.getParameters(), Map.of());
        GrantedAccess granted = provisioner.grantAdditionalKey(bucketId, CosiApi.accountName(access), parameters);
        Secret secret = CredentialsSecret.of(access, refs.bucket().getMetadata().getName(), granted);
        Optional<RetiringKey> retiring = existing == null ? Optional.empty()
                : Optional.ofNullable(CredentialsSecret.accessKeyId(existing))
                        .map(id -> new RetiringKey(id, clock.instant().plus(rotationGrace)));
        if (existing == null) {
            secretResource.create(secret);
        } else {
            secretResource.edit(s -> {
                s.setData(secret.getData());
                retiring.ifPresent(r -> r.recordOn(s.getMetadata()));
                return s;
            });
        }
        Optional<RetiringKey> earlier = existing == null ? Optional.empty() : RetiringKey.of(existing);
        List<String> deleted = provisioner.retireKeysOtherThan(bucketId, granted.accountId(), granted.key().id(),
                retiring.map(r -> Set.of(r.id())).orElse(Set.of()));
        earlier.filter(r -> deleted.contains(r.id())).ifPresent(r -> events.normal(access, "KeyRetired",
                "access key " + r.id() + " deleted: the Secret changed again"));
        if (existing == null) {
            metrics.provisioned(FrontEnd.COSI, sinceCreation(access));
            events.normal(access, "AccessGranted", "Credentials for bucket " + refs.bucket().getMetadata().getName()
                    + " written to Secret " + secretName);
        } else {
            events.normal(access, "CredentialsRotated", "New credentials written to Secret " + secretName
                    + retiring.map(r -> "; key " + r.id() + " keeps working for " + rotationGrace).orElse(""));
        }
        if (rotation != null) {
            access(access).edit(a -> {
                CosiAnnotations.set(a, CosiAnnotations.CREDENTIALS_ROTATED, rotation);
                return a;
            });
        }
        markGranted(access, granted.accountId());
        return comeBackFor(retiring);
    }

    /**
     * The Secret is written and no rotation is asked for. A crash after the Secret was written, before the other keys
     * were retired, leaves them behind (an earlier grant's key that no Secret ever held); a rotation's old key goes
     * once its grace is over, and its record on the Secret with it.
     */
    private UpdateControl<BucketAccess> keep(BucketAccess access, String bucketId, Resource<Secret> secretResource,
            Secret existing) throws CosiException {
        String keyId = CredentialsSecret.accessKeyId(existing);
        Optional<RetiringKey> retiring = RetiringKey.of(existing);
        Optional<RetiringKey> working = retiring.filter(r -> r.inGrace(clock.instant()));
        if (keyId != null && (!granted(access) || retiring.isPresent())) {
            List<String> deleted = provisioner.retireKeysOtherThan(bucketId, accountId(access), keyId,
                    working.map(r -> Set.of(r.id())).orElse(Set.of()));
            retiring.filter(r -> deleted.contains(r.id())).ifPresent(r -> events.normal(access, "KeyRetired",
                    "access key " + r.id() + " deleted, " + rotationGrace + " after the Secret got access key " + keyId));
        }
        if (retiring.isPresent() && working.isEmpty()) {
            secretResource.edit(s -> {
                s.getMetadata().getAnnotations().remove(ProvisioningAnnotations.RETIRING_KEY);
                s.getMetadata().getAnnotations().remove(ProvisioningAnnotations.RETIRE_AT);
                return s;
            });
        }
        markGranted(access, accountId(access));
        return comeBackFor(working);
    }

    /** Comes back when the retiring key is due, if there is one. */
    private UpdateControl<BucketAccess> comeBackFor(Optional<RetiringKey> retiring) {
        return retiring.map(r -> UpdateControl.<BucketAccess>noUpdate().rescheduleAfter(r.untilDue(clock.instant())))
                .orElseGet(UpdateControl::noUpdate);
    }

    private UpdateControl<BucketAccess> revoke(BucketAccess access, Refs refs, Context<BucketAccess> context)
            throws CosiException {
        if (!access.hasFinalizer(CosiApi.BUCKET_ACCESS_PROTECTION)) {
            return UpdateControl.noUpdate();
        }
        String name = access.getMetadata().getName();
        if (CosiAnnotations.abandoned(access) || CosiAnnotations.abandoned(refs.claim())
                || CosiAnnotations.abandoned(refs.bucket())) {
            events.warning(access, "Abandoned", "BucketAccess " + name + " released without calling the backend: account "
                    + accountId(access) + " keeps its keys there until removed by hand");
        } else if (refs.bucketId() != null) {
            provisioner.revokeAccess(refs.bucketId(), accountId(access));
            events.normal(access, "AccessRevoked", "Access of account " + accountId(access) + " revoked");
        }
        String secretName = access.getSpec().getCredentialsSecretName();
        if (secretName != null && !secretName.isBlank()) {
            Resource<Secret> secret = client.secrets().inNamespace(access.getMetadata().getNamespace()).withName(secretName);
            Secret current = secret.get();
            if (current != null && CredentialsSecret.writtenBySidecar(current)) {
                Finalizers.remove(secret, CosiApi.SECRET_PROTECTION);
                secret.delete();
            }
        }
        if (refs.bucket() != null && !otherAccessesHold(access, refs.claim(), context)) {
            Finalizers.remove(bucket(refs.bucket()), CosiApi.BUCKET_ACCESS_BUCKET_PROTECTION);
        }
        Finalizers.remove(access(access), CosiApi.BUCKET_ACCESS_PROTECTION);
        return UpdateControl.noUpdate();
    }

    /** Whether another BucketAccess to the same claim still holds access, and so the Bucket its finalizer. */
    private static boolean otherAccessesHold(BucketAccess access, BucketClaim claim, Context<BucketAccess> context) {
        return claim != null && context.getPrimaryCache()
                .list(access.getMetadata().getNamespace(), a -> claim.getMetadata().getName().equals(a.getSpec().getBucketClaimName())
                        && !a.getMetadata().getUid().equals(access.getMetadata().getUid())
                        && a.hasFinalizer(CosiApi.BUCKET_ACCESS_PROTECTION))
                .findAny().isPresent();
    }

    /**
     * Ours when its class names this driver; when the class is gone, a BucketAccess being deleted is
     * still ours if its Bucket is.
     */
    private boolean ours(BucketAccess access, Refs refs) {
        if (refs.accessClass() != null) {
            return provisioner.driverName().equalsIgnoreCase(refs.accessClass().getDriverName());
        }
        return access.isMarkedForDeletion() && refs.bucket() != null
                && provisioner.driverName().equalsIgnoreCase(refs.bucket().getSpec().getDriverName());
    }

    private Refs refs(BucketAccess access) {
        String namespace = access.getMetadata().getNamespace();
        String className = access.getSpec().getBucketAccessClassName();
        BucketAccessClass accessClass = className == null ? null
                : client.resources(BucketAccessClass.class).withName(className).get();
        String claimName = access.getSpec().getBucketClaimName();
        BucketClaim claim = claimName == null ? null
                : client.resources(BucketClaim.class).inNamespace(namespace).withName(claimName).get();
        String bucketName = claim == null || claim.getStatus() == null ? null : claim.getStatus().getBucketName();
        Bucket bucket = bucketName == null ? null : client.resources(Bucket.class).withName(bucketName).get();
        return new Refs(accessClass, claim, bucket);
    }

    private static boolean granted(BucketAccess access) {
        BucketAccessStatus status = access.getStatus();
        return status != null && Boolean.TRUE.equals(status.getAccessGranted()) && status.getAccountID() != null;
    }

    private void markGranted(BucketAccess access, String accountId) {
        BucketAccessStatus status = access.getStatus();
        if (status != null && Boolean.TRUE.equals(status.getAccessGranted()) && accountId.equals(status.getAccountID())) {
            return;
        }
        access(access).editStatus(a -> {
            BucketAccessStatus granted = new BucketAccessStatus();
            granted.setAccountID(accountId);
            granted.setAccessGranted(true);
            a.setStatus(granted);
            return a;
        });
    }

    /** The account granted to: the one the status records, else the one a grant would have used. */
    private static String accountId(BucketAccess access) {
        String recorded = access.getStatus() == null ? null : access.getStatus().getAccountID();
        return recorded == null || recorded.isBlank() ? CosiApi.accountName(access) : recorded;
    }

    private Duration sinceCreation(BucketAccess access) {
        String created = access.getMetadata().getCreationTimestamp();
        return created == null ? Duration.ZERO : Duration.between(Instant.parse(created), clock.instant());
    }

    private Resource<BucketAccess> access(BucketAccess access) {
        return client.resources(BucketAccess.class).inNamespace(access.getMetadata().getNamespace())
                .withName(access.getMetadata().getName());
    }

    private Resource<Bucket> bucket(Bucket bucket) {
        return client.resources(Bucket.class).withName(bucket.getMetadata().getName());
    }
}
