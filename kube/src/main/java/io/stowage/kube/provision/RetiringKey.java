package io.stowage.kube.provision;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The key a credentials Secret held before a rotation, which keeps working until {@code at}: a Secret mounted in a pod
 * is updated by the kubelet only at its next sync, and a request in flight still signs with the old key. It is recorded
 * on the Secret itself ({@link ProvisioningAnnotations#RETIRING_KEY}, {@link ProvisioningAnnotations#RETIRE_AT}), in
 * the very write that hands out the new key, so that an operator restarted in between still knows it.
 */
public record RetiringKey(String id, Instant at) {

    private static final Duration SLACK = Duration.ofMillis(100);

    /** The retiring key the Secret records; none when it records none, or nothing that can be read. */
    public static Optional<RetiringKey> of(HasMetadata secret) {
        Map<String, String> annotations = secret.getMetadata().getAnnotations();
        if (annotations == null || annotations.get(ProvisioningAnnotations.RETIRING_KEY) == null
                || annotations.get(ProvisioningAnnotations.RETIRE_AT) == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new RetiringKey(annotations.get(ProvisioningAnnotations.RETIRING_KEY),
                    Instant.parse(annotations.get(ProvisioningAnnotations.RETIRE_AT))));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** Records this key on the metadata of a Secret about to be written. */
    public void recordOn(ObjectMeta meta) {
        Map<String, String> annotations = meta.getAnnotations() == null ? new HashMap<>() : new HashMap<>(meta.getAnnotations());
        annotations.put(ProvisioningAnnotations.RETIRING_KEY, id);
        annotations.put(ProvisioningAnnotations.RETIRE_AT, at.toString());
        meta.setAnnotations(annotations);
    }

    /** Whether the key still works at {@code now}. */
    public boolean inGrace(Instant now) {
        return now.isBefore(at);
    }

    /** How long a reconcile at {@code now} waits to come back when the key is due: a little past {@code at}. */
    public Duration untilDue(Instant now) {
        Duration wait = Duration.between(now, at);
        return (wait.isNegative() ? Duration.ZERO : wait).plus(SLACK);
    }
}
