package io.stowage.cluster.codec;

import com.fasterxml.jackson.databind.ObjectReader;
import io.stowage.engine.model.AccessKey;
import io.stowage.engine.model.Bucket;
import io.stowage.engine.model.Grant;
import io.stowage.engine.model.MultipartUpload;
import io.stowage.engine.model.ObjectVersion;
import io.stowage.engine.model.Part;
import io.stowage.engine.model.User;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** What commands return (each command's {@code R} other than Void), by simple class name. */
final class ResultTypes {

    private static final Map<String, Class<?>> BY_NAME = Stream.of(Bucket.class, ObjectVersion.class,
                    MultipartUpload.class, Part.class, User.class, AccessKey.class, Grant.class)
            .collect(Collectors.toUnmodifiableMap(Class::getSimpleName, Function.identity()));

    private static final Map<String, ObjectReader> READERS = BY_NAME.entrySet().stream()
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey,
                    type -> CodecMapper.MAPPER.readerFor(type.getValue())));

    private ResultTypes() {
    }

    /** @throws CodecException when {@code result} is of no command's result type */
    static String nameOf(Object result) {
        String name = result.getClass().getSimpleName();
        if (BY_NAME.get(name) != result.getClass()) {
            throw new CodecException("not a command result type: " + result.getClass().getName());
        }
        return name;
    }

    /** The reader of the result type called {@code name}, or null when there is none. */
    static ObjectReader reader(String name) {
        return READERS.get(name);
    }
}
