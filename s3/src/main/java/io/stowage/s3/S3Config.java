package io.stowage.s3;

/**
 * Settings of the S3 protocol layer.
 *
 * @param region the region clients sign for and GetBucketLocation reports
 * @param virtualHostDomain the domain for virtual-hosted-style requests (bucket.domain), or null
 * @param websiteDomain the domain under which bucket.domain serves the bucket as a static website, or null
 */
public record S3Config(String region, String virtualHostDomain, String websiteDomain) {

    public S3Config {
        if (region == null || !region.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            throw new IllegalArgumentException("region must be lower-case letters, digits and '-', was '" + region + "'");
        }
        if (virtualHostDomain != null && virtualHostDomain.isBlank()) {
            virtualHostDomain = null;
        }
        if (websiteDomain != null && websiteDomain.isBlank()) {
            websiteDomain = null;
        }
        if (websiteDomain != null && websiteDomain.equalsIgnoreCase(virtualHostDomain)) {
            throw new IllegalArgumentException("the website domain must differ from the S3 domain, both are " + websiteDomain);
        }
    }

    /** Without a website domain. */
    public S3Config(String region, String virtualHostDomain) {
        this(region, virtualHostDomain, null);
    }
}
