package io.stowage.kube.secretclaim;

import io.stowage.backend.AccessKey;
import io.stowage.kube.provision.ClaimRefusedException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What an annotated Secret asks for, read as s3-resource-operator reads it: a bucket, the one key
 * (id and secret) its account has, and optionally the endpoint it expects.
 *
 * <p>{@code role}: a Secret makes a plain user; {@code user} (or no role) is accepted, {@code admin} is
 * refused (anyone who can write a Secret in a watched namespace would mint administrators), and any
 * other role is refused as unsupported rather than provisioned as something it is not. {@code user-id}
 * and {@code group-id} are VersityGW's POSIX owner of the bucket's files; Stowage stores no POSIX
 * ownership, so they are ignored, and the provisioning event says so.
 *
 * @param endpointUrl the endpoint the Secret's workload uses, to be checked against the backend's
 * @param ignoredFields the fields given that Stowage has no use for
 */
public record SecretClaim(String bucket, AccessKey key, Optional<URI> endpointUrl, List<String> ignoredFields) {

    static final List<String> BUCKET = List.of("bucket-name", "BUCKET_NAME");
    static final List<String> KEY_ID = List.of("access-key", "ACCESS_KEY", "ACCESS_KEY_ID", "AWS_ACCESS_KEY_ID");
    /** {@code access-secret} is what s3-resource-operator's README documents; the rest, what its code reads. */
    static final List<String> SECRET = List.of("access-secret", "secret-key", "SECRET_KEY", "SECRET_ACCESS_KEY",
            "AWS_SECRET_ACCESS_KEY");
    static final String ENDPOINT_URL = "endpoint-url";
    static final String ROLE = "role";
    static final String USER_ROLE = "user";
    static final List<String> IGNORED = List.of("user-id", "group-id");

    public SecretClaim {
        endpointUrl = endpointUrl == null ? Optional.empty() : endpointUrl;
        ignoredFields = List.copyOf(ignoredFields);
    }

    /**
     * Reads the Secret's decoded data.
     *
     * @throws ClaimRefusedException when a field is missing, given twice with different values, or asks
     *     for what Stowage does not do (the message names the field, never a value of a secret)
     */
    public static SecretClaim read(Map<String, String> data) throws ClaimRefusedException {
        List<String> missing = new ArrayList<>();
        String bucket = field(data, BUCKET, missing);
        String id = field(data, KEY_ID, missing);
        String secret = field(data, SECRET, missing);
        if (!missing.isEmpty()) {
            throw new ClaimRefusedException("InvalidSecret", "missing " + String.join(", ", missing));
        }
        checkRole(data.get(ROLE));
        Optional<URI> endpoint = Optional.empty();
        if (present(data.get(ENDPOINT_URL))) {
            endpoint = Optional.of(EndpointUrls.parse(data.get(ENDPOINT_URL), ENDPOINT_URL));
        }
        List<String> ignored = IGNORED.stream().filter(f -> present(data.get(f))).toList();
        return new SecretClaim(bucket, new AccessKey(id, secret), endpoint, ignored);
    }

    /** The first of the spellings present; spellings that disagree are refused rather than one picked. */
    private static String field(Map<String, String> data, List<String> spellings, List<String> missing)
            throws ClaimRefusedException {
        String found = null;
        String foundAs = null;
        for (String spelling : spellings) {
            String value = data.get(spelling);
            if (!present(value)) {
                continue;
            }
            if (found == null) {
                found = value;
                foundAs = spelling;
            } else if (!found.equals(value)) {
                throw new ClaimRefusedException("InvalidSecret", foundAs + " and " + spelling + " differ: keep one");
            }
        }
        if (found == null) {
            missing.add(String.join("|", spellings));
        }
        return found;
    }

    private static void checkRole(String role) throws ClaimRefusedException {
        if (!present(role) || role.trim().toLowerCase(Locale.ROOT).equals(USER_ROLE)) {
            return;
        }
        if (role.trim().equalsIgnoreCase("admin")) {
            throw new ClaimRefusedException("RoleRefused", "role 'admin' is refused: a Secret cannot make an "
                    + "administrator; create one with 'stowage admin', or drop the role for a plain user");
        }
        throw new ClaimRefusedException("RoleRefused", "role '" + role.trim() + "' is not supported: accounts "
                + "made from Secrets are plain users (role 'user'), owning their buckets");
    }

    private static boolean present(String value) {
        return value != null && !value.isEmpty();
    }

    @Override
    public String toString() {
        return "SecretClaim[bucket=" + bucket + ", key=" + key + ", endpointUrl=" + endpointUrl.orElse(null) + "]";
    }
}
