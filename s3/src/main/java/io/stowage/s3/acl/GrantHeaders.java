package io.stowage.s3.acl;

import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The explicit grant headers (x-amz-grant-read, -write, -read-acp, -write-acp, -full-control),
 * each a comma-separated list of {@code id="user"}, {@code uri="group URI"} or
 * {@code emailAddress="..."} grantees.
 */
public final class GrantHeaders {

    /** Each header and the permission it grants. */
    private static final List<Map.Entry<String, Permission>> HEADERS = List.of(
            Map.entry("x-amz-grant-full-control", Permission.FULL_CONTROL),
            Map.entry("x-amz-grant-read", Permission.READ),
            Map.entry("x-amz-grant-write", Permission.WRITE),
            Map.entry("x-amz-grant-read-acp", Permission.READ_ACP),
            Map.entry("x-amz-grant-write-acp", Permission.WRITE_ACP));

    private GrantHeaders() {
    }

    /**
     * The ACL the grant headers describe, or null when the request has none.
     *
     * @param header a header's value by lower-case name, or null when absent
     * @throws S3Exception InvalidArgument for a malformed grantee or an unknown group,
     *     UnresolvableGrantByEmailAddress for an e-mail grantee (Stowage users have no e-mail address),
     *     NotImplemented for the LogDelivery group
     */
    public static Acl parse(Function<String, String> header) {
        List<AclGrant> grants = new ArrayList<>();
        boolean present = false;
        for (Map.Entry<String, Permission> h : HEADERS) {
            String value = header.apply(h.getKey());
            if (value == null) {
                continue;
            }
            present = true;
            for (String item : value.split(",")) {
                grants.add(new AclGrant(grantee(h.getKey(), item.trim()), h.getValue()));
            }
        }
        return present ? new Acl(grants) : null;
    }

    private static Grantee grantee(String header, String item) {
        int eq = item.indexOf('=');
        if (eq <= 0) {
            throw new S3Exception(S3ErrorCode.InvalidArgument, "Argument format not recognized in " + header + ": '" + item + "'");
        }
        String type = item.substring(0, eq).trim().toLowerCase(Locale.ROOT);
        String value = unquote(item.substring(eq + 1).trim());
        return switch (type) {
            case "id" -> {
                if (value.isEmpty()) {
                    throw new S3Exception(S3ErrorCode.InvalidArgument, "Invalid id in " + header);
                }
                yield new Grantee.CanonicalUser(value);
            }
            case "uri" -> group(value);
            case "emailaddress" -> throw new S3Exception(S3ErrorCode.UnresolvableGrantByEmailAddress);
            default -> throw new S3Exception(S3ErrorCode.InvalidArgument,
                    "Argument format not recognized in " + header + ": '" + item + "'");
        };
    }

    /** @throws S3Exception InvalidArgument for an unknown URI, NotImplemented for the LogDelivery group */
    static Grantee.Group group(String uri) {
        if (uri.equals(Grantee.Group.LOG_DELIVERY_URI)) {
            throw new S3Exception(S3ErrorCode.NotImplemented, "Stowage has no log delivery group to grant to");
        }
        return Grantee.Group.fromUri(uri).orElseThrow(() -> new S3Exception(S3ErrorCode.InvalidArgument, "Invalid group uri: " + uri));
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
    }
}
