package io.stowage.kube.obc;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.HashMap;
import java.util.Map;

/** lib-bucket-provisioner's Endpoint: where the bucket is reached. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BucketEndpoint {

    private String bucketHost;
    private int bucketPort;
    private String bucketName;
    private String region;
    private String subRegion;
    private Map<String, String> additionalConfig = new HashMap<>();

    public String getBucketHost() {
        return bucketHost;
    }

    public void setBucketHost(String bucketHost) {
        this.bucketHost = bucketHost;
    }

    public int getBucketPort() {
        return bucketPort;
    }

    public void setBucketPort(int bucketPort) {
        this.bucketPort = bucketPort;
    }

    public String getBucketName() {
        return bucketName;
    }

    public void setBucketName(String bucketName) {
        this.bucketName = bucketName;
    }

    public String getRegion() {
        return region;
    }

    public void setRegion(String region) {
        this.region = region;
    }

    public String getSubRegion() {
        return subRegion;
    }

    public void setSubRegion(String subRegion) {
        this.subRegion = subRegion;
    }

    public Map<String, String> getAdditionalConfig() {
        return additionalConfig;
    }

    public void setAdditionalConfig(Map<String, String> additionalConfig) {
        this.additionalConfig = additionalConfig;
    }
}
