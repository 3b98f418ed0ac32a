package io.stowage.kube.crd;

/** The container image pull policy, spelled as Kubernetes spells it. */
public enum PullPolicy {
    Always, IfNotPresent, Never
}
