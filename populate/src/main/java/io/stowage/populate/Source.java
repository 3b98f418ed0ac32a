package io.stowage.populate;

import io.stowage.backend.AccessKey;
import io.stowage.backend.AddressingStyle;
import io.stowage.backend.S3Endpoint;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * The bucket prefix to copy and how to reach it.
 *
 * @param prefix the key prefix, empty for the whole bucket
 */
public record Source(S3Endpoint endpoint, AccessKey key, String bucket, String prefix) {

    public static final String DEFAULT_REGION = "us-east-1";

    public Source {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(prefix, "prefix");
    }

    /**
     * Resolves each setting from, in order: the option (command line or its STOWAGE_* variable), the secret key's
     * own variable (STOWAGE_SECRET_ACCESS_KEY), the AWS_* variables, the Secret directory, the default.
     *
     * @param env the process environment
     * @throws IllegalArgumentException naming the setting that is missing or wrong, never a secret's value
     */
    public static Source resolve(SourceOptions options, Map<String, String> env) {
        SecretDirectory secret = SecretDirectory.of(options.secretDir());
        String endpoint = first(options.endpoint(), env.get("AWS_ENDPOINT_URL_S3"), env.get("AWS_ENDPOINT_URL"),
                secret.value("endpoint"), secret.value("s3Endpoint"));
        if (endpoint == null) {
            throw new IllegalArgumentException("no endpoint: give --endpoint, or a --secret-dir with an endpoint file");
        }
        String region = first(options.region(), env.get("AWS_REGION"), env.get("AWS_DEFAULT_REGION"), secret.value("region"),
                DEFAULT_REGION);
        String id = first(options.accessKeyId(), env.get("AWS_ACCESS_KEY_ID"), secret.value("accessKeyID"));
        String secretKey = first(env.get("STOWAGE_SECRET_ACCESS_KEY"), env.get("AWS_SECRET_ACCESS_KEY"),
                secret.value("secretAccessKey"));
        if (id == null || secretKey == null) {
            throw new IllegalArgumentException("no credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or"
                    + " STOWAGE_ACCESS_KEY_ID and STOWAGE_SECRET_ACCESS_KEY), or give a --secret-dir with accessKeyID and"
                    + " secretAccessKey files");
        }
        if (options.bucket() == null || options.bucket().isBlank()) {
            throw new IllegalArgumentException("--bucket is required");
        }
        String caBundle = options.caBundle() != null ? read(options.caBundle(), "--ca-bundle") : secret.value("caBundle");
        if (caBundle != null && !caBundle.contains("-----BEGIN CERTIFICATE-----")) {
            throw new IllegalArgumentException("the CA bundle must hold PEM certificates (-----BEGIN CERTIFICATE-----)");
        }
        return new Source(new S3Endpoint(url(endpoint), region, AddressingStyle.PATH, caBundle),
                new AccessKey(id, secretKey), options.bucket().strip(), options.prefix() == null ? "" : options.prefix());
    }

    private static URI url(String endpoint) {
        URI uri;
        try {
            uri = new URI(endpoint);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the endpoint is not a URL: " + e.getMessage());
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("the endpoint must be an http:// or https:// URL with a host, not " + endpoint);
        }
        return uri;
    }

    private static String first(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return null;
    }

    static String read(Path file, String setting) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(setting + ": no file " + file);
        } catch (IOException e) {
            throw new IllegalArgumentException(setting + ": cannot read " + file + " (" + e.getMessage() + ")");
        }
    }

    @Override
    public String toString() {
        return "Source[" + endpoint.url() + ", bucket=" + bucket + ", prefix=" + prefix + ", " + key + "]";
    }
}
