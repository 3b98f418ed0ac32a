package io.stowage.kube.gitops;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.stowage.backend.AccessKey;
import io.stowage.backend.BucketBackend;
import io.stowage.backend.s3.S3ObjectClient;
import io.stowage.kube.model.InvalidSpecException;
import io.stowage.kube.model.MissingReferenceException;
import io.stowage.kube.provision.BackendRef;
import io.stowage.kube.provision.BackendResolver;
import io.stowage.kube.provision.ClaimRefusedException;
import java.util.Optional;

/**
 * The backend a GitOps resource names, and an S3 client for the bucket settings that only S3 reaches (versioning, policy),
 * signed with the key the backend Secret's optional {@code accessKey}/{@code secretKey} give (on Stowage, the root key).
 */
final class GitopsBackends {

    private final KubernetesClient client;
    private final BackendResolver resolver;
    private final GitopsSettings settings;

    GitopsBackends(KubernetesClient client, BackendResolver resolver, GitopsSettings settings) {
        this.client = client;
        this.resolver = resolver;
        this.settings = settings;
    }

    /**
     * The backend Secret: the one named, or the default. Whoever may write these resources in a namespace may name a
     * backend Secret: another namespace's (and its admin token) is theirs only when it is the default.
     */
    BackendRef ref(HasMetadata resource, BackendReference reference) throws ClaimRefusedException {
        String namespace = resource.getMetadata().getNamespace();
        if (reference == null || reference.getSecret() == null || reference.getSecret().isBlank()) {
            return settings.defaultBackend().orElseThrow(() -> new ClaimRefusedException("NoBackend",
                    "backendRef.secret names no backend Secret and the operator has no default backend"));
        }
        BackendRef ref;
        try {
            ref = BackendRef.parse(reference.getSecret(), namespace, "backendRef.secret");
        } catch (InvalidSpecException e) {
            throw new ClaimRefusedException("InvalidSpec", e.getMessage());
        }
        if (!ref.namespace().equals(namespace) && !settings.defaultBackend().map(ref::equals).orElse(false)) {
            throw new ClaimRefusedException("BackendNotAllowed", "backend Secret " + ref + " is in another namespace: name one of"
                    + " this namespace, or the operator's default backend");
        }
        return ref;
    }

    BucketBackend backend(BackendRef ref) throws MissingReferenceException {
        return resolver.backend(ref);
    }

    /** An S3 client with the backend Secret's key, or empty when the Secret gives none. The caller closes it. */
    Optional<S3ObjectClient> s3(BackendRef ref, BucketBackend backend) throws MissingReferenceException {
        Secret secret = client.secrets().inNamespace(ref.namespace()).withName(ref.name()).get();
        if (secret == null) {
            throw new MissingReferenceException("backend Secret " + ref + " does not exist");
        }
        var data = BackendResolver.data(secret);
        String id = data.get("accessKey");
        String key = data.get("secretKey");
        if (id == null || id.isBlank() || key == null || key.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(S3ObjectClient.open(backend.endpoint(), new AccessKey(id.strip(), key.strip())));
    }
}
