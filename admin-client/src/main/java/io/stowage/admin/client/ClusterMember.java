package io.stowage.admin.client;

import java.util.Objects;

/**
 * A member of a cluster's Raft group.
 *
 * @param address its Raft address, HOST:PORT; its blob copies use PORT + 1
 */
public record ClusterMember(String id, String address) {

    public ClusterMember {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(address, "address");
    }

    /** The host of {@link #address()}, without the port (and without brackets around an IPv6 address). */
    public String host() {
        String host = address.substring(0, Math.max(address.lastIndexOf(':'), 0));
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
