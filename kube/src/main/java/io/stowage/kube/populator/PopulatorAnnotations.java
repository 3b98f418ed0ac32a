package io.stowage.kube.populator;

/** Annotations the populator writes. */
public final class PopulatorAnnotations {

    /** On the PersistentVolume and the user's claim once populated: {@code <namespace>/<BucketSource name>}. */
    public static final String POPULATED_FROM = "populator.stowage.io/populated-from";
    /** On the user's claim when the data does not fit: the sizes, as the SourceTooLarge event says them. */
    public static final String SIZE_REFUSED = "populator.stowage.io/source-too-large";
    /** On the prime claim: how many populator pods failed so far (the retry backoff grows with it). */
    public static final String FAILED_ATTEMPTS = "populator.stowage.io/failed-attempts";
    /** On the user's claim while its pod runs: the worker's latest progress line, such as "420/1200 objects, ...". */
    public static final String PROGRESS = "populator.stowage.io/progress";
    /** On the prime claim: why its pod cannot run, as last reported (a PopulatorPodStuck event each time it changes). */
    public static final String REPORTED_STUCK = "populator.stowage.io/reported-stuck";
    /** What the scheduler sets on a WaitForFirstConsumer claim; copied to the prime claim. */
    public static final String SELECTED_NODE = "volume.kubernetes.io/selected-node";

    private PopulatorAnnotations() {
    }
}
