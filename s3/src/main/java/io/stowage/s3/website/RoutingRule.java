package io.stowage.s3.website;

/**
 * A website routing rule: when a request's key starts with {@code keyPrefixEquals} and (if set) its answer would have
 * status {@code httpErrorCodeReturnedEquals}, redirect it.
 *
 * @param keyPrefixEquals null for any key
 * @param httpErrorCodeReturnedEquals 0 for a rule applied before the object is looked up
 */
public record RoutingRule(String keyPrefixEquals, int httpErrorCodeReturnedEquals, Redirect redirect) {

    /**
     * Where a matching request goes.
     *
     * @param protocol http or https, or null for the request's own
     * @param hostName null for the request's own host
     * @param replaceKeyPrefixWith replaces the matched prefix (exclusive with {@code replaceKeyWith})
     * @param replaceKeyWith replaces the whole key
     * @param httpRedirectCode 301 unless set
     */
    public record Redirect(String protocol, String hostName, String replaceKeyPrefixWith, String replaceKeyWith,
            int httpRedirectCode) {
    }

    boolean matches(String key, int status) {
        return (keyPrefixEquals == null || key.startsWith(keyPrefixEquals))
                && httpErrorCodeReturnedEquals == status;
    }

    /** The Location of the redirect for {@code key}, given the request's own host. */
    String location(String key, String requestHost) {
        String target = key;
        if (redirect.replaceKeyWith() != null) {
            target = redirect.replaceKeyWith();
        } else if (redirect.replaceKeyPrefixWith() != null) {
            String prefix = keyPrefixEquals == null ? "" : keyPrefixEquals;
            target = redirect.replaceKeyPrefixWith() + key.substring(prefix.length());
        }
        String protocol = redirect.protocol() == null ? "http" : redirect.protocol();
        String host = redirect.hostName() == null ? requestHost : redirect.hostName();
        return protocol + "://" + host + "/" + target;
    }
}
