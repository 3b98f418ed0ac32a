package io.stowage.cluster.codec;

import io.stowage.engine.error.BucketAlreadyExistsException;
import io.stowage.engine.error.BucketAlreadyOwnedByYouException;
import io.stowage.engine.error.BucketNotEmptyException;
import io.stowage.engine.error.ConflictException;
import io.stowage.engine.error.EngineException;
import io.stowage.engine.error.InvalidBucketStateException;
import io.stowage.engine.error.InvalidInputException;
import io.stowage.engine.error.InvalidObjectNameException;
import io.stowage.engine.error.InvalidPartException;
import io.stowage.engine.error.MalformedPolicyException;
import io.stowage.engine.error.NoSuchAccessKeyException;
import io.stowage.engine.error.NoSuchBucketException;
import io.stowage.engine.error.NoSuchKeyException;
import io.stowage.engine.error.NoSuchUploadException;
import io.stowage.engine.error.NoSuchUserException;
import io.stowage.engine.error.NoSuchVersionException;
import io.stowage.engine.error.ObjectLockedException;
import io.stowage.engine.error.PreconditionFailedException;
import io.stowage.engine.error.PrefixNotEmptyException;
import io.stowage.engine.error.QuotaExceededException;
import io.stowage.engine.error.StorageException;
import io.stowage.engine.error.UnavailableException;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Rebuilds engine exceptions by simple class name from what they carry: a message and a resource. Exceptions whose
 * constructor fixes the message take only the resource; it yields the same message.
 */
final class EngineFailures {

    private static final Map<String, BiFunction<String, String, EngineException>> BY_NAME = Map.ofEntries(
            rebuilt(NoSuchBucketException.class, (message, resource) -> new NoSuchBucketException(resource)),
            rebuilt(NoSuchKeyException.class, (message, resource) -> new NoSuchKeyException(resource)),
            rebuilt(NoSuchVersionException.class, (message, resource) -> new NoSuchVersionException(resource)),
            rebuilt(BucketAlreadyExistsException.class,
                    (message, resource) -> new BucketAlreadyExistsException(resource)),
            rebuilt(BucketAlreadyOwnedByYouException.class,
                    (message, resource) -> new BucketAlreadyOwnedByYouException(resource)),
            rebuilt(BucketNotEmptyException.class, (message, resource) -> new BucketNotEmptyException(resource)),
            rebuilt(PreconditionFailedException.class,
                    (message, resource) -> new PreconditionFailedException(resource)),
            rebuilt(InvalidObjectNameException.class, (message, resource) -> new InvalidObjectNameException(resource)),
            rebuilt(NoSuchUploadException.class, (message, resource) -> new NoSuchUploadException(resource)),
            rebuilt(InvalidPartException.class, (message, resource) -> new InvalidPartException(resource)),
            rebuilt(NoSuchUserException.class, (message, resource) -> new NoSuchUserException(resource)),
            rebuilt(NoSuchAccessKeyException.class, (message, resource) -> new NoSuchAccessKeyException(resource)),
            rebuilt(QuotaExceededException.class, (message, resource) -> new QuotaExceededException(resource)),
            rebuilt(ConflictException.class, ConflictException::new),
            rebuilt(InvalidInputException.class, InvalidInputException::new),
            rebuilt(MalformedPolicyException.class, MalformedPolicyException::new),
            rebuilt(ObjectLockedException.class, ObjectLockedException::new),
            rebuilt(InvalidBucketStateException.class, InvalidBucketStateException::new),
            rebuilt(PrefixNotEmptyException.class, (message, resource) -> new PrefixNotEmptyException(resource)),
            rebuilt(UnavailableException.class, (message, resource) -> new UnavailableException(message, null)),
            // The cause (an I/O or RocksDB error) stays in the log of the node it happened on.
            rebuilt(StorageException.class, (message, resource) -> new StorageException(message, null)));

    private EngineFailures() {
    }

    /** @throws CodecException when the exception's class has no entry here */
    static String nameOf(EngineException failure) {
        String name = failure.getClass().getSimpleName();
        if (!BY_NAME.containsKey(name)) {
            throw new CodecException("no encoding for engine exception " + failure.getClass().getName());
        }
        return name;
    }

    static boolean knows(String name) {
        return BY_NAME.containsKey(name);
    }

    static EngineException rebuild(String name, FailureFields fields) {
        return BY_NAME.get(name).apply(fields.message(), fields.resource());
    }

    private static Map.Entry<String, BiFunction<String, String, EngineException>> rebuilt(
            Class<? extends EngineException> type, BiFunction<String, String, EngineException> constructor) {
        return Map.entry(type.getSimpleName(), constructor);
    }
}
