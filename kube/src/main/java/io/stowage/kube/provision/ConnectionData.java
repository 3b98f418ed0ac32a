package io.stowage.kube.provision;

import io.stowage.backend.S3Endpoint;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a workload reaches its bucket, as the ConfigMaps of the ObjectBucketClaim and annotated-Secret front ends hold
 * it: lib-bucket-provisioner's keys and, because a host alone does not tell a client how to connect, Stowage's extras.
 * <table>
 * <caption>ConfigMap keys</caption>
 * <tr><th>key</th><th>value</th></tr>
 * <tr><td>{@code BUCKET_NAME}</td><td>the bucket</td></tr>
 * <tr><td>{@code BUCKET_HOST}</td><td>the S3 endpoint's host name</td></tr>
 * <tr><td>{@code BUCKET_PORT}</td><td>its port (the scheme's default when the URL names none)</td></tr>
 * <tr><td>{@code BUCKET_REGION}</td><td>the region to sign requests for</td></tr>
 * <tr><td>{@code BUCKET_SUBREGION}</td><td>always empty</td></tr>
 * <tr><td>{@code BUCKET_ENDPOINT}</td><td>the endpoint URL with scheme and port, e.g.
 *     {@code https://s3.storage.svc:9000}: what to give an S3 client as its endpoint</td></tr>
 * <tr><td>{@code BUCKET_ADDRESSING_STYLE}</td><td>{@code path} (host/bucket/key) or {@code virtual}
 *     (bucket.host/key)</td></tr>
 * <tr><td>{@code BUCKET_CA_BUNDLE}</td><td>only with an https endpoint whose certificate the system trust
 *     store does not verify: the PEM certificates to trust</td></tr>
 * </table>
 */
public final class ConnectionData {

    public static final String BUCKET_HOST = "BUCKET_HOST";
    public static final String BUCKET_NAME = "BUCKET_NAME";
    public static final String BUCKET_PORT = "BUCKET_PORT";
    public static final String BUCKET_REGION = "BUCKET_REGION";
    public static final String BUCKET_SUBREGION = "BUCKET_SUBREGION";
    public static final String BUCKET_ENDPOINT = "BUCKET_ENDPOINT";
    public static final String BUCKET_ADDRESSING_STYLE = "BUCKET_ADDRESSING_STYLE";
    public static final String BUCKET_CA_BUNDLE = "BUCKET_CA_BUNDLE";

    private ConnectionData() {
    }

    /** The ConfigMap data of {@code bucket} on the backend reached at {@code endpoint}, in the table's order. */
    public static Map<String, String> of(String bucket, S3Endpoint endpoint) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put(BUCKET_NAME, bucket);
        data.put(BUCKET_HOST, endpoint.host());
        data.put(BUCKET_PORT, Integer.toString(endpoint.port()));
        data.put(BUCKET_REGION, endpoint.region());
        data.put(BUCKET_SUBREGION, "");
        data.put(BUCKET_ENDPOINT, endpoint.urlWithPort());
        data.put(BUCKET_ADDRESSING_STYLE, endpoint.addressingStyle().wireName());
        if (endpoint.tls() && endpoint.caBundle() != null) {
            data.put(BUCKET_CA_BUNDLE, endpoint.caBundle());
        }
        return data;
    }
}
