package io.stowage.populate;

import io.stowage.backend.s3.ListedObject;
import io.stowage.backend.s3.ObjectListing;
import io.stowage.backend.s3.S3ObjectClient;

/** The source prefix's objects, page by page (ListObjectsV2), each page retried as downloads are. */
final class SourceListing {

    /** What is done with each listed object, in key order. */
    @FunctionalInterface
    interface Visitor {
        void visit(ListedObject object, String relativeKey) throws InterruptedException;
    }

    private final S3ObjectClient client;
    private final Source source;
    private final Retrier retrier;

    SourceListing(S3ObjectClient client, Source source, Retrier retrier) {
        this.client = client;
        this.source = source;
        this.retrier = retrier;
    }

    void forEach(Visitor visitor) throws Exception {
        String token = null;
        do {
            String continuation = token;
            ObjectListing page = retrier.call(() -> client.listObjects(source.bucket(), source.prefix(), continuation,
                    S3ObjectClient.MAX_KEYS));
            for (ListedObject object : page.objects()) {
                visitor.visit(object, relative(source.prefix(), object.key()));
            }
            token = page.nextContinuationToken().orElse(null);
        } while (token != null);
    }

    /**
     * The key below the prefix. A prefix that does not end in {@code /} names a directory too: {@code data} puts
     * {@code data/a/b} at {@code a/b}; a key that only starts like it ({@code database/x}) keeps the rest
     * ({@code base/x}), as S3 prefixes match.
     */
    static String relative(String prefix, String key) {
        String rest = key.substring(prefix.length());
        return !prefix.isEmpty() && !prefix.endsWith("/") && rest.startsWith("/") ? rest.substring(1) : rest;
    }
}
