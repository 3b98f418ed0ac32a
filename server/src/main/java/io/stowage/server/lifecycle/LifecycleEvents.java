package io.stowage.server.lifecycle;

/** What the lifecycle worker did, as metrics count it. Called from the worker's thread. */
public interface LifecycleEvents {

    /** What kind of version a rule expired. */
    enum Expired {
        /** A current version: removed (unversioned bucket) or hidden by a delete marker. */
        CURRENT,
        /** A non-current version or delete marker, removed for good. */
        NONCURRENT,
        /** A current delete marker that hid no version, removed. */
        DELETE_MARKER
    }

    /** One version or upload looked at. */
    void examined();

    void expired(Expired kind);

    void uploadAborted();

    /** A due version left alone because its retention or legal hold protects it. */
    void skippedLocked();

    /** A bucket whose pass failed; the cycle went on with the next one. */
    void bucketFailed();

    /** A cycle ended, having spent its batch, walked every bucket, or been stopped by shutdown. */
    void cycleRan();
}
