package io.stowage.kube.operator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The operator's settings, validated when built.
 *
 * @param namespaces the namespaces whose ObjectStores it reconciles; empty for all
 * @param leaderElection whether replicas of the operator elect one leader through a Lease
 * @param leaseName the Lease's name
 * @param leaseNamespace the Lease's namespace; null for the client's (in a pod: the pod's own)
 * @param defaultImage the server image of ObjectStores that name none
 * @param provisioning the bucket provisioners it runs besides the ObjectStore controller
 */
public record OperatorConfig(Set<String> namespaces, boolean leaderElection, String leaseName, String leaseNamespace,
        String defaultImage, ProvisioningConfig provisioning) {

    public static final String DEFAULT_LEASE_NAME = "stowage-operator";
    public static final String IMAGE_REPOSITORY = "ghcr.io/stowage/stowage";

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    public OperatorConfig {
        namespaces = Set.copyOf(namespaces);
        for (String namespace : namespaces) {
            requireDnsLabel(namespace, "--namespaces");
        }
        if (leaderElection) {
            requireDnsLabel(leaseName, "--lease-name");
            if (leaseNamespace != null) {
                requireDnsLabel(leaseNamespace, "--lease-namespace");
            }
        }
        if (defaultImage == null || defaultImage.isBlank()) {
            throw new IllegalArgumentException("--default-image: must not be empty");
        }
        java.util.Objects.requireNonNull(provisioning, "provisioning");
    }

    /** Only the ObjectStore controller, no bucket provisioner. */
    public OperatorConfig(Set<String> namespaces, boolean leaderElection, String leaseName, String leaseNamespace,
            String defaultImage) {
        this(namespaces, leaderElection, leaseName, leaseNamespace, defaultImage, ProvisioningConfig.none());
    }

    /** All namespaces, leader election on with the default Lease, the image of this build. */
    public static OperatorConfig defaults() {
        return new OperatorConfig(Set.of(), true, DEFAULT_LEASE_NAME, null, imageOfThisVersion());
    }

    /** The server image of the operator's own version: operator and servers upgrade together. */
    public static String imageOfThisVersion() {
        return IMAGE_REPOSITORY + ":" + version();
    }

    static String version() {
        try (InputStream in = OperatorConfig.class.getResourceAsStream("/io/stowage/kube/version.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("the build's version.properties is missing", e);
        }
    }

    private static void requireDnsLabel(String value, String setting) {
        if (value == null || !DNS_LABEL.matcher(value).matches()) {
            throw new IllegalArgumentException(setting + ": not a Kubernetes name: " + value);
        }
    }
}
