package io.stowage.kube.cosi.crd;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.Map;

/** COSI's cluster-scoped BucketClass: which driver makes a claim's bucket, with what parameters. Its fields are top-level, with no spec. */
// COSI v1alpha1 keeps a class's fields at the top level: no spec or status, in JSON or in the schema.
@JsonIgnoreProperties({"spec", "status"})
@Group(CosiApi.GROUP)
@Version(CosiApi.VERSION)
@Kind("BucketClass")
@Plural("bucketclasses")
@Singular("bucketclass")
public class BucketClass extends CustomResource<Void, Void> {

    @Required
    @JsonPropertyDescription("The driver that provisions buckets of this class.")
    private String driverName;

    @Default(CosiApi.DELETION_POLICY_RETAIN)
    @Pattern("^(Retain|Delete)$")
    @JsonPropertyDescription("Whether deleting a Bucket deletes the bucket in the object store (Delete) or keeps it (Retain).")
    private String deletionPolicy = CosiApi.DELETION_POLICY_RETAIN;

    @JsonPropertyDescription("Opaque parameters for the driver.")
    private Map<String, String> parameters;

    public String getDriverName() {
        return driverName;
    }

    public void setDriverName(String driverName) {
        this.driverName = driverName;
    }

    public String getDeletionPolicy() {
        return deletionPolicy;
    }

    public void setDeletionPolicy(String deletionPolicy) {
        this.deletionPolicy = deletionPolicy;
    }

    public Map<String, String> getParameters() {
        return parameters;
    }

    public void setParameters(Map<String, String> parameters) {
        this.parameters = parameters;
    }
}
