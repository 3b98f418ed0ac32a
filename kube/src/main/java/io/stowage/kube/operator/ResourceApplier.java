package io.stowage.kube.operator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.stowage.kube.model.InvalidSpecException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.Objects;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes desired objects with plain create and update, no server-side apply (fabric8's mock server has
 * none, and the same code must run on it and on a real cluster).
 *
 * <p>An object is updated only when the operator's desired state changed since it last wrote it, which
 * a digest of that state in an annotation tells. Comparing with the object as read would not work: the
 * API server fills in defaults, so the two never match.
 */
final class ResourceApplier {

    static final String DIGEST_ANNOTATION = "stowage.io/desired-sha256";

    private static final Logger LOG = LoggerFactory.getLogger(ResourceApplier.class);

    private final ObjectMapper mapper = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    /**
     * Creates DESIRED, or updates the existing object if DESIRED changed.
     *
     * @param handle the client handle of an object (client::resource for built-in types)
     * @param keep copies what must not change from the existing object into the update (immutable or
     *     server-allocated fields)
     * @return the object as the server has it
     * @throws InvalidSpecException when an object of that name exists and another owner controls it
     */
    <T extends HasMetadata> T apply(T desired, Function<T, ? extends Resource<T>> handle, BinaryOperator<T> keep)
            throws InvalidSpecException {
        String digest = digest(desired);
        Map<String, String> annotations = new TreeMap<>(Objects.requireNonNullElse(desired.getMetadata().getAnnotations(),
                Map.of()));
        annotations.put(DIGEST_ANNOTATION, digest);
        desired.getMetadata().setAnnotations(annotations);
        T existing = handle.apply(desired).get();
        if (existing == null) {
            LOG.info("Creating {} {}", desired.getKind(), path(desired));
            return handle.apply(desired).create();
        }
        requireSameController(existing, desired);
        if (existing.getMetadata().getAnnotations() != null
                && digest.equals(existing.getMetadata().getAnnotations().get(DIGEST_ANNOTATION))) {
            return existing;
        }
        LOG.info("Updating {} {}", desired.getKind(), path(desired));
        T update = keep.apply(existing, desired);
        update.getMetadata().setResourceVersion(existing.getMetadata().getResourceVersion());
        // Finalizers belong to other controllers (a cloud load balancer's cleanup on a Service).
        update.getMetadata().setFinalizers(existing.getMetadata().getFinalizers());
        return handle.apply(update).update();
    }

    <T extends HasMetadata> T apply(T desired, Function<T, ? extends Resource<T>> handle) throws InvalidSpecException {
        return apply(desired, handle, (existing, update) -> update);
    }

    /** Creates DESIRED unless an object of its name exists, which is then left as it is. */
    <T extends HasMetadata> T createIfAbsent(T desired, Function<T, ? extends Resource<T>> handle) {
        T existing = handle.apply(desired).get();
        if (existing != null) {
            return existing;
        }
        LOG.info("Creating {} {}", desired.getKind(), path(desired));
        return handle.apply(desired).create();
    }

    /** Replaces the object of DESIRED's name, or creates it: for Secrets whose content the caller decided on. */
    <T extends HasMetadata> T replace(T desired, T existing, Function<T, ? extends Resource<T>> handle) {
        if (existing == null) {
            return handle.apply(desired).create();
        }
        desired.getMetadata().setResourceVersion(existing.getMetadata().getResourceVersion());
        return handle.apply(desired).update();
    }

    /** Deletes the object named like PROTOTYPE if it exists and has the same controller. */
    <T extends HasMetadata> void deleteIfOwned(T prototype, Function<T, ? extends Resource<T>> handle) {
        T existing = handle.apply(prototype).get();
        if (existing != null && Objects.equals(controller(existing), controller(prototype))) {
            LOG.info("Deleting {} {}", prototype.getKind(), path(prototype));
            handle.apply(existing).delete();
        }
    }

    private static void requireSameController(HasMetadata existing, HasMetadata desired) throws InvalidSpecException {
        String owner = controller(existing);
        if (!Objects.equals(owner, controller(desired))) {
            throw new InvalidSpecException(desired.getKind() + " " + desired.getMetadata().getName()
                    + " exists and " + (owner == null ? "has no controller" : "another object controls it")
                    + ": delete or rename it");
        }
    }

    /** NAMESPACE/NAME: the text log format shows no MDC. */
    private static String path(HasMetadata object) {
        return object.getMetadata().getNamespace() + "/" + object.getMetadata().getName();
    }

    private static String controller(HasMetadata object) {
        return object.getMetadata().getOwnerReferences().stream()
                .filter(ref -> Boolean.TRUE.equals(ref.getController()))
                .map(OwnerReference::getUid)
                .findFirst().orElse(null);
    }

    private String digest(HasMetadata desired) {
        try {
            byte[] json = mapper.writeValueAsString(desired).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot digest a " + desired.getKind(), e);
        }
    }
}
