package io.stowage.bench.load;

import io.netty.buffer.Unpooled;
import io.stowage.bench.load.http.Expect;
import io.stowage.bench.load.http.Response;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Multipart uploads of {@code --size} bytes in {@code --part-size} parts (each a slice of the shared
 * payload), {@code --concurrency} parts in flight, one connection each: CreateMultipartUpload,
 * UploadPart for each part, CompleteMultipartUpload with the parts' ETags. An upload still running
 * when the window closes is aborted. Blocking calls on virtual threads: a part is megabytes, so
 * the hand-over between threads costs nothing that shows.
 */
final class MultipartUpload {

    private final LoadContext ctx;
    private final Window window;
    private final Errors errors;
    private final S3Connection control;
    private final S3Connection[] partConnections;
    private final long size;
    private final long partSize;
    private final int parts;

    MultipartUpload(LoadContext ctx, Window window, S3Connection control, S3Connection[] partConnections) {
        this.ctx = ctx;
        this.window = window;
        this.errors = ctx.errors();
        this.control = control;
        this.partConnections = partConnections;
        this.size = ctx.options().size();
        this.partSize = ctx.options().partSize();
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
    boolean run(String path) throws InterruptedException {
        Response created = control.call(Request.of(Method.POST, path, "uploads=", null, Expect.KEPT_BODY));
        String err = ResponseCheck.check("CreateMultipartUpload", created, -1);
        String id = err == null ? MultipartXml.uploadId(created.bodyText()) : null;
        if (id == null) {
            return errors.add((err != null ? err : "CreateMultipartUpload: no UploadId in "
                    + ResponseCheck.abbreviate(created.bodyText())) + " (" + path + ")");
        }
        String uploadId = "uploadId=" + UriEncoding.encode(id, false);
        String[] etags = uploadParts(path, uploadId);
        if (etags == null) {
            abort(path, uploadId);
            return false;
        }
        byte[] xml = MultipartXml.completeBody(etags).getBytes(StandardCharsets.UTF_8);
        Response done = control.call(Request.of(Method.POST, path, uploadId, Unpooled.wrappedBuffer(xml), Expect.KEPT_BODY));
        err = ResponseCheck.check("CompleteMultipartUpload", done, -1);
        return errors.check(err != null ? err : MultipartXml.checkComplete(done.bodyText(), parts), path);
    }

    /** The parts' ETags, or null if a part failed or the window closed first. */
    private String[] uploadParts(String path, String uploadId) throws InterruptedException {
        String[] etags = new String[parts];
        AtomicInteger next = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < Math.min(partConnections.length, parts); t++) {
            S3Connection c = partConnections[t];
            threads.add(Thread.ofVirtual().start(() -> {
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

    private String uploadPart(S3Connection c, String path, String uploadId, int index) {
        String query = "partNumber=" + (index + 1) + "&" + uploadId;
        int length = partLength(size, partSize, index);
        try {
            Response r = c.call(Request.of(Method.PUT, path, query, ctx.payload().slice(0, length), Expect.ETAG));
            String err = ResponseCheck.check("UploadPart", r, -1);
            if (err == null && r.etag() == null) {
                err = "UploadPart: no ETag";
            }
            return errors.check(err, path + "?" + query) ? r.etag() : null;
        } catch (RuntimeException e) {
            errors.add("UploadPart " + path + "?" + query + ": " + e);
            return null;
        }
    }

    private void abort(String path, String uploadId) {
        Response r = control.call(Request.of(Method.DELETE, path, uploadId, null, Expect.DISCARDED_BODY));
        errors.check(ResponseCheck.check("AbortMultipartUpload", r, -1), path);
    }
}
