package io.stowage.bench.load.http;

/** Receives the response to a request, on the connection's event loop. */
@FunctionalInterface
public interface ResponseListener {

    void onResponse(Response response);
}
