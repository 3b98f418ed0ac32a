package io.stowage.kube.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import java.util.Map;

/** The client Service. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ServiceSpec {

    @JsonPropertyDescription("Service type.")
    @Default("ClusterIP")
    private ServiceType type = ServiceType.ClusterIP;

    @JsonPropertyDescription("Annotations of the client Service, e.g. for a cloud load balancer.")
    private Map<String, String> annotations;

    public ServiceType getType() {
        return type;
    }

    public void setType(ServiceType type) {
        this.type = type;
    }

    public Map<String, String> getAnnotations() {
        return annotations;
    }

    public void setAnnotations(Map<String, String> annotations) {
        this.annotations = annotations;
    }
}
