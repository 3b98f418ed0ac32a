package io.stowage.csi.node;

import io.grpc.Status;
import io.stowage.csi.CsiException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;

/**
 * A volume's node secrets (the StorageClass's {@code csi.storage.k8s.io/node-stage-secret-*} Secret, or a static
 * PersistentVolume's {@code nodeStageSecretRef}): {@code accessKeyID}, {@code secretAccessKey}, {@code endpoint}
 * (or {@code s3Endpoint}, so that one Secret can serve the controller and the nodes), {@code region},
 * {@code insecure} and {@code caBundle}.
 */
final class NodeSecrets {

    private NodeSecrets() {
    }

    /** @throws CsiException INVALID_ARGUMENT naming the key that is missing or wrong, never a value of one */
    static S3Access parse(Map<String, String> secrets) throws CsiException {
        if (secrets.isEmpty()) {
            throw CsiException.invalidArgument("no secrets: the StorageClass must name the S3 key's Secret in"
                    + " csi.storage.k8s.io/node-stage-secret-name and -namespace");
        }
        String endpoint = first(secrets, "endpoint", "s3Endpoint");
        URI uri;
        try {
            uri = new URI(endpoint);
        } catch (URISyntaxException e) {
            throw CsiException.invalidArgument("secrets: 'endpoint' is not a URL");
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw CsiException.invalidArgument("secrets: 'endpoint' must be an http:// or https:// URL with a host");
        }
        String insecure = optional(secrets, "insecure");
        if (insecure != null && !insecure.equalsIgnoreCase("true") && !insecure.equalsIgnoreCase("false")) {
            throw CsiException.invalidArgument("secrets: 'insecure' must be true or false");
        }
        String ca = secrets.get("caBundle");
        ca = ca == null || ca.isBlank() ? null : ca;
        if (ca != null && !ca.contains("-----BEGIN CERTIFICATE-----")) {
            throw CsiException.invalidArgument("secrets: 'caBundle' must hold PEM certificates (-----BEGIN CERTIFICATE-----)");
        }
        return new S3Access(uri, optional(secrets, "region"), first(secrets, "accessKeyID"),
                first(secrets, "secretAccessKey"), insecure != null && insecure.toLowerCase(Locale.ROOT).equals("true"), ca);
    }

    private static String first(Map<String, String> secrets, String... keys) throws CsiException {
        for (String key : keys) {
            String value = optional(secrets, key);
            if (value != null) {
                return value;
            }
        }
        throw new CsiException(Status.Code.INVALID_ARGUMENT, "secrets: '" + keys[0] + "' is missing");
    }

    private static String optional(Map<String, String> secrets, String key) {
        String value = secrets.get(key);
        return value == null || value.isBlank() ? null : value.strip();
    }
}
