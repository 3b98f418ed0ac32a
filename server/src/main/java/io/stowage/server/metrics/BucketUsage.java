package io.stowage.server.metrics;

import io.stowage.engine.model.Usage;

/** The usage of one bucket, or of several summed under one label. */
record BucketUsage(String bucket, Usage usage) {
}
