package io.stowage.populate;

import io.stowage.backend.s3.ListedObject;
import io.stowage.backend.s3.S3ObjectClient;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * {@code stowage populate}: copies every object under a bucket prefix into a directory, {@code parallel} at a time
 * on virtual threads while the listing goes on page by page, so memory stays bounded by the parallelism (each
 * download streams to disk through a 64 KiB buffer) however many objects there are.
 */
public final class Populator {

    private static final Duration RETRY_BASE = Duration.ofMillis(200);
    private static final Duration RETRY_MAX = Duration.ofSeconds(10);

    private Populator() {
    }

    /**
     * Copies, reporting progress on {@code out} (a bar when {@code terminal}) and each refused key and failed
     * object on {@code err}, one line each.
     */
    public static PopulateResult copy(PopulateSettings settings, PrintStream out, PrintStream err, boolean terminal)
            throws InterruptedException {
        long started = System.nanoTime();
        Progress progress = new Progress();
        TargetLayout layout = new TargetLayout(settings.target());
        Optional<String> fatal = Optional.empty();
        try {
            Files.createDirectories(layout.target());
            long leftovers = removeLeftovers(layout.target());
            if (leftovers > 0) {
                out.println("removed " + leftovers + " temporary files of an interrupted run");
            }
        } catch (IOException e) {
            return result(progress, started, Optional.of("cannot prepare the target directory " + layout.target() + ": "
                    + e.getMessage()));
        }
        Retrier retrier = new Retrier(settings.attempts(), RETRY_BASE, RETRY_MAX);
        Source source = settings.source();
        try (S3ObjectClient client = S3ObjectClient.open(source.endpoint(), source.key());
             ProgressDisplay display = ProgressDisplay.start(progress, out, terminal, settings.progressInterval())) {
            ObjectCopier copier = new ObjectCopier(client, source.bucket(), layout, retrier, progress, err);
            Semaphore slots = new Semaphore(settings.parallel());
            try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
                try {
                    new SourceListing(client, source, retrier).forEach((object, relativeKey) -> {
                        if (!settings.filter().accepts(relativeKey)) {
                            return;
                        }
                        Placement placement = layout.place(relativeKey);
                        if (placement instanceof Placement.Refused refused) {
                            progress.refused.increment();
                            err.println("refused: " + Keys.quote(object.key()) + ": " + refused.reason() + "; not written");
                            return;
                        }
                        progress.listed(object.size());
                        slots.acquire();
                        workers.submit(() -> {
                            try {
                                copier.copy(object, placement);
                            } finally {
                                slots.release();
                            }
                        });
                    });
                } catch (InterruptedException e) {
                    throw e;
                } catch (Exception e) {
                    fatal = Optional.of("listing " + source.bucket() + "/" + source.prefix() + " failed: " + e.getMessage());
                }
                progress.listingComplete = true;
            }
        }
        return result(progress, started, fatal);
    }

    /** Lists what {@link #copy} would copy, without downloading anything. */
    public static SizeReport size(Source source, KeyFilter filter, int attempts) throws Exception {
        Retrier retrier = new Retrier(attempts, RETRY_BASE, RETRY_MAX);
        TargetLayout layout = new TargetLayout(Path.of("/size"));
        AtomicLong objects = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        try (S3ObjectClient client = S3ObjectClient.open(source.endpoint(), source.key())) {
            new SourceListing(client, source, retrier).forEach((ListedObject object, String relativeKey) -> {
                if (filter.accepts(relativeKey)) {
                    switch (layout.place(relativeKey)) {
                        case Placement.Refused r -> refused.incrementAndGet();
                        case Placement.TargetItself t -> {
                        }
                        default -> {
                            objects.incrementAndGet();
                            bytes.addAndGet(object.size());
                        }
                    }
                }
            });
        }
        return new SizeReport(objects.get(), bytes.get(), refused.get());
    }

    /** Deletes the temporary files an interrupted run left (never following links). */
    private static long removeLeftovers(Path target) throws IOException {
        long removed = 0;
        try (Stream<Path> files = Files.walk(target)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (file.getFileName().toString().startsWith(TargetLayout.TEMP_PREFIX) && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    Files.delete(file);
                    removed++;
                }
            }
        }
        return removed;
    }

    private static PopulateResult result(Progress progress, long started, Optional<String> fatal) {
        return new PopulateResult(progress.copied.sum(), progress.copiedBytes.sum(), progress.skipped.sum(),
                progress.directories.sum(), progress.refused.sum(), progress.failed.sum(),
                Duration.ofNanos(System.nanoTime() - started), fatal);
    }
}
