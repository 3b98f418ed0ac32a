package io.stowage.kube.obc;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.ArrayList;
import java.util.function.Consumer;

/**
 * The provisioner's reads and writes of claims and their objects. Writes that decide what exists (the
 * claim's bucket name and owned bucket, the Secret's key) are updates against the resourceVersion read,
 * so that two operators racing cannot both win: the loser gets a conflict and retries on fresh state.
 */
final class ObcWrites {

    private final KubernetesClient client;

    ObcWrites(KubernetesClient client) {
        this.client = client;
    }

    /** The claim as the server has it now, or null once it is gone. */
    ObjectBucketClaim claim(ObjectBucketClaim claim) {
        return client.resources(ObjectBucketClaim.class).inNamespace(claim.getMetadata().getNamespace())
                .withName(claim.getMetadata().getName()).get();
    }

    /** Changes the claim's metadata or spec, failing with a conflict when it changed since it was read. */
    ObjectBucketClaim updateClaim(ObjectBucketClaim claim, Consumer<ObjectBucketClaim> change) {
        change.accept(claim);
        return client.resource(claim).update();
    }

    /**
     * Moves the claim to {@code phase}; true only when this call made the change, judged on the server's copy because
     * the informer's may still miss an earlier reconcile's status write.
     */
    boolean claimPhase(ObjectBucketClaim claim, ClaimPhase phase) {
        if (claim.getStatus() != null && claim.getStatus().getPhase() == phase) {
            return false;
        }
        ObjectBucketClaim fresh = claim(claim);
        if (fresh == null) {
            return false;
        }
        if (fresh.getStatus() != null && fresh.getStatus().getPhase() == phase) {
            claim.setStatus(new ObjectBucketClaimStatus(phase));
            return false;
        }
        boolean unchangedSinceRead = fresh.getMetadata().getResourceVersion().equals(claim.getMetadata().getResourceVersion());
        fresh.setStatus(new ObjectBucketClaimStatus(phase));
        ObjectBucketClaim updated = client.resource(fresh).updateStatus();
        claim.setStatus(new ObjectBucketClaimStatus(phase));
        if (unchangedSinceRead) {
            // the claim in hand is still the server's: a conditional update of it must not fail on our own write
            claim.getMetadata().setResourceVersion(updated.getMetadata().getResourceVersion());
        }
        return true;
    }

    Secret secret(ObjectBucketClaim claim) {
        return client.secrets().inNamespace(claim.getMetadata().getNamespace()).withName(claim.getMetadata().getName()).get();
    }

    /** Creates the Secret, or replaces the one read ({@code current}), failing on a conflict either way. */
    Secret writeSecret(Secret desired, Secret current) {
        if (current == null) {
            return client.resource(desired).create();
        }
        desired.getMetadata().setResourceVersion(current.getMetadata().getResourceVersion());
        return client.resource(desired).update();
    }

    ConfigMap configMap(ObjectBucketClaim claim) {
        return client.configMaps().inNamespace(claim.getMetadata().getNamespace()).withName(claim.getMetadata().getName()).get();
    }

    void writeConfigMap(ConfigMap desired) {
        client.resource(desired).createOr(NonDeletingOperation::update);
    }

    ObjectBucket objectBucket(String name) {
        return client.resources(ObjectBucket.class).withName(name).get();
    }

    ObjectBucket writeObjectBucket(ObjectBucket desired) {
        return client.resource(desired).createOr(NonDeletingOperation::update);
    }

    void objectBucketPhase(ObjectBucket ob, BucketPhase phase) {
        if (ob.getStatus() != null && ob.getStatus().getPhase() == phase) {
            return;
        }
        ObjectBucket fresh = objectBucket(ob.getMetadata().getName());
        if (fresh == null) {
            return;
        }
        fresh.setStatus(new ObjectBucketStatus(phase));
        client.resource(fresh).updateStatus();
    }

    /** Drops the finalizer of the named object, if it and the finalizer are there. */
    <T extends HasMetadata> void removeFinalizer(Resource<T> resource) {
        T current = resource.get();
        if (current == null || !current.getMetadata().getFinalizers().contains(ObcNames.FINALIZER)) {
            return;
        }
        resource.edit(r -> {
            var finalizers = new ArrayList<>(r.getMetadata().getFinalizers());
            finalizers.remove(ObcNames.FINALIZER);
            r.getMetadata().setFinalizers(finalizers);
            return r;
        });
    }

    /** Releases the claim's objects: the ObjectBucket is deleted, the Secret and ConfigMap are left to the garbage collector. */
    void release(ObjectBucketClaim claim) {
        String ns = claim.getMetadata().getNamespace();
        String name = claim.getMetadata().getName();
        removeFinalizer(client.secrets().inNamespace(ns).withName(name));
        removeFinalizer(client.configMaps().inNamespace(ns).withName(name));
        var ob = client.resources(ObjectBucket.class).withName(ObcNames.objectBucketName(ns, name));
        removeFinalizer(ob);
        ob.delete();
        removeFinalizer(client.resources(ObjectBucketClaim.class).inNamespace(ns).withName(name));
    }
}
