package io.stowage.kube.model;

import java.util.Map;
import java.util.TreeMap;

/** The labels of everything an ObjectStore owns. */
public final class Labels {

    public static final String NAME = "app.kubernetes.io/name";
    public static final String INSTANCE = "app.kubernetes.io/instance";
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String APP = "stowage";
    public static final String OPERATOR = "stowage-operator";
    /** On the Services: client or headless, so that a ServiceMonitor picks one of them. */
    public static final String SERVICE = "stowage.io/service";

    /** Selects what the operator manages: the label selector of its informers. */
    public static final String MANAGED_SELECTOR = MANAGED_BY + "=" + OPERATOR;

    private Labels() {
    }

    /** The pod selector of the StatefulSet, the Services and the PDB: stable for the ObjectStore's life. */
    public static Map<String, String> selector(ObjectStoreNames names) {
        return new TreeMap<>(Map.of(NAME, APP, INSTANCE, names.name()));
    }

    /** The selector plus the managed-by label. */
    public static Map<String, String> of(ObjectStoreNames names) {
        Map<String, String> labels = selector(names);
        labels.put(MANAGED_BY, OPERATOR);
        return labels;
    }
}
