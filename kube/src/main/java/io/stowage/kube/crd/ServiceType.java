package io.stowage.kube.crd;

/** The client Service's type, spelled as Kubernetes spells it. */
public enum ServiceType {
    ClusterIP, NodePort, LoadBalancer
}
