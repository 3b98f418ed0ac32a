package io.stowage.engine;

import java.io.IOException;
import java.io.InputStream;

/** Where a replicated engine fetches committed blobs that never reached it: its peers. */
@FunctionalInterface
public interface BlobSource {

    /**
     * The bytes of a blob, read to the end by the caller, who closes the stream. A stream that ends
     * early must throw rather than end, so a partial copy is never kept.
     *
     * @throws java.nio.file.NoSuchFileException when no peer holds the blob
     */
    InputStream open(String blobId) throws IOException;
}
