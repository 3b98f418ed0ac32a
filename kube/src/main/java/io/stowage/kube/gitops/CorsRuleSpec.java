package io.stowage.kube.gitops;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import java.util.ArrayList;
import java.util.List;

/** A CORS rule: which browser origins may send which requests. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CorsRuleSpec {

    @JsonPropertyDescription("Origins allowed, such as https://app.example.com or *.")
    private List<String> allowedOrigins = new ArrayList<>();

    @JsonPropertyDescription("Methods allowed: GET, PUT, POST, DELETE, HEAD.")
    private List<String> allowedMethods = new ArrayList<>();

    @JsonPropertyDescription("Request headers allowed in a preflight.")
    private List<String> allowedHeaders = new ArrayList<>();

    @JsonPropertyDescription("Response headers the browser may read.")
    private List<String> exposeHeaders = new ArrayList<>();

    @Min(0)
    @JsonPropertyDescription("How long browsers may cache a preflight answer.")
    private Integer maxAgeSeconds;

    public List<String> getAllowedOrigins() {
        return allowedOrigins;
    }

    public void setAllowedOrigins(List<String> allowedOrigins) {
        this.allowedOrigins = allowedOrigins == null ? new ArrayList<>() : allowedOrigins;
    }

    public List<String> getAllowedMethods() {
        return allowedMethods;
    }

    public void setAllowedMethods(List<String> allowedMethods) {
        this.allowedMethods = allowedMethods == null ? new ArrayList<>() : allowedMethods;
    }

    public List<String> getAllowedHeaders() {
        return allowedHeaders;
    }

    public void setAllowedHeaders(List<String> allowedHeaders) {
        this.allowedHeaders = allowedHeaders == null ? new ArrayList<>() : allowedHeaders;
    }

    public List<String> getExposeHeaders() {
        return exposeHeaders;
    }

    public void setExposeHeaders(List<String> exposeHeaders) {
        this.exposeHeaders = exposeHeaders == null ? new ArrayList<>() : exposeHeaders;
    }

    public Integer getMaxAgeSeconds() {
        return maxAgeSeconds;
    }

    public void setMaxAgeSeconds(Integer maxAgeSeconds) {
        this.maxAgeSeconds = maxAgeSeconds;
    }
}
