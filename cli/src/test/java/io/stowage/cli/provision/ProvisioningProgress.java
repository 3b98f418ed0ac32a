package io.stowage.cli.provision;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.stowage.admin.client.AdminApiException;
import io.stowage.admin.client.AdminClient;
import io.stowage.kube.obc.ObcNames;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * How far each front end got with the crash test's claims, read from the API server and the backend: a
 * claim is finished when its workload has credentials it can use, begun when the operator's work on the backend
 * for it has started (an ObjectBucketClaim's bucket name recorded on it, which the operator writes just before
 * it creates the bucket; a BucketClaim's Bucket requested; an annotated Secret's key on the backend);
 * {@code begun} counts the claims begun and not finished.
 */
record ProvisioningProgress(String frontEnd, int finished, int begun, int total) {

    /** The crash test's claims, numbered 0 to count - 1 (a claim not made yet is neither begun nor finished): {@code crash-I} (OBC), {@code cosi-I}, {@code crash-s-I}. */
    record Claims(KubeObjects kube, KubernetesClient client, AdminClient admin, String namespace, String keyPrefix,
            String keySuffix) {

        List<ProvisioningProgress> progress(int count) {
            return List.of(
                    of("obc", count, i -> bound(kube.get("ObjectBucketClaim", namespace, "crash-" + i)),
                            i -> bucketRecorded(kube.get("ObjectBucketClaim", namespace, "crash-" + i))),
                    of("cosi", count, i -> granted(kube.get("BucketAccess", namespace, "cosi-" + i)),
                            i -> bucketRequested(kube.get("BucketClaim", namespace, "cosi-" + i))),
                    of("secret", count, i -> provisioned(client.secrets().inNamespace(namespace).withName("crash-s-" + i).get()),
                            i -> keyExists(keyPrefix + i + keySuffix)));
        }

        private boolean keyExists(String accessKeyId) {
            try {
                admin.getKey(accessKeyId);
                return true;
            } catch (AdminApiException e) {
                if (e.isNotFound()) {
                    return false;
                }
                throw e;
            }
        }
    }

    private static ProvisioningProgress of(String frontEnd, int count, IntPredicate finished, IntPredicate begun) {
        int done = 0;
        int started = 0;
        for (int i = 0; i < count; i++) {
            if (finished.test(i)) {
                done++;
            } else if (begun.test(i)) {
                started++;
            }
        }
        return new ProvisioningProgress(frontEnd, done, started, count);
    }

    /** Whether a claim was begun and is not finished: the operator is in the middle of provisioning it. */
    boolean midway() {
        return begun > 0;
    }

    @Override
    public String toString() {
        return frontEnd + ": " + finished + " of " + total + " finished, " + begun + " more begun";
    }

    private static boolean bound(GenericKubernetesResource claim) {
        return "Bound".equals(status(claim).get("phase"));
    }

    private static boolean bucketRecorded(GenericKubernetesResource claim) {
        return claim != null && claim.getMetadata().getAnnotations() != null
                && claim.getMetadata().getAnnotations().containsKey(ObcNames.CREATED_BUCKET_ANNOTATION);
    }

    private static boolean granted(GenericKubernetesResource access) {
        return Boolean.TRUE.equals(status(access).get("accessGranted"));
    }

    private static boolean bucketRequested(GenericKubernetesResource claim) {
        return status(claim).get("bucketName") != null;
    }

    private static boolean provisioned(Secret secret) {
        return secret != null && secret.getMetadata().getAnnotations() != null
                && secret.getMetadata().getAnnotations().containsKey("stowage.io/provisioned");
    }

    private static Map<?, ?> status(GenericKubernetesResource object) {
        return object != null && object.getAdditionalProperties().get("status") instanceof Map<?, ?> status ? status : Map.of();
    }
}
