package io.stowage.kube.cosi.crd;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.Map;

/** COSI's cluster-scoped BucketAccessClass: which driver grants access, how. Its fields are top-level, with no spec. */
// COSI v1alpha1 keeps a class's fields at the top level: no spec or status, in JSON or in the schema.
@JsonIgnoreProperties({"spec", "status"})
@Group(CosiApi.GROUP)
@Version(CosiApi.VERSION)
@Kind("BucketAccessClass")
@Plural("bucketaccessclasses")
@Singular("bucketaccessclass")
public class BucketAccessClass extends CustomResource<Void, Void> {

    @Required
    @JsonPropertyDescription("The driver that grants access of this class.")
    private String driverName;

    @Required
    @Pattern("^(Key|IAM)$")
    @JsonPropertyDescription("Key (access keys in the credentials Secret) or IAM (a service account).")
    private String authenticationType;

    @JsonPropertyDescription("Opaque parameters for the driver.")
    private Map<String, String> parameters;

    public String getDriverName() {
        return driverName;
    }

    public void setDriverName(String driverName) {
        this.driverName = driverName;
    }

    public String getAuthenticationType() {
        return authenticationType;
    }

    public void setAuthenticationType(String authenticationType) {
        this.authenticationType = authenticationType;
    }

    public Map<String, String> getParameters() {
        return parameters;
    }

    public void setParameters(Map<String, String> parameters) {
        this.parameters = parameters;
    }
}
