package io.stowage.cluster;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One node's view of its Raft group.
 *
 * @param nodeId this node's id among {@code members}
 * @param members every member's Raft address by node id, this node included. A node's blob
 *     transfers use the next port up: {@link #blobAddress}
 * @param storageDir where Ratis keeps its log and metadata
 * @param reads what a read waits for before it looks at this node's copy
 * @param plaintextPeers peers speak plain TCP instead of mutual TLS: only for networks nobody else reaches
 * @param join whether this node, on its first start, joins a cluster that runs already: it then waits as a
 *     non-voting listener for the admin call that adds it, instead of campaigning with the members it lists (whose
 *     votes would refuse it and stop it). A node that has its Raft storage already ignores it
 * @param snapshotEntries a node snapshots its metadata after this many log entries; the log before a snapshot is
 *     dropped once every member has it, and a member that lacks dropped entries copies a node's metadata instead
 */
public record ClusterConfig(String nodeId, Map<String, InetSocketAddress> members, Path storageDir, ReadConsistency reads,
        boolean plaintextPeers, Join join, long snapshotEntries) {

    public static final long DEFAULT_SNAPSHOT_ENTRIES = 10_000;

    private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");

    public ClusterConfig {
        members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
        if (!members.containsKey(nodeId)) {
            throw new IllegalArgumentException("node " + nodeId + " is not among the members " + members.keySet());
        }
        if (snapshotEntries < 1) {
            throw new IllegalArgumentException("--raft-snapshot-entries must be at least 1, was " + snapshotEntries);
        }
    }

    public ClusterConfig withSnapshotEntries(long entries) {
        return new ClusterConfig(nodeId, members, storageDir, reads, plaintextPeers, join, entries);
    }

    /**
     * From the server's flags: {@code --node-id}, {@code --raft-address HOST:PORT} and
     * {@code --peers ID=HOST:PORT,...} (this node may be listed or not; if listed, with the same address).
     */
    public static ClusterConfig parse(String nodeId, String raftAddress, String peers, Path storageDir, ReadConsistency reads,
            boolean plaintextPeers, Join join) {
        checkNodeId("--node-id", nodeId);
        InetSocketAddress self = address("--raft-address", raftAddress);
        Map<String, InetSocketAddress> members = new LinkedHashMap<>();
        members.put(nodeId, self);
        for (String entry : peers.split(",")) {
            String trimmed = entry.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int equals = trimmed.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("--peers entries are ID=HOST:PORT, not " + trimmed);
            }
            String id = trimmed.substring(0, equals);
            checkNodeId("--peers", id);
            InetSocketAddress address = address("--peers " + id, trimmed.substring(equals + 1));
            InetSocketAddress known = members.putIfAbsent(id, address);
            if (known != null && !known.equals(address)) {
                throw new IllegalArgumentException("--peers names " + id + " twice, or with another address than"
                        + " --raft-address: " + known + " and " + address);
            }
        }
        return new ClusterConfig(nodeId, members, storageDir, reads, plaintextPeers, join, DEFAULT_SNAPSHOT_ENTRIES);
    }

    /** Node ids are 1 to 63 letters, digits, '.', '_' or '-', starting with a letter or digit. */
    public static void checkNodeId(String setting, String id) {
        if (id == null || !NODE_ID.matcher(id).matches()) {
            throw new IllegalArgumentException(setting + ": a node id is 1 to 63 letters, digits, '.', '_' or '-',"
                    + " starting with a letter or digit; was " + id);
        }
    }

    public InetSocketAddress raftAddress() {
        return members.get(nodeId);
    }

    /** Where a member accepts blob copies: its Raft port plus one. */
    public static InetSocketAddress blobAddress(InetSocketAddress raftAddress) {
        return new InetSocketAddress(raftAddress.getHostString(), raftAddress.getPort() + 1);
    }

    /** How many of {@code members} must hold a write before it is acknowledged: a majority. */
    public static int majority(int members) {
        return members / 2 + 1;
    }

    /** Parses HOST:PORT (IPv6 hosts in brackets); errors name {@code flag}. */
    public static InetSocketAddress address(String flag, String value) {
        if (value == null) {
            throw new IllegalArgumentException(flag + " is required: HOST:PORT");
        }
        int colon = value.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException(flag + " must be HOST:PORT, was " + value);
        }
        int port;
        try {
            port = Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + ": bad port in " + value);
        }
        if (port < 1 || port > 65534) {
            throw new IllegalArgumentException(flag + ": the port must be 1 to 65534 (the next one carries blobs), was " + port);
        }
        String host = value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return InetSocketAddress.createUnresolved(host, port);
    }
}
