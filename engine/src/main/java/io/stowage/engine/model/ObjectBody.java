package io.stowage.engine.model;

import java.util.List;
import java.util.stream.Stream;

/** Where an object's bytes live: inside its metadata record, in a blob file, or in the parts of a multipart upload. */
public sealed interface ObjectBody {

    long size();

    /** The blob files this body references, in order. */
    Stream<String> blobIds();

    /** Small bodies kept in the metadata record itself. */
    record Inline(byte[] data) implements ObjectBody {
        @Override
        public long size() {
            return data.length;
        }

        @Override
        public Stream<String> blobIds() {
            return Stream.empty();
        }
    }

    /** A blob file named by a random id (never by the object key). */
    record Blob(String blobId, long size) implements ObjectBody {
        @Override
        public Stream<String> blobIds() {
            return Stream.of(blobId);
        }
    }

    /**
     * An object completed from a multipart upload: its parts' bodies in order, referenced where
     * they were uploaded, never copied.
     */
    record Multipart(List<Part> parts) implements ObjectBody {

        public Multipart {
            parts = List.copyOf(parts);
        }

        @Override
        public long size() {
            long size = 0;
            for (Part part : parts) {
                size += part.size();
            }
            return size;
        }

        @Override
        public Stream<String> blobIds() {
            return parts.stream().flatMap(p -> p.body().blobIds());
        }
    }
}
