package io.stowage.engine.model;

/** Where an object's bytes live: inside its metadata record, or in a blob file. */
public sealed interface ObjectBody {

    long size();

    /** Small bodies kept in the metadata record itself. */
    record Inline(byte[] data) implements ObjectBody {
        @Override
        public long size() {
            return data.length;
        }
    }

    /** A blob file named by a random id (never by the object key). */
    record Blob(String blobId, long size) implements ObjectBody {
    }
}
