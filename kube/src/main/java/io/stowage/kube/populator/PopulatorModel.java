package io.stowage.kube.populator;

import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The objects of populator-machinery's steps for one user claim, as plain functions: the prime claim, the
 * credentials Secret copied next to it, the populator pod, and the claim reference that rebinds the prime
 * claim's volume to the user's claim.
 *
 * <p>Why everything lives in the operator's namespace, as lib-volume-populator does it: the pod runs with the
 * operator's image under the operator's control, and users who may create pods in their namespace must not be able
 * to alter or exec into it, nor see a claim they did not make. A pod can mount only Secrets of its own namespace,
 * so the BucketSource's credentials are copied there, owned by nothing (owner references do not cross namespaces)
 * and deleted at cleanup.
 */
public final class PopulatorModel {

    public static final String MOUNT_PATH = "/data";
    public static final String SECRET_PATH = "/secret";
    public static final String CONTAINER = "populate";
    /** The image's unprivileged user (distroless "nonroot"); fsGroup makes the new volume writable for it. */
    public static final long RUN_AS = 65532L;
    /** The keys of the user's Secret the worker reads from --secret-dir: nothing else is copied. */
    public static final String CA_BUNDLE = "caBundle";
    public static final List<String> SECRET_KEYS = List.of("accessKeyID", "secretAccessKey", CA_BUNDLE);

    private PopulatorModel() {
    }

    /** The claim the pod fills: the user's storage class, size, access modes and volume mode, no data source. */
    public static PersistentVolumeClaim primeClaim(PersistentVolumeClaim user, PopulatorNames names) {
        Map<String, String> annotations = new LinkedHashMap<>();
        String node = annotation(user, PopulatorAnnotations.SELECTED_NODE);
        if (node != null) {
            annotations.put(PopulatorAnnotations.SELECTED_NODE, node);
        }
        var spec = user.getSpec();
        return new PersistentVolumeClaimBuilder()
                .withNewMetadata()
                .withName(names.temporaries())
                .withNamespace(names.workingNamespace())
                .withLabels(labels(user))
                .withAnnotations(annotations)
                .endMetadata()
                .withNewSpec()
                .withAccessModes(spec.getAccessModes())
                .withResources(spec.getResources())
                .withStorageClassName(spec.getStorageClassName())
                .withVolumeMode(spec.getVolumeMode())
                .endSpec()
                .build();
    }

    /** The credentials the pod mounts: only the keys the worker reads. */
    public static Secret copiedSecret(PersistentVolumeClaim user, Secret credentials, PopulatorNames names) {
        Map<String, String> data = new LinkedHashMap<>();
        if (credentials.getData() != null) {
            for (String key : SECRET_KEYS) {
                if (credentials.getData().get(key) != null) {
                    data.put(key, credentials.getData().get(key));
                }
            }
        }
        return new SecretBuilder()
                .withNewMetadata()
                .withName(names.temporaries())
                .withNamespace(names.workingNamespace())
                .withLabels(labels(user))
                .endMetadata()
                .withType("Opaque")
                .withData(data)
                .build();
    }

    /** The pod running {@code stowage populate} on the prime claim, once (failed pods are replaced, not restarted). */
    public static Pod pod(PersistentVolumeClaim user, ResolvedSource source, PopulatorNames names, String image,
            List<String> pullSecrets) {
        return new PodBuilder()
                .withNewMetadata()
                .withName(names.temporaries())
                .withNamespace(names.workingNamespace())
                .withLabels(labels(user))
                .endMetadata()
                .withNewSpec()
                // With WaitForFirstConsumer the volume is made on the scheduler's node: the pod must run there too.
                .withNodeName(annotation(user, PopulatorAnnotations.SELECTED_NODE))
                .withRestartPolicy("Never")
                .withImagePullSecrets(pullSecrets.stream().map(LocalObjectReference::new).toList())
                .withAutomountServiceAccountToken(false)
                .withEnableServiceLinks(false)
                .withNewSecurityContext()
                .withRunAsNonRoot(true)
                .withRunAsUser(RUN_AS)
                .withRunAsGroup(RUN_AS)
                .withFsGroup(RUN_AS)
                .withFsGroupChangePolicy("OnRootMismatch")
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .endSecurityContext()
                .addNewContainer()
                .withName(CONTAINER)
                .withImage(image)
                .withArgs(arguments(source))
                // The last lines of the log when the worker dies without writing a message: the failure's reason.
                .withTerminationMessagePolicy("FallbackToLogsOnError")
                .withNewSecurityContext()
                .withAllowPrivilegeEscalation(false)
                .withReadOnlyRootFilesystem(true)
                .withNewCapabilities().withDrop("ALL").endCapabilities()
                .endSecurityContext()
                .withNewResources()
                .withRequests(Map.of("cpu", new Quantity("100m"), "memory", new Quantity("256Mi")))
                .withLimits(Map.of("cpu", new Quantity("2"), "memory", new Quantity("512Mi")))
                .endResources()
                .addNewVolumeMount().withName("target").withMountPath(MOUNT_PATH).endVolumeMount()
                .addNewVolumeMount().withName("credentials").withMountPath(SECRET_PATH).withReadOnly(true).endVolumeMount()
                // The JVM's temporary files: the root file system is read-only.
                .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
                .endContainer()
                .addNewVolume().withName("target").withNewPersistentVolumeClaim()
                .withClaimName(names.temporaries()).endPersistentVolumeClaim().endVolume()
                .addNewVolume().withName("credentials").withNewSecret().withSecretName(names.temporaries())
                .withDefaultMode(0440).endSecret().endVolume()
                .addNewVolume().withName("tmp").withNewEmptyDir().withSizeLimit(new Quantity("64Mi")).endEmptyDir().endVolume()
                .endSpec()
                .build();
    }

    /** {@code stowage populate}'s arguments: no secret among them (they come from the mounted Secret). */
    public static List<String> arguments(ResolvedSource source) {
        List<String> args = new ArrayList<>(List.of("populate", "--endpoint", source.endpoint(), "--bucket",
                source.bucket()));
        if (!source.prefix().isEmpty()) {
            args.addAll(List.of("--prefix", source.prefix()));
        }
        if (source.region() != null) {
            args.addAll(List.of("--region", source.region()));
        }
        args.addAll(List.of("--target", MOUNT_PATH, "--secret-dir", SECRET_PATH));
        source.include().forEach(glob -> args.addAll(List.of("--include", glob)));
        source.exclude().forEach(glob -> args.addAll(List.of("--exclude", glob)));
        return args;
    }

    /**
     * The claim reference that hands the prime claim's volume to the user's claim. Without a resourceVersion: the
     * PV controller then binds the user's claim to the volume, whatever version it has by then.
     */
    public static ObjectReference claimRef(PersistentVolumeClaim user) {
        return new ObjectReferenceBuilder()
                .withApiVersion("v1")
                .withKind("PersistentVolumeClaim")
                .withNamespace(user.getMetadata().getNamespace())
                .withName(user.getMetadata().getName())
                .withUid(user.getMetadata().getUid())
                .build();
    }

    /** The value of {@link PopulatorAnnotations#POPULATED_FROM}. */
    public static String populatedFrom(PersistentVolumeClaim user) {
        var ref = user.getSpec().getDataSourceRef();
        String namespace = ref.getNamespace() == null ? user.getMetadata().getNamespace() : ref.getNamespace();
        return namespace + "/" + ref.getName();
    }

    static Map<String, String> labels(PersistentVolumeClaim user) {
        return Map.of(PopulatorNames.LABEL_NAMESPACE, user.getMetadata().getNamespace(),
                PopulatorNames.LABEL_NAME, user.getMetadata().getName(),
                PopulatorNames.LABEL_COMPONENT, PopulatorNames.COMPONENT);
    }

    static String annotation(PersistentVolumeClaim claim, String key) {
        var annotations = claim.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(key);
    }
}
