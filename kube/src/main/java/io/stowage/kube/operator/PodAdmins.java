package io.stowage.kube.operator;

import io.stowage.admin.client.AdminClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Admin API clients of one ObjectStore's pods for the length of a reconcile, one per host, with the
 * admin token and, over TLS, trusting the certificate Secret's CA.
 */
final class PodAdmins implements AutoCloseable {

    /** A pod that does not run refuses or times out fast; a membership change may take its time. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final AdminEndpoints endpoints;
    private final String token;
    private final boolean tls;
    private final byte[] caPem;
    private final Map<String, AdminClient> clients = new HashMap<>();

    /**
     * @param caPem the CA bundle to trust, or null for the JDK's trust (or without TLS)
     */
    PodAdmins(AdminEndpoints endpoints, String token, boolean tls, byte[] caPem) {
        this.endpoints = endpoints;
        this.token = token;
        this.tls = tls;
        this.caPem = caPem;
    }

    AdminClient of(String host) {
        return clients.computeIfAbsent(host, h -> {
            AdminClient.Builder builder = AdminClient.builder(endpoints.of(h, tls)).token(token)
                    .connectTimeout(CONNECT_TIMEOUT);
            if (caPem != null) {
                builder.trustedCertificates(caPem);
            }
            return builder.build();
        });
    }

    @Override
    public void close() {
        clients.values().forEach(AdminClient::close);
    }
}
