package io.stowage.kube.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;

/**
 * What a test gets from {@link TestClusterExtension}: a client, a namespace of its own, and whether the
 * API server is fabric8's mock (which lacks a real server's garbage collector, controllers, RBAC and
 * schema validation) or a real cluster.
 *
 * @param mockServer the mock server, or null on a real cluster
 */
public record TestCluster(KubernetesClient client, String namespace, KubernetesMockServer mockServer) {

    public boolean isMock() {
        return mockServer != null;
    }

    /**
     * On the mock, waits until no request has reached it for half a second, before a test stops the
     * operator. kubernetes-server-mock 7.8.0 stalls its event loop for 30 s when a watch closes while it
     * is sending that watch an event (the close handler waits for the sender, which waits for the event
     * loop), and every request meanwhile times out. With no request, there is no event in flight.
     */
    public void settle() {
        if (mockServer == null) {
            return;
        }
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
        int seen = mockServer.getRequestCount();
        while (System.nanoTime() < deadline) {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            int now = mockServer.getRequestCount();
            if (now == seen) {
                return;
            }
            seen = now;
        }
    }

    /**
     * Another client to the same server: the operator gets its own, as it would in a pod.
     *
     * @param interceptors see every request it sends, in this order (to record them, or to make some fail)
     */
    public KubernetesClient newClient(Interceptor... interceptors) {
        return new KubernetesClientBuilder().withConfig(client.getConfiguration())
                .withHttpClientBuilderConsumer(builder -> {
                    for (int i = 0; i < interceptors.length; i++) {
                        builder.addOrReplaceInterceptor("stowage-test-" + i, interceptors[i]);
                    }
                })
                .build();
    }
}
