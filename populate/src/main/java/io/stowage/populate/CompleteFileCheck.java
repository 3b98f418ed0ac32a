package io.stowage.populate;

import io.stowage.backend.s3.ListedObject;
import io.stowage.backend.s3.ObjectHead;
import io.stowage.backend.s3.ReadOptions;
import io.stowage.backend.s3.S3ObjectClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whether a file already in the target is a complete copy of its object, so that a restarted run skips it: a
 * regular file of the object's size whose bytes give the object's ETag, recomputed from the file (the MD5 of a
 * one-PUT object; for a multipart object the MD5 of the MD5s of its parts, whose sizes HeadObject with
 * {@code partNumber} tells). Nothing is recorded beside the files, so a file changed or damaged since is never
 * taken for complete. An object whose ETag is not made this way (KMS or customer-key encryption, a server that
 * does not read parts) is downloaded again.
 */
final class CompleteFileCheck {

    private static final Pattern MD5 = Pattern.compile("[0-9a-fA-F]{32}");
    private static final Pattern MULTIPART = Pattern.compile("[0-9a-fA-F]{32}-([0-9]{1,5})");
    private static final int BUFFER = 64 * 1024;

    private final S3ObjectClient client;
    private final String bucket;

    CompleteFileCheck(S3ObjectClient client, String bucket) {
        this.client = client;
        this.bucket = bucket;
    }

    static boolean multipart(String etag) {
        return etag != null && MULTIPART.matcher(etag).matches();
    }

    boolean complete(ListedObject object, Path file) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return false;
        }
        String etag = object.etag();
        if (!attributes.isRegularFile() || attributes.size() != object.size() || etag == null) {
            return false;
        }
        if (MD5.matcher(etag).matches()) {
            return etag.equalsIgnoreCase(etagOf(file, List.of(object.size()), false));
        }
        var multipart = MULTIPART.matcher(etag);
        if (!multipart.matches()) {
            return false;
        }
        List<Long> sizes = partSizes(object, Integer.parseInt(multipart.group(1)));
        return sizes.stream().mapToLong(Long::longValue).sum() == object.size() && etag.equalsIgnoreCase(etagOf(file, sizes, true));
    }

    /** The sizes of the object's parts, or none when the server does not answer them as the ETag says. */
    private List<Long> partSizes(ListedObject object, int count) {
        List<Long> sizes = new ArrayList<>(count);
        for (int part = 1; part <= count; part++) {
            ObjectHead head = client.headObject(bucket, object.key(), ReadOptions.part(part));
            if (!head.partsCount().equals(Optional.of(count)) || !object.etag().equalsIgnoreCase(head.etag())
                    || !head.etagIsMd5Based()) {
                return List.of();
            }
            sizes.add(head.contentLength());
        }
        return sizes;
    }

    /** The ETag of the file cut in parts of these sizes, as a multipart object's or (one size) a one-PUT object's. */
    static String etagOf(Path file, List<Long> partSizes, boolean multipart) throws IOException {
        EtagDigest etag = new EtagDigest();
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            for (long size : partSizes) {
                long left = size;
                while (left > 0) {
                    int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                    if (n < 0) {
                        return "";
                    }
                    etag.update(buffer, 0, n);
                    left -= n;
                }
                if (multipart) {
                    etag.endPart();
                }
            }
        }
        return multipart ? etag.multipart() : etag.single();
    }
}
