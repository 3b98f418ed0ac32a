package io.stowage.kube.gitops;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Object lock of a bucket: enabled when the bucket is created, never later; its default retention kept as declared. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ObjectLockSpec {

    @JsonPropertyDescription("What a version written without a retention of its own gets. Absent: no default retention.")
    private DefaultRetentionSpec defaultRetention;

    public ObjectLockSpec() {
    }

    public ObjectLockSpec(DefaultRetentionSpec defaultRetention) {
        this.defaultRetention = defaultRetention;
    }

    public DefaultRetentionSpec getDefaultRetention() {
        return defaultRetention;
    }

    public void setDefaultRetention(DefaultRetentionSpec defaultRetention) {
        this.defaultRetention = defaultRetention;
    }
}
