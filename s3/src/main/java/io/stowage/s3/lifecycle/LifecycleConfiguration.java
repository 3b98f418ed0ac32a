package io.stowage.s3.lifecycle;

import java.util.List;

/** A bucket's lifecycle configuration: its rules in the order given. */
public record LifecycleConfiguration(List<LifecycleRule> rules) {

    /** The most rules a configuration may have, as on AWS. */
    public static final int MAX_RULES = 1000;

    public LifecycleConfiguration {
        rules = List.copyOf(rules);
    }
}
