package io.stowage.bench.load;

import io.stowage.bench.load.LoadOptions.Options;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Multipart uploads of {@code --size} bytes in {@code --part-size} parts (each a slice of the shared
 * payload), {@code --concurrency} parts in flight: CreateMultipartUpload, UploadPart for each part,
 * CompleteMultipartUpload with the parts' ETags. An upload still running when the window closes is
 * aborted.
 */
final class MultipartUpload {

    private final LoadContext ctx;
    private final Window window;
    private final Errors errors;
    private final long size;
    private final long partSize;
    private final int parts;

    MultipartUpload(LoadContext ctx, Window window) {
        Options o = ctx.options();
        this.ctx = ctx;
        this.window = window;
        this.errors = ctx.errors();
        this.size = o.size();
        this.partSize = o.partSize();
        this.parts = partCount(size, partSize);
    }

    static int partCount(long size, long partSize) {
        return (int) Math.max(1, (size + partSize - 1) / partSize);
    }

    /** The length of part {@code index} (from 0). */
    static int partLength(long size, long partSize, int index) {
        return (int) Math.min(partSize, size - index * partSize);
    }

    /** Uploads one object to {@code path}; whether it completed and every answer was good. */
    boolean run(String path) {
        S3Client c = ctx.client();
        try {
            HttpResponse<String> created = c.send("POST", path, "uploads=", null, false, null,
                    HttpResponse.BodyHandlers.ofString());
            String id = created.statusCode() == 200 ? MultipartXml.uploadId(created.body()) : null;
            if (id == null) {
                return errors.add("CreateMultipartUpload " + path + ": status " + created.statusCode() + " "
                        + Requests.abbreviate(created.body()));
            }
            String uploadId = "uploadId=" + SigV4Signer.uriEncode(id, false);
            String[] etags = uploadParts(path, uploadId);
            if (etags == null) {
                abort(c, path, uploadId);
                return false;
            }
            HttpResponse<String> done = c.send("POST", path, uploadId,
                    HttpRequest.BodyPublishers.ofString(MultipartXml.completeBody(etags)), true, null,
                    HttpResponse.BodyHandlers.ofString());
            String err = ResponseCheck.check("CompleteMultipartUpload", done.statusCode(), 0, -1);
            return errors.check(err != null ? err : MultipartXml.checkComplete(done.body(), parts), path);
        } catch (Exception e) {
            return errors.add("multipart upload " + path + ": " + e);
        }
    }

    /** The parts' ETags, or null if a part failed or the window closed first. */
    private String[] uploadParts(String path, String uploadId) throws InterruptedException {
        String[] etags = new String[parts];
        AtomicInteger next = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < Math.min(ctx.options().concurrency(), parts); t++) {
            threads.add(Thread.ofVirtual().start(() -> {
                S3Client c = ctx.client();
                int i;
                while (window.open(System.nanoTime()) && (i = next.getAndIncrement()) < parts) {
                    etags[i] = uploadPart(c, path, uploadId, i);
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        for (String etag : etags) {
            if (etag == null) {
                return null;
            }
        }
        return etags;
    }

    private String uploadPart(S3Client c, String path, String uploadId, int index) {
        String query = "partNumber=" + (index + 1) + "&" + uploadId;
        try {
            HttpResponse<Long> r = c.send("PUT", path, query,
                    new PayloadPublisher(ctx.payload(), partLength(size, partSize, index)), true, null,
                    S3Client.COUNTING);
            String err = ResponseCheck.check("UploadPart", r.statusCode(), r.body(), -1);
            Optional<String> etag = r.headers().firstValue("etag");
            if (err == null && etag.isEmpty()) {
                err = "UploadPart: no ETag";
            }
            return errors.check(err, path + "?" + query) ? etag.get() : null;
        } catch (Exception e) {
            errors.add("UploadPart " + path + "?" + query + ": " + e);
            return null;
        }
    }

    private void abort(S3Client c, String path, String uploadId) throws Exception {
        HttpResponse<Long> r = c.send("DELETE", path, uploadId, null, false, null, S3Client.COUNTING);
        errors.check(ResponseCheck.check("AbortMultipartUpload", r.statusCode(), r.body(), -1), path);
    }
}
