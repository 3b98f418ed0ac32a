package io.stowage.populate;

import io.stowage.backend.s3.ListedObject;
import io.stowage.backend.s3.S3ObjectClient;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Puts one listed object in place: a directory for a marker; for a file, nothing when a complete copy is already
 * there, otherwise a verified download, retried. A failure is counted and reported, and the run goes on.
 */
final class ObjectCopier {

    private final TargetLayout layout;
    private final Retrier retrier;
    private final Progress progress;
    private final PrintStream err;
    private final CompleteFileCheck check;
    private final ObjectDownloader downloader;

    ObjectCopier(S3ObjectClient client, String bucket, TargetLayout layout, Retrier retrier, Progress progress,
                 PrintStream err) {
        this.layout = layout;
        this.retrier = retrier;
        this.progress = progress;
        this.err = err;
        this.check = new CompleteFileCheck(client, bucket);
        this.downloader = new ObjectDownloader(client, bucket, progress);
    }

    void copy(ListedObject object, Placement placement) {
        try {
            switch (placement) {
                case Placement.Directory directory -> {
                    ensureDirectory(directory.path());
                    progress.directories.increment();
                }
                case Placement.File file -> copyFile(object, file.path());
                case Placement.TargetItself itself -> {
                }
                case Placement.Refused refused -> throw new IllegalArgumentException("a refused key is not copied");
            }
            progress.done(object.size());
        } catch (Exception e) {
            progress.failed.increment();
            String attempts = Retrier.retryable(e) ? " (after " + retrier.attempts() + " attempts)" : "";
            err.println("failed: " + Keys.quote(object.key()) + ": " + e.getMessage() + attempts);
        }
    }

    private void copyFile(ListedObject object, Path file) throws Exception {
        ensureDirectory(file.getParent());
        if (retrier.call(() -> check.complete(object, file))) {
            progress.skipped.increment();
            return;
        }
        boolean multipart = CompleteFileCheck.multipart(object.etag());
        long bytes = retrier.call(() -> downloader.download(object.key(), multipart, file));
        progress.copied.increment();
        progress.copiedBytes.add(bytes);
    }

    private void ensureDirectory(Path dir) throws LocalWriteException {
        try {
            layout.ensureDirectory(dir);
        } catch (IOException e) {
            throw new LocalWriteException("cannot make directory " + layout.target().relativize(dir), e);
        }
    }
}
