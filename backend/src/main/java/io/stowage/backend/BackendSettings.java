package io.stowage.backend;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to reach and administer one backend, as a backend Secret gives it (see docs/provisioning.md):
 *
 * <ul>
 *   <li>{@code type}: {@code stowage} (the default), {@code rgw} (Ceph RADOS Gateway), {@code garage}, {@code minio}
 *       or {@code versitygw}
 *   <li>{@code s3Endpoint}: the S3 URL workloads use, with scheme and port (required)
 *   <li>{@code adminEndpoint}: the admin API (required); for RGW the gateway's URL, whose {@code /admin/} is Admin Ops;
 *       for Garage its admin listener (conventionally port 3903); for MinIO the server's URL, whose {@code /minio/admin/}
 *       is the admin API; for VersityGW its admin port, or its S3 URL when it serves the admin API there
 *   <li>{@code adminToken}: the admin API's bearer token (required for Stowage and Garage)
 *   <li>{@code accessKey}, {@code secretKey}: the S3 key of an RGW user with the caps
 *       {@code users=*;buckets=*} (required for RGW); of the Garage key the backend owns its buckets with (required for
 *       Garage); of MinIO's root user or an admin user (required for MinIO); of a VersityGW account whose role is
 *       {@code admin} (required for VersityGW)
 *   <li>{@code registryBucket}: VersityGW only, optional: the bucket where the backend records which account each key
 *       belongs to ({@code stowage-backend-registry} when absent)
 *   <li>{@code region}: optional; Stowage's own region when absent ({@code us-east-1} for RGW, {@code garage} for Garage)
 *   <li>{@code addressingStyle}: {@code path} (default) or {@code virtual}
 *   <li>{@code caBundle}: PEM certificates that verify both endpoints' TLS, optional
 * </ul>
 *
 * {@link #toString()} leaves the token and the secret key out.
 *
 * @param adminToken the Stowage or Garage admin token; null for other types
 * @param adminKey the RGW admin user's, the Garage backend key's, the MinIO admin's or the VersityGW admin account's S3
 *     key; null for Stowage
 * @param registryBucket the VersityGW key registry's bucket when the Secret names one; null otherwise
 */
public record BackendSettings(String type, URI s3Endpoint, URI adminEndpoint, String adminToken, AccessKey adminKey,
                              String region, AddressingStyle addressingStyle, String caBundle, String registryBucket) {

    public static final String STOWAGE = "stowage";
    public static final String RGW = "rgw";
    public static final String GARAGE = "garage";
    public static final String MINIO = "minio";
    public static final String VERSITYGW = "versitygw";
    private static final List<String> TYPES = List.of(STOWAGE, RGW, GARAGE, MINIO, VERSITYGW);

    public BackendSettings {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(s3Endpoint, "s3Endpoint");
        Objects.requireNonNull(addressingStyle, "addressingStyle");
    }

    /**
     * Reads the settings from a backend Secret's (decoded) data.
     *
     * @throws InvalidBackendSettingsException naming the key that is missing or wrong
     */
    public static BackendSettings fromSecretData(Map<String, String> data) {
        String type = optional(data, "type", STOWAGE).toLowerCase(java.util.Locale.ROOT);
        if (!TYPES.contains(type)) {
            throw new InvalidBackendSettingsException("backend type '" + type + "' is not supported; supported: "
                    + String.join(", ", TYPES));
        }
        URI s3 = url(data, "s3Endpoint");
        URI admin = url(data, "adminEndpoint");
        String token = STOWAGE.equals(type) || GARAGE.equals(type) ? required(data, "adminToken") : null;
        AccessKey adminKey = STOWAGE.equals(type) ? null : new AccessKey(required(data, "accessKey"), required(data, "secretKey"));
        AddressingStyle style;
        try {
            style = AddressingStyle.of(optional(data, "addressingStyle", "path"));
        } catch (IllegalArgumentException e) {
            throw new InvalidBackendSettingsException("addressingStyle: " + e.getMessage());
        }
        String region = optional(data, "region", null);
        // PEM as given, final newline included: trimming would glue the next bundle appended to it
        String ca = data.get("caBundle") == null || data.get("caBundle").isBlank() ? null : data.get("caBundle");
        if (ca != null && !ca.contains("-----BEGIN CERTIFICATE-----")) {
            throw new InvalidBackendSettingsException("caBundle must hold PEM certificates (-----BEGIN CERTIFICATE-----)");
        }
        String registryBucket = VERSITYGW.equals(type) ? optional(data, "registryBucket", null) : null;
        return new BackendSettings(type, s3, admin, token, adminKey, region, style, ca, registryBucket);
    }

    private static URI url(Map<String, String> data, String key) {
        String value = required(data, key);
        try {
            URI uri = new URI(value);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new InvalidBackendSettingsException(key + " must be an http:// or https:// URL with a host, not '" + value + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new InvalidBackendSettingsException(key + " is not a URL: '" + value + "'");
        }
    }

    private static String required(Map<String, String> data, String key) {
        String value = data.get(key);
        if (value == null || value.isBlank()) {
            throw new InvalidBackendSettingsException("the backend Secret has no '" + key + "'");
        }
        return value.trim();
    }

    private static String optional(Map<String, String> data, String key, String fallback) {
        String value = data.get(key);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    @Override
    public String toString() {
        return "BackendSettings[type=" + type + ", s3Endpoint=" + s3Endpoint + ", adminEndpoint=" + adminEndpoint
                + ", adminToken=" + (adminToken == null ? "none" : "***")
                + ", adminKey=" + (adminKey == null ? "none" : adminKey.id() + ":***") + ", region=" + region + ", addressingStyle=" + addressingStyle
                + ", caBundle=" + (caBundle == null ? "none" : "given")
                + (registryBucket == null ? "" : ", registryBucket=" + registryBucket) + "]";
    }
}
