package io.stowage.engine.command;

import io.stowage.engine.model.Bucket;
import io.stowage.engine.model.Quota;

/** Sets (or with {@link Quota#NONE}, removes) the hard limits of a bucket. Usage above a new limit only blocks growth. */
public record SetBucketQuota(String bucket, Quota quota) implements Command<Bucket> {
}
