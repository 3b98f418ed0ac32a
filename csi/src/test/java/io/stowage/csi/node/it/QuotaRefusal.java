package io.stowage.csi.node.it;

import java.util.Arrays;
import java.util.List;

/**
 * What a writer sees through each mounter when the server refuses an upload past a bucket or prefix quota (Stowage
 * answers 400 QuotaExceeded), and the options that make the mounter report it at all: the one place every mount test
 * that writes past a quota (the csi module's {@code *MountIT}, the cli's {@code CsiIT}) takes its expectation from.
 * No mounter turns an S3 error into ENOSPC.
 */
public enum QuotaRefusal {

    /** s3fs uploads at flush and reports a 400 as EIO (a 403 would be EPERM). */
    S3FS("s3fs", "Input/output error", List.of()),
    /**
     * rclone reports every failed upload as EIO; with its write cache the upload runs after close() has answered, so
     * only the uncached mode reports it.
     */
    RCLONE("rclone", "Input/output error", List.of("--vfs-cache-mode=off")),
    /** geesefs keeps goofys's mapping of 400: EINVAL. Not run where there is no geesefs. */
    GEESEFS("geesefs", "Invalid argument", List.of());

    private final String mounter;
    private final String message;
    private final List<String> reportingOptions;

    QuotaRefusal(String mounter, String message, List<String> reportingOptions) {
        this.mounter = mounter;
        this.message = message;
        this.reportingOptions = reportingOptions;
    }

    /** @throws IllegalArgumentException for a mounter the driver does not have */
    public static QuotaRefusal of(String mounter) {
        return Arrays.stream(values()).filter(r -> r.mounter.equals(mounter)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no mounter " + mounter));
    }

    /** The error message (strerror) the writer gets. */
    public String message() {
        return message;
    }

    /** The mount options that make the mounter report a refused upload to the writer. */
    public List<String> reportingOptions() {
        return reportingOptions;
    }
}
