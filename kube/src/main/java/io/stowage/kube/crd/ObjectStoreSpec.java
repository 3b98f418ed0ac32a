package io.stowage.kube.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

/**
 * What the user asks for. Every field has its default both in the generated schema (for the API
 * server) and in the Java initializer (for the reconciler, which must not rely on server defaulting).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ObjectStoreSpec {

    @JsonPropertyDescription("Number of Stowage server pods: 1 runs a single server; more form a Raft cluster that"
            + " tolerates (replicas-1)/2 failed pods, so odd counts (3, 5) make sense. Between 1 and more it cannot"
            + " change once created.")
    @Default("1")
    @Min(1)
    @Max(9)
    private Integer replicas = 1;

    @JsonPropertyDescription("Server image. Default: ghcr.io/stowage/stowage at the operator's own version.")
    private String image;

    @JsonPropertyDescription("Image pull policy. Default: Kubernetes' (Always for :latest, else IfNotPresent).")
    private PullPolicy imagePullPolicy;

    @JsonPropertyDescription("The data volume of each pod: one PersistentVolumeClaim per pod. Fixed once created.")
    @Default("{}")
    private StorageSpec storage = new StorageSpec();

    @JsonPropertyDescription("CPU and memory requests and limits of the server container.")
    private ResourceRequirements resources;

    @JsonPropertyDescription("The client Service.")
    @Default("{}")
    private ServiceSpec service = new ServiceSpec();

    @JsonPropertyDescription("Region that S3 clients sign requests for.")
    @Default("us-east-1")
    @Pattern("^[a-z0-9][a-z0-9-]*$")
    private String region = "us-east-1";

    @JsonPropertyDescription("Domain of virtual-hosted-style requests (bucket.DOMAIN). Default: path style only.")
    @Pattern("^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$")
    private String domain;

    @JsonPropertyDescription("Certificates of the S3 and admin endpoints.")
    @Default("{}")
    private TlsSpec tls = new TlsSpec();

    @JsonPropertyDescription("Secret (key: token) with the admin API token; generated once if missing."
            + " Default: NAME-admin-token.")
    private String adminTokenSecret;

    @JsonPropertyDescription("Where the pods run.")
    private SchedulingSpec scheduling = new SchedulingSpec();

    @JsonPropertyDescription("Prometheus scraping.")
    @Default("{}")
    private MetricsSpec metrics = new MetricsSpec();

    @JsonProperty("deletePVCs")
    @JsonPropertyDescription("Delete the data volumes when the ObjectStore is deleted. Default: keep them.")
    @Default("false")
    private Boolean deletePVCs = false;

    @JsonPropertyDescription("How long requests in flight may finish after SIGTERM, e.g. 20s or 1m;"
            + " the pod gets 10 seconds more before it is killed.")
    @Default("20s")
    @Pattern("^[1-9][0-9]{0,3}(s|m)$")
    private String shutdownGracePeriod = "20s";

    public Integer getReplicas() {
        return replicas;
    }

    public void setReplicas(Integer replicas) {
        this.replicas = replicas;
    }

    public String getImage() {
        return image;
    }

    public void setImage(String image) {
        this.image = image;
    }

    public PullPolicy getImagePullPolicy() {
        return imagePullPolicy;
    }

    public void setImagePullPolicy(PullPolicy imagePullPolicy) {
        this.imagePullPolicy = imagePullPolicy;
    }

    public StorageSpec getStorage() {
        return storage;
    }

    public void setStorage(StorageSpec storage) {
        this.storage = storage;
    }

    public ResourceRequirements getResources() {
        return resources;
    }

    public void setResources(ResourceRequirements resources) {
        this.resources = resources;
    }

    public ServiceSpec getService() {
        return service;
    }

    public void setService(ServiceSpec service) {
        this.service = service;
    }

    public String getRegion() {
        return region;
    }

    public void setRegion(String region) {
        this.region = region;
    }

    public String getDomain() {
        return domain;
    }

    public void setDomain(String domain) {
        this.domain = domain;
    }

    public TlsSpec getTls() {
        return tls;
    }

    public void setTls(TlsSpec tls) {
        this.tls = tls;
    }

    public String getAdminTokenSecret() {
        return adminTokenSecret;
    }

    public void setAdminTokenSecret(String adminTokenSecret) {
        this.adminTokenSecret = adminTokenSecret;
    }

    public SchedulingSpec getScheduling() {
        return scheduling;
    }

    public void setScheduling(SchedulingSpec scheduling) {
        this.scheduling = scheduling;
    }

    public MetricsSpec getMetrics() {
        return metrics;
    }

    public void setMetrics(MetricsSpec metrics) {
        this.metrics = metrics;
    }

    public Boolean getDeletePVCs() {
        return deletePVCs;
    }

    public void setDeletePVCs(Boolean deletePVCs) {
        this.deletePVCs = deletePVCs;
    }

    public String getShutdownGracePeriod() {
        return shutdownGracePeriod;
    }

    public void setShutdownGracePeriod(String shutdownGracePeriod) {
        this.shutdownGracePeriod = shutdownGracePeriod;
    }
}
