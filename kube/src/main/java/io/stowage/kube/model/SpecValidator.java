package io.stowage.kube.model;

import io.fabric8.kubernetes.api.model.Quantity;
import io.stowage.kube.crd.IssuerRef;
import io.stowage.kube.crd.MetricsSpec;
import io.stowage.kube.crd.ObjectStore;
import io.stowage.kube.crd.ObjectStoreSpec;
import io.stowage.kube.crd.SchedulingSpec;
import io.stowage.kube.crd.ServiceSpec;
import io.stowage.kube.crd.ServiceType;
import io.stowage.kube.crd.StorageSpec;
import io.stowage.kube.crd.TlsMode;
import io.stowage.kube.crd.TlsSpec;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks an ObjectStore and fills in its defaults. The CRD schema says much of this too, but the
 * operator cannot count on it (an API server without the schema, or an older CRD), so whatever the
 * models depend on is checked here, each message naming the field.
 */
public final class SpecValidator {

    /**
     * The most replicas an ObjectStore may ask for: every write waits for a majority of them, so more
     * pods add latency and tolerate few more failures (9 tolerate 4).
     */
    public static final int MAX_REPLICAS = 9;

    /**
     * StatefulSet pods carry a controller-revision-hash label of NAME-HASH (11 characters more), and labels
     * hold at most 63.
     */
    static final int MAX_NAME_LENGTH = 52;

    private static final Pattern GRACE = Pattern.compile("([1-9][0-9]{0,3})(s|m)");

    private SpecValidator() {
    }

    public static EffectiveSpec validate(ObjectStore store, String defaultImage) throws InvalidSpecException {
        String name = store.getMetadata().getName();
        if (name.length() > MAX_NAME_LENGTH) {
            throw new InvalidSpecException("metadata.name: at most " + MAX_NAME_LENGTH
                    + " characters (the StatefulSet's pod labels append a revision hash to it)");
        }
        ObjectStoreSpec spec = Objects.requireNonNullElseGet(store.getSpec(), ObjectStoreSpec::new);
        StorageSpec storage = Objects.requireNonNullElseGet(spec.getStorage(), StorageSpec::new);
        ServiceSpec service = Objects.requireNonNullElseGet(spec.getService(), ServiceSpec::new);
        TlsSpec tls = Objects.requireNonNullElseGet(spec.getTls(), TlsSpec::new);
        SchedulingSpec scheduling = Objects.requireNonNullElseGet(spec.getScheduling(), SchedulingSpec::new);
        MetricsSpec metrics = Objects.requireNonNullElseGet(spec.getMetrics(), MetricsSpec::new);
        TlsMode mode = Objects.requireNonNullElse(tls.getMode(), TlsMode.OPERATOR);
        return new EffectiveSpec(
                replicas(spec.getReplicas()),
                blankToNull(spec.getImage()) == null ? defaultImage : spec.getImage(),
                spec.getImagePullPolicy(),
                blankToNull(storage.getStorageClassName()),
                size(Objects.requireNonNullElse(storage.getSize(), "10Gi")),
                spec.getResources(),
                Objects.requireNonNullElse(service.getType(), ServiceType.ClusterIP),
                Objects.requireNonNullElse(service.getAnnotations(), Map.of()),
                Objects.requireNonNullElse(blankToNull(spec.getRegion()), "us-east-1"),
                blankToNull(spec.getDomain()),
                mode,
                mode == TlsMode.CERT_MANAGER ? issuerRef(tls.getIssuerRef()) : null,
                tlsSecret(store, mode, tls.getSecretName()),
                ObjectStoreNames.of(store).adminTokenSecret(spec.getAdminTokenSecret()),
                Objects.requireNonNullElse(scheduling.getNodeSelector(), Map.of()),
                Objects.requireNonNullElse(scheduling.getTolerations(), List.of()),
                scheduling.getAffinity(),
                Boolean.TRUE.equals(metrics.getServiceMonitor()),
                Boolean.TRUE.equals(spec.getDeletePVCs()),
                shutdownGrace(Objects.requireNonNullElse(spec.getShutdownGracePeriod(), "20s")));
    }

    private static int replicas(Integer replicas) throws InvalidSpecException {
        int value = Objects.requireNonNullElse(replicas, 1);
        if (value < 1) {
            throw new InvalidSpecException("spec.replicas: must be at least 1, not " + value);
        }
        if (value > MAX_REPLICAS) {
            throw new InvalidSpecException("spec.replicas: at most " + MAX_REPLICAS + ", not " + value);
        }
        return value;
    }

    private static Quantity size(String size) throws InvalidSpecException {
        try {
            Quantity quantity = new Quantity(size);
            if (quantity.getNumericalAmount().compareTo(BigDecimal.ZERO) <= 0) {
                throw new InvalidSpecException("spec.storage.size: must be more than zero, not " + size);
            }
            return quantity;
        } catch (IllegalArgumentException e) {
            throw new InvalidSpecException("spec.storage.size: not a quantity: " + size);
        }
    }

    private static IssuerRef issuerRef(IssuerRef ref) throws InvalidSpecException {
        if (ref == null || blankToNull(ref.getName()) == null) {
            throw new InvalidSpecException("spec.tls.issuerRef.name: required with tls mode certManager");
        }
        return ref;
    }

    /** The Secret the pods mount their certificate from: the user's in secret mode, else NAME-tls. */
    private static String tlsSecret(ObjectStore store, TlsMode mode, String secretName) throws InvalidSpecException {
        return switch (mode) {
            case DISABLED -> null;
            case OPERATOR, CERT_MANAGER -> ObjectStoreNames.of(store).tlsSecret();
            case SECRET -> {
                if (blankToNull(secretName) == null) {
                    throw new InvalidSpecException("spec.tls.secretName: required with tls mode secret");
                }
                yield secretName;
            }
        };
    }

    static Duration shutdownGrace(String value) throws InvalidSpecException {
        Matcher m = GRACE.matcher(value);
        if (!m.matches()) {
            throw new InvalidSpecException("spec.shutdownGracePeriod: expected seconds or minutes such as 20s or 1m,"
                    + " not " + value);
        }
        long amount = Long.parseLong(m.group(1));
        return m.group(2).equals("s") ? Duration.ofSeconds(amount) : Duration.ofMinutes(amount);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
