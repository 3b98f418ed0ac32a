package io.stowage.kube.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;

/** A cert-manager issuer, as cert-manager's Certificate names it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class IssuerRef {

    @Required
    private String name;

    @JsonPropertyDescription("Issuer or ClusterIssuer.")
    @Default("Issuer")
    private String kind = "Issuer";

    @Default("cert-manager.io")
    private String group = "cert-manager.io";

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public String getGroup() {
        return group;
    }

    public void setGroup(String group) {
        this.group = group;
    }
}
