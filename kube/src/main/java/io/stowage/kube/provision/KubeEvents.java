package io.stowage.kube.provision;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes events (core/v1) on the objects users look at, so that {@code kubectl describe} says what
 * the provisioners did and why something failed. An event that cannot be written is logged, never fatal.
 */
public final class KubeEvents {

    public static final String COMPONENT = "stowage-operator";
    private static final Logger LOG = LoggerFactory.getLogger(KubeEvents.class);

    public enum Type { Normal, Warning }

    private final KubernetesClient client;
    private final Clock clock;

    public KubeEvents(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    public void normal(HasMetadata involved, String reason, String message) {
        record(involved, Type.Normal, reason, message);
    }

    public void warning(HasMetadata involved, String reason, String message) {
        record(involved, Type.Warning, reason, message);
    }

    private void record(HasMetadata involved, Type type, String reason, String message) {
        String namespace = involved.getMetadata().getNamespace() == null ? "default" : involved.getMetadata().getNamespace();
        String now = Instant.now(clock).toString();
        var event = new EventBuilder()
                .withNewMetadata()
                .withNamespace(namespace)
                .withName(involved.getMetadata().getName() + "." + UUID.randomUUID().toString().replace("-", "").substring(0, 16))
                .endMetadata()
                .withInvolvedObject(new ObjectReferenceBuilder()
                        .withApiVersion(involved.getApiVersion())
                        .withKind(involved.getKind())
                        .withNamespace(involved.getMetadata().getNamespace())
                        .withName(involved.getMetadata().getName())
                        .withUid(involved.getMetadata().getUid())
                        .withResourceVersion(involved.getMetadata().getResourceVersion())
                        .build())
                .withType(type.name())
                .withReason(reason)
                .withMessage(message.length() > 1024 ? message.substring(0, 1024) : message)
                .withFirstTimestamp(now)
                .withLastTimestamp(now)
                .withCount(1)
                .withNewSource().withComponent(COMPONENT).endSource()
                .withReportingComponent(COMPONENT)
                .build();
        try {
            client.v1().events().inNamespace(namespace).resource(event).create();
        } catch (KubernetesClientException e) {
            LOG.warn("Could not record event {} on {} {}/{}: {}", reason, involved.getKind(), namespace,
                    involved.getMetadata().getName(), e.getMessage());
        }
    }
}
