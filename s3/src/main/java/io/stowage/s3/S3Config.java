package io.stowage.s3;

/**
 * Settings of the S3 protocol layer.
 *
 * @param region the region clients sign for and GetBucketLocation reports
 * @param virtualHostDomain the domain for virtual-hosted-style requests (bucket.domain), or null
 */
public record S3Config(String region, String virtualHostDomain) {

    public S3Config {
        if (region == null || !region.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            throw new IllegalArgumentException("region must be lower-case letters, digits and '-', was '" + region + "'");
        }
        if (virtualHostDomain != null && virtualHostDomain.isBlank()) {
            virtualHostDomain = null;
        }
    }
}
