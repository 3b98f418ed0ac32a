package io.stowage.kube.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

/** Prometheus scraping of the metrics port. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MetricsSpec {

    @JsonPropertyDescription("Create a Prometheus Operator ServiceMonitor (monitoring.coreos.com/v1) for /metrics.")
    @Default("false")
    private Boolean serviceMonitor = false;

    public Boolean getServiceMonitor() {
        return serviceMonitor;
    }

    public void setServiceMonitor(Boolean serviceMonitor) {
        this.serviceMonitor = serviceMonitor;
    }
}
