package io.stowage.kube.obc;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.stowage.backend.AccessKey;
import io.stowage.backend.AccessMode;
import io.stowage.backend.BucketBackend;
import io.stowage.backend.BucketGrant;
import io.stowage.backend.BucketState;
import io.stowage.kube.provision.Capability;
import io.stowage.kube.provision.ClaimRefusedException;
import io.stowage.kube.provision.KubeEvents;
import io.stowage.kube.provision.QuotaParameters;
import io.stowage.kube.provision.RetiringKey;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Brings a claim to Bound, one idempotent step after the other, so that a repeat after a crash at any
 * point ends in the same bucket and the same key:
 * <ol>
 * <li>the claim gets the finalizer, the label, {@code spec.objectBucketName} and, for
 *     {@code generateBucketName}, the generated name in {@code spec.bucketName}, in one conditional update:
 *     the name is generated once;</li>
 * <li>a bucket the claim is to create is recorded on the claim
 *     ({@link ObcNames#CREATED_BUCKET_ANNOTATION}) before it is created, and only if no bucket of that
 *     name exists: a bucket that exists without that record is someone else's, reported as taken (the one
 *     window left: another party creating that very name between the record and the creation);</li>
 * <li>the key is generated here and written to the claim's Secret before the backend gets it, so a
 *     repeat reuses it; keys of the claim's account that are not the Secret's (a crash's orphans) are
 *     deleted, but for the key a rotation replaced, which keeps working for the rotation grace
 *     ({@link RetiringKey}, recorded on the Secret in the write that hands out the new key);</li>
 * <li>the ConfigMap and the ObjectBucket, then the phases.</li>
 * </ol>
 * A claim asking for a quota or read-only access on a backend that cannot do it is refused before the first step.
 */
final class ClaimProvisioner {

    private final ObcWrites writes;
    private final KubeEvents events;
    private final Clock clock;
    private final Duration rotationGrace;

    ClaimProvisioner(ObcWrites writes, KubeEvents events, Clock clock, Duration rotationGrace) {
        this.writes = writes;
        this.events = events;
        this.clock = clock;
        this.rotationGrace = rotationGrace;
    }

    /** A provisioned claim as last written, and the key a rotation replaced, if it still works. */
    record Provisioned(ObjectBucketClaim claim, Optional<RetiringKey> retiring) {
    }

    /** The Secret's key, and the key it replaced, if the Secret records one. */
    private record HeldKey(AccessKey key, Optional<RetiringKey> retiring) {
    }

    /** Provisions the claim. */
    Provisioned provision(ObjectBucketClaim claim, ObcRequest request, BucketBackend backend)
            throws ClaimRefusedException {
        Capability.require(backend.capabilities(), "backend Secret " + request.backend(), needs(request));
        claim = adopt(claim, request);
        String bucket = request.bucketName() != null ? request.bucketName() : claim.getSpec().getBucketName();
        String account = ObcNames.account(claim.getMetadata().getUid());
        BucketGrant grant = new BucketGrant(bucket, request.access());
        ObjectBucket bound = writes.objectBucket(claim.getSpec().getObjectBucketName());
        refuseChanges(claim, bound, bucket);

        if (request.brownfield()) {
            if (backend.findBucket(bucket).isEmpty()) {
                throw new ClaimRefusedException("BucketNotFound", "the StorageClass's bucket " + bucket + " does not exist");
            }
        } else {
            claim = createBucket(claim, request, backend, bucket);
        }
        ObjectBucket ob = ObcResources.objectBucket(claim, request, bucket, backend.endpoint(), !request.brownfield());
        if (bound == null || !sameContent(ob, bound)) {
            ob = writes.writeObjectBucket(ob);
        } else {
            ob = bound;
        }

        HeldKey held = ensureKey(claim, backend, account, grant);
        Optional<RetiringKey> retiring = held.retiring().filter(r -> !r.id().equals(held.key().id()));
        Optional<RetiringKey> working = retiring.filter(r -> r.inGrace(clock.instant()));
        for (String id : backend.keys(account)) {
            if (id.equals(held.key().id()) || working.filter(r -> r.id().equals(id)).isPresent()) {
                continue;
            }
            backend.deleteKey(id);
            if (retiring.filter(r -> r.id().equals(id)).isPresent()) {
                events.normal(claim, "KeyRetired", "access key " + id + " deleted, " + rotationGrace
                        + " after the Secret got access key " + held.key().id());
            }
        }
        ConfigMap config = ObcResources.configMap(claim, bucket, backend.endpoint());
        ConfigMap current = writes.configMap(claim);
        if (current == null || !config.getData().equals(current.getData())
                || !current.getMetadata().getFinalizers().contains(ObcNames.FINALIZER)) {
            writes.writeConfigMap(config);
        }
        writes.objectBucketPhase(ob, BucketPhase.Bound);
        return new Provisioned(claim, working);
    }

    /** A quota counts only on a bucket the claim creates: the class's existing bucket keeps its own. */
    private static Set<Capability> needs(ObcRequest request) {
        Set<Capability> needs = EnumSet.noneOf(Capability.class);
        if (!request.brownfield()) {
            needs.addAll(Capability.forQuota(request.quota()));
        }
        if (request.access() == AccessMode.READ_ONLY) {
            needs.add(Capability.READ_ONLY_GRANTS);
        }
        return needs;
    }

    /**
     * Like lib-bucket-provisioner, a bound claim's bucket and class do not change: the bucket it has would
     * be left behind. An ObjectBucket of another claim (a namesake deleted earlier) is not overwritten.
     */
    private static void refuseChanges(ObjectBucketClaim claim, ObjectBucket bound, String bucket)
            throws ClaimRefusedException {
        String created = createdBucket(claim);
        if (created != null && !created.equals(bucket)) {
            throw new ClaimRefusedException("ClaimChanged", "the claim's bucket is " + created + "; it cannot change to " + bucket);
        }
        if (bound == null) {
            return;
        }
        if (bound.getSpec().getClaimRef() == null || !claim.getMetadata().getUid().equals(bound.getSpec().getClaimRef().getUid())) {
            throw new ClaimRefusedException("ObjectBucketExists", "ObjectBucket " + bound.getMetadata().getName()
                    + " exists for another claim");
        }
        String boundBucket = bound.getSpec().getEndpoint() == null ? null : bound.getSpec().getEndpoint().getBucketName();
        if (!bucket.equals(boundBucket) || !claim.getSpec().getStorageClassName().equals(bound.getSpec().getStorageClassName())) {
            throw new ClaimRefusedException("ClaimChanged", "the claim is bound to bucket " + boundBucket + " of StorageClass "
                    + bound.getSpec().getStorageClassName() + ": neither can change");
        }
    }

    private static boolean sameContent(ObjectBucket desired, ObjectBucket current) {
        return Objects.equals(desired.getSpec().getReclaimPolicy(), current.getSpec().getReclaimPolicy())
                && Objects.equals(desired.getSpec().getAdditionalState(), current.getSpec().getAdditionalState())
                && current.getSpec().getEndpoint() != null
                && Objects.equals(desired.getSpec().getEndpoint().getBucketHost(), current.getSpec().getEndpoint().getBucketHost())
                && desired.getSpec().getEndpoint().getBucketPort() == current.getSpec().getEndpoint().getBucketPort()
                && Objects.equals(desired.getSpec().getEndpoint().getRegion(), current.getSpec().getEndpoint().getRegion())
                && current.getMetadata().getFinalizers().contains(ObcNames.FINALIZER);
    }

    private ObjectBucketClaim adopt(ObjectBucketClaim claim, ObcRequest request) {
        ObjectBucketClaimSpec spec = claim.getSpec();
        String obName = ObcNames.objectBucketName(claim.getMetadata().getNamespace(), claim.getMetadata().getName());
        boolean generate = request.bucketName() == null && spec.getBucketName() == null;
        boolean labelled = claim.getMetadata().getLabels() != null
                && ObcNames.LABEL_VALUE.equals(claim.getMetadata().getLabels().get(ObcNames.LABEL));
        if (claim.hasFinalizer(ObcNames.FINALIZER) && labelled && obName.equals(spec.getObjectBucketName()) && !generate) {
            return claim;
        }
        return writes.updateClaim(claim, c -> {
            c.addFinalizer(ObcNames.FINALIZER);
            if (c.getMetadata().getLabels() == null) {
                c.getMetadata().setLabels(new HashMap<>());
            }
            c.getMetadata().getLabels().put(ObcNames.LABEL, ObcNames.LABEL_VALUE);
            c.getSpec().setObjectBucketName(obName);
            if (generate) {
                c.getSpec().setBucketName(ObcNames.generatedBucketName(c.getSpec().getGenerateBucketName(), UUID.randomUUID()));
            }
        });
    }

    private ObjectBucketClaim createBucket(ObjectBucketClaim claim, ObcRequest request, BucketBackend backend,
            String bucket) throws ClaimRefusedException {
        if (!bucket.equals(createdBucket(claim))) {
            if (backend.findBucket(bucket).isPresent()) {
                throw new ClaimRefusedException("BucketNameTaken", "bucket " + bucket + " exists and is not this claim's");
            }
            claim = writes.updateClaim(claim, c -> {
                if (c.getMetadata().getAnnotations() == null) {
                    c.getMetadata().setAnnotations(new HashMap<>());
                }
                c.getMetadata().getAnnotations().put(ObcNames.CREATED_BUCKET_ANNOTATION, bucket);
            });
        }
        BucketState state = backend.createBucket(bucket, request.quota());
        if (state.created()) {
            events.normal(claim, "BucketCreated", "created bucket " + bucket);
        } else if (!state.quota().equals(request.quota())) {
            backend.setQuota(bucket, request.quota());
            events.normal(claim, "QuotaUpdated", "bucket " + bucket + " quota: " + QuotaParameters.describe(request.quota()));
        }
        return claim;
    }

    /** The bucket the claim recorded as its own, or null. */
    static String createdBucket(ObjectBucketClaim claim) {
        return claim.getMetadata().getAnnotations() == null ? null
                : claim.getMetadata().getAnnotations().get(ObcNames.CREATED_BUCKET_ANNOTATION);
    }

    /**
     * The Secret's key, made to exist on the backend with the claim's grant; a new one when rotation is asked for, the
     * old one then recorded on the Secret as retiring after the grace. A key still retiring from an earlier rotation is
     * deleted at once.
     */
    private HeldKey ensureKey(ObjectBucketClaim claim, BucketBackend backend, String account, BucketGrant grant)
            throws ClaimRefusedException {
        Secret secret = writes.secret(claim);
        if (secret != null && !ObcResources.ownedBy(secret, claim)) {
            throw new ClaimRefusedException("SecretExists",
                    "Secret " + claim.getMetadata().getName() + " exists and does not belong to this claim");
        }
        String rotate = annotation(claim, ObcNames.ROTATE_ANNOTATION);
        Optional<AccessKey> held = secret == null ? Optional.empty() : ObcResources.key(secret);
        if (held.isEmpty()) {
            AccessKey fresh = backend.newKey();
            writes.writeSecret(ObcResources.secret(claim, fresh, rotate), secret);
            backend.createKey(account, fresh, Optional.of(grant));
            return new HeldKey(fresh, Optional.empty());
        }
        AccessKey key = held.get();
        backend.createKey(account, key, Optional.of(grant));
        Optional<RetiringKey> earlier = RetiringKey.of(secret);
        if (rotate == null || rotate.equals(ObcResources.rotated(secret))) {
            return new HeldKey(key, earlier);
        }
        AccessKey rotated = backend.newKey();
        backend.createKey(account, rotated, Optional.of(grant));
        RetiringKey retiring = new RetiringKey(key.id(), clock.instant().plus(rotationGrace));
        Secret written = ObcResources.secret(claim, rotated, rotate);
        retiring.recordOn(written.getMetadata());
        writes.writeSecret(written, secret);
        events.normal(claim, "CredentialsRotated", "new access key " + rotated.id() + " in Secret "
                + claim.getMetadata().getName() + "; key " + key.id() + " keeps working for " + rotationGrace);
        if (earlier.isPresent() && !earlier.get().id().equals(key.id()) && backend.keys(account).contains(earlier.get().id())) {
            backend.deleteKey(earlier.get().id());
            events.normal(claim, "KeyRetired", "access key " + earlier.get().id() + " deleted: the Secret changed again");
        }
        return new HeldKey(rotated, Optional.of(retiring));
    }

    static String annotation(ObjectBucketClaim claim, String name) {
        return claim.getMetadata().getAnnotations() == null ? null : claim.getMetadata().getAnnotations().get(name);
    }
}
