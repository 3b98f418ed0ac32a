package io.stowage.kube.operator;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes a client's writes of one Secret fail while armed, as a connection lost in the middle of the write
 * would: the request never reaches the API server, and the caller gets an exception instead of the
 * answer. It works in the client, so it does the same on the mock server and on a real cluster.
 */
public final class FailingSecretWrites implements Interceptor {

    private volatile String path;
    private final AtomicInteger refused = new AtomicInteger();

    /** From now on, updates and patches of the Secret fail. */
    public void arm(String namespace, String name) {
        path = "/api/v1/namespaces/" + namespace + "/secrets/" + name;
    }

    /** Writes go through again. */
    public void disarm() {
        path = null;
    }

    /** How many writes failed so far. */
    public int refused() {
        return refused.get();
    }

    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
        String failing = path;
        if (failing != null && request.uri().getPath().equals(failing)
                && (request.method().equals("PUT") || request.method().equals("PATCH"))) {
            refused.incrementAndGet();
            throw new UncheckedIOException(new ConnectException("write of " + failing + " failed on purpose by the test"));
        }
    }
}
