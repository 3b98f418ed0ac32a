package io.stowage.kube.populator;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;

/**
 * Names and labels of the temporaries for one user claim, all in the operator's namespace: the prime claim, the
 * populator pod and the copied credentials Secret share the name {@code populate-<claim uid>} (a uid is unique and
 * never reused, so a re-created claim of the same name gets new temporaries).
 */
public record PopulatorNames(String temporaries, String workingNamespace) {

    public static final String LABEL_NAMESPACE = "populator.stowage.io/claim-namespace";
    public static final String LABEL_NAME = "populator.stowage.io/claim-name";
    public static final String LABEL_COMPONENT = "app.kubernetes.io/component";
    public static final String COMPONENT = "stowage-populator";

    public static PopulatorNames of(PersistentVolumeClaim claim, String workingNamespace) {
        return new PopulatorNames("populate-" + claim.getMetadata().getUid(), workingNamespace);
    }
}
