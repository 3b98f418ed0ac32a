package io.stowage.cluster.codec;

import io.stowage.engine.error.EngineException;

/** What an engine exception carries across nodes. */
record FailureFields(String message, String resource) {

    static FailureFields of(EngineException failure) {
        return new FailureFields(failure.getMessage(), failure.resource());
    }
}
