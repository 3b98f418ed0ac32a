package io.stowage.kube.crd;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A Stowage object store in a namespace: the StatefulSet, Services, Secrets and certificates the
 * operator keeps for it. The CRD (objectstores.stowage.io) is generated from this class at build time.
 */
@Group(ObjectStore.GROUP)
@Version(ObjectStore.VERSION)
@Kind("ObjectStore")
@Plural("objectstores")
@Singular("objectstore")
// "os" is too generic a word to claim in every cluster; "ostore" clashes with no built-in or common CRD.
@ShortNames("ostore")
@Categories("stowage")
@AdditionalPrinterColumn(name = "Ready", type = Type.STRING, jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(name = "Replicas", type = Type.INTEGER, jsonPath = ".spec.replicas")
@AdditionalPrinterColumn(name = "Endpoint", type = Type.STRING, jsonPath = ".status.endpoint")
@AdditionalPrinterColumn(name = "Age", type = Type.DATE, jsonPath = ".metadata.creationTimestamp")
public class ObjectStore extends CustomResource<ObjectStoreSpec, ObjectStoreStatus> implements Namespaced {

    public static final String GROUP = "stowage.io";
    public static final String VERSION = "v1alpha1";

    @Override
    protected ObjectStoreSpec initSpec() {
        return new ObjectStoreSpec();
    }
}
