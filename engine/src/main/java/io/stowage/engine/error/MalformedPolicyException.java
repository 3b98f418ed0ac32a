package io.stowage.engine.error;

/**
 * A bucket policy that cannot be accepted. The message says what to fix and where
 * ("Statement[1]: Effect must be Allow or Deny"); the resource is the bucket.
 */
public final class MalformedPolicyException extends EngineException {

    public MalformedPolicyException(String message, String bucket) {
        super(message, bucket);
    }
}
