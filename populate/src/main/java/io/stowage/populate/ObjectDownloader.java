package io.stowage.populate;

import io.stowage.backend.s3.ObjectHead;
import io.stowage.backend.s3.ObjectStream;
import io.stowage.backend.s3.ReadOptions;
import io.stowage.backend.s3.S3ObjectClient;
import java.io.IOException;
import java.nio.file.Path;

/**
 * One download attempt of an object into its file, verified before the file is put in place. An object with a
 * multipart ETag ({@code -N}) is read part by part ({@code ?partNumber=}), so that its ETag, the MD5 of its
 * parts' MD5s, can be checked; every other object in one GET whose ETag is its MD5. Either way every stored
 * checksum the server answers (x-amz-checksum-mode: ENABLED) for the bytes read is checked too.
 */
final class ObjectDownloader {

    private final S3ObjectClient client;
    private final String bucket;
    private final Progress progress;

    ObjectDownloader(S3ObjectClient client, String bucket, Progress progress) {
        this.client = client;
        this.bucket = bucket;
        this.progress = progress;
    }

    /** @return the bytes written */
    long download(String key, boolean multipart, Path file)
            throws IOException, LocalWriteException, VerificationException {
        try (AtomicFile out = AtomicFile.create(file)) {
            long bytes = multipart ? parts(key, out) : whole(key, out);
            out.commit();
            return bytes;
        }
    }

    private long whole(String key, AtomicFile out) throws IOException, LocalWriteException, VerificationException {
        try (ObjectStream in = client.getObject(bucket, key, ReadOptions.whole().withChecksums())) {
            EtagDigest etag = new EtagDigest();
            long bytes = ReceivedBytes.copy(in.head(), in.body(), true, etag, out, progress);
            if (in.head().etagIsContentMd5() && !etag.single().equalsIgnoreCase(in.head().etag())) {
                throw new VerificationException("MD5 " + etag.single() + " of the bytes received is not the ETag "
                        + in.head().etag());
            }
            return bytes;
        }
    }

    private long parts(String key, AtomicFile out) throws IOException, LocalWriteException, VerificationException {
        EtagDigest etag = new EtagDigest();
        long bytes = 0;
        ObjectHead first = null;
        int count = 1;
        for (int part = 1; part <= count; part++) {
            try (ObjectStream in = client.getObject(bucket, key, ReadOptions.part(part).withChecksums())) {
                ObjectHead head = in.head();
                if (first == null) {
                    first = head;
                    if (head.partsCount().isEmpty()) {
                        // The server ignored partNumber and sent the whole object: its size and checksums are checked.
                        return ReceivedBytes.copy(head, in.body(), true, etag, out, progress);
                    }
                    count = head.partsCount().get();
                } else if (!head.partsCount().equals(first.partsCount()) || !same(head.etag(), first.etag())) {
                    throw new VerificationException("the object changed while its parts were read");
                }
                bytes += ReceivedBytes.copy(head, in.body(), false, etag, out, progress);
                etag.endPart();
            }
        }
        if (first.etagIsMd5Based() && !etag.multipart().equalsIgnoreCase(first.etag())) {
            throw new VerificationException("ETag " + etag.multipart() + " of the parts received is not the object's "
                    + first.etag());
        }
        return bytes;
    }

    private static boolean same(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }
}
