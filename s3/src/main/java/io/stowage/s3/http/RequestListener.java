package io.stowage.s3.http;

/**
 * Told about every request once its response is written: the access log and metrics. Called on
 * the connection's event loop, so it must be quick and must not block.
 */
@FunctionalInterface
public interface RequestListener {

    RequestListener NONE = request -> {
    };

    void completed(CompletedRequest request);
}
