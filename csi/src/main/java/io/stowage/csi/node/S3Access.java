package io.stowage.csi.node;

import java.net.URI;
import java.util.Objects;

/**
 * How a mounter reaches a bucket: the S3 endpoint and the key it signs with, from the volume's CSI secrets.
 *
 * @param endpoint the S3 endpoint, http or https
 * @param region the region to sign for, or null for the mounter's default
 * @param insecure skip verifying the endpoint's TLS certificate
 * @param caBundle PEM certificates the endpoint's certificate is verified against, or null for the system's
 */
public record S3Access(URI endpoint, String region, String accessKeyId, String secretAccessKey, boolean insecure,
                       String caBundle) {

    public S3Access {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    }

    /** The access without the secret key, which must never reach a log. */
    @Override
    public String toString() {
        return "S3Access[endpoint=" + endpoint + ", region=" + region + ", accessKeyId=" + accessKeyId
                + ", secretAccessKey=***, insecure=" + insecure + ", caBundle=" + (caBundle == null ? "none" : "given")
                + "]";
    }
}
