package io.stowage.kube.operator;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records every request a client sends (as {@link ApiCall}s), so that a test can hold what the operator
 * really did against what the chart grants it. It sits in the client, so it sees the same on the mock
 * server as on a real cluster.
 */
public final class ApiCallRecorder implements Interceptor {

    private final Set<ApiCall> calls = ConcurrentHashMap.newKeySet();

    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
        calls.add(ApiCall.of(request.method(), request.uri()));
    }

    /** The distinct calls so far. */
    public Set<ApiCall> calls() {
        return Set.copyOf(calls);
    }
}
