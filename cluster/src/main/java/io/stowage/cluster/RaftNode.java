package io.stowage.cluster;

import io.stowage.cluster.blob.PeerSet;
import io.stowage.engine.error.ConflictException;
import io.stowage.engine.error.InvalidInputException;
import io.stowage.engine.error.UnavailableException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.grpc.GrpcFactory;
import org.apache.ratis.grpc.GrpcTlsConfig;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.GroupInfoReply;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.retry.ExponentialBackoffRetry;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftConfiguration;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.StateMachine;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** This node's Raft server in the group, and the client through which it submits commands and read barriers. */
final class RaftNode implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RaftNode.class);

    /** One group per cluster: its id is fixed so every node computes the same one. */
    static final RaftGroupId GROUP_ID = RaftGroupId.valueOf(UUID.nameUUIDFromBytes("stowage".getBytes(StandardCharsets.UTF_8)));

    /** As long as the Raft client's retries: a leader cut off from the others steps down well before. */
    private static final long LOCAL_TIMEOUT_SECONDS = 12;

    private final ClusterConfig config;
    private final RaftServer server;
    private final RaftClient client;
    private final RaftClient membershipClient;
    private final RaftPeerId self;
    private final boolean founding;
    /** Identifies the requests this node hands its own Raft server; call ids keep them apart in the retry cache. */
    private final ClientId localClient = ClientId.randomId();
    private final AtomicLong localCalls = new AtomicLong();

    /** @param tls mutual TLS between the nodes, or null for plain TCP */
    RaftNode(ClusterConfig config, StateMachine stateMachine, PeerTls tls) throws IOException {
        this.config = config;
        this.self = RaftPeerId.valueOf(config.nodeId());
        Files.createDirectories(config.storageDir());
        boolean formatted = Files.isDirectory(config.storageDir().resolve(GROUP_ID.getUuid().toString()));
        RaftProperties properties = properties(config);
        Parameters parameters = new Parameters();
        if (tls != null) {
            GrpcTlsConfig grpcTls = tls.grpc();
            GrpcConfigKeys.TLS.setConf(parameters, grpcTls);
            GrpcConfigKeys.Server.setTlsConf(parameters, grpcTls);
            GrpcConfigKeys.Client.setTlsConf(parameters, grpcTls);
            GrpcConfigKeys.Admin.setTlsConf(parameters, grpcTls);
        }
        boolean joining = !formatted && switch (config.join()) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> peersHaveALog(config, properties, parameters);
        };
        this.founding = !formatted && !joining;
        // joining: a listener in its own first configuration, so it never campaigns until the leader adds it as a voter
        RaftGroup group = RaftGroup.valueOf(GROUP_ID, peers(config.members(), joining ? self : null));
        this.server = RaftServer.newBuilder()
                .setServerId(self)
                .setGroup(group)
                .setStateMachine(stateMachine)
                .setProperties(properties)
                .setParameters(parameters)
                .setOption(formatted ? RaftStorage.StartupOption.RECOVER : RaftStorage.StartupOption.FORMAT)
                .build();
        // about 12 s of attempts before a 503, never sleeping long: a new leader is used within 0.5 s of its election
        this.client = client(group, properties, parameters, 25);
        // a new member must catch up before its configuration commits: that may take longer than a write; and a call
        // right after the leader died must outlast the election, as writes do
        RaftProperties patient = new RaftProperties(properties);
        RaftClientConfigKeys.Rpc.setRequestTimeout(patient, TimeDuration.valueOf(20, TimeUnit.SECONDS));
        this.membershipClient = client(group, patient, parameters, 25);
    }

    /**
     * Whether any other member already has a committed log entry, i.e. the cluster runs and this node,
     * on fresh storage, is new to it. Asks each peer once, briefly; an unreachable peer counts as no.
     * Founding nodes that start together all see none. A founding node that sees one anyway starts as
     * a listener and becomes a voter as soon as the committed configuration, which names it, reaches it.
     */
    private boolean peersHaveALog(ClusterConfig config, RaftProperties properties, Parameters parameters) {
        RaftProperties quick = new RaftProperties(properties);
        RaftClientConfigKeys.Rpc.setRequestTimeout(quick, TimeDuration.valueOf(2, TimeUnit.SECONDS));
        RaftGroup others = RaftGroup.valueOf(GROUP_ID, peers(config.members(), null).stream()
                .filter(peer -> !peer.getId().equals(self)).toList());
        try (RaftClient probe = RaftClient.newBuilder()
                .setProperties(quick)
                .setRaftGroup(others)
                .setParameters(parameters)
                .setClientRpc(new GrpcFactory(parameters).newRaftClientRpc(ClientId.randomId(), quick))
                .setRetryPolicy(RetryPolicies.noRetry())
                .build()) {
            for (RaftPeer peer : others.getPeers()) {
                try {
                    GroupInfoReply info = probe.getGroupManagementApi(peer.getId()).info(GROUP_ID);
                    if (info.getCommitInfos().stream().anyMatch(commit -> commit.getCommitIndex() >= 0)) {
                        LOG.info("Peer {} has a committed log: node {} joins the running cluster", peer.getId(), self);
                        return true;
                    }
                } catch (IOException | RuntimeException e) {
                    // down, or not started yet: gRPC reports an unreachable peer unchecked
                    LOG.debug("Peer {} did not say whether it has a log", peer.getId(), e);
                }
            }
        } catch (IOException e) {
            LOG.debug("Closing the probe client failed", e);
        }
        return false;
    }

    /** A client that retries with backoff (100 ms doubling to 500 ms) up to {@code attempts} times, then gives up. */
    private static RaftClient client(RaftGroup group, RaftProperties properties, Parameters parameters, int attempts) {
        return RaftClient.newBuilder()
                .setProperties(properties)
                .setRaftGroup(group)
                .setParameters(parameters)
                .setClientRpc(new GrpcFactory(parameters).newRaftClientRpc(ClientId.randomId(), properties))
                .setRetryPolicy(ExponentialBackoffRetry.newBuilder()
                        .setBaseSleepTime(TimeDuration.valueOf(100, TimeUnit.MILLISECONDS))
                        .setMaxSleepTime(TimeDuration.valueOf(500, TimeUnit.MILLISECONDS))
                        .setMaxAttempts(attempts)
                        .build())
                .build();
    }

    /** Whether this start created the node's Raft storage as one of the members founding the cluster. */
    boolean founding() {
        return founding;
    }

    void start() throws IOException {
        server.start();
    }

    /** @param listener the one member that starts as a non-voting listener, or null */
    private static List<RaftPeer> peers(Map<String, InetSocketAddress> members, RaftPeerId listener) {
        return members.entrySet().stream()
                .map(e -> RaftPeer.newBuilder()
                        .setId(e.getKey())
                        .setAddress(e.getValue().getHostString() + ":" + e.getValue().getPort())
                        .setStartupRole(RaftPeerId.valueOf(e.getKey()).equals(listener)
                                ? RaftPeerRole.LISTENER : RaftPeerRole.FOLLOWER)
                        .build())
                .toList();
    }

    private static RaftProperties properties(ClusterConfig config) {
        RaftProperties properties = new RaftProperties();
        RaftServerConfigKeys.setStorageDir(properties, List.of(config.storageDir().toFile()));
        GrpcConfigKeys.Server.setHost(properties, config.raftAddress().getHostString());
        GrpcConfigKeys.Server.setPort(properties, config.raftAddress().getPort());
        RaftServerConfigKeys.Read.setOption(properties, RaftServerConfigKeys.Read.Option.LINEARIZABLE);
        RaftServerConfigKeys.Read.setLeaderLeaseEnabled(properties, true);
        long entries = config.snapshotEntries();
        RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(properties, true);
        RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(properties, entries);
        RaftServerConfigKeys.Snapshot.setCreationGap(properties, Math.min(entries, 1024));
        RaftServerConfigKeys.Snapshot.setRetentionFileNum(properties, 2);
        RaftServerConfigKeys.Snapshot.setTriggerWhenStopEnabled(properties, false);
        RaftServerConfigKeys.Log.setPurgeGap(properties, (int) Math.min(entries, Integer.MAX_VALUE));
        // only closed segments are dropped: a snapshot interval (entries of 100 bytes or more) fills at least one
        RaftServerConfigKeys.Log.setSegmentSizeMax(properties,
                SizeInBytes.valueOf(Math.clamp(entries * 100, 4 * 1024L, 8L * 1024 * 1024)));
        // a member behind the dropped log copies a node's metadata itself (EngineStateMachine), not through Ratis
        RaftServerConfigKeys.Log.Appender.setInstallSnapshotEnabled(properties, false);
        // shared, noisy machines and GC pauses: elections after 1-2 s of silence, not Ratis' 150-300 ms
        RaftServerConfigKeys.Rpc.setTimeoutMin(properties, TimeDuration.valueOf(1, TimeUnit.SECONDS));
        RaftServerConfigKeys.Rpc.setTimeoutMax(properties, TimeDuration.valueOf(2, TimeUnit.SECONDS));
        RaftClientConfigKeys.Rpc.setRequestTimeout(properties, TimeDuration.valueOf(3, TimeUnit.SECONDS));
        return properties;
    }

    /** A committed command: its outcome and its log index. */
    record Committed(byte[] outcome, long index) {
    }

    /**
     * Submits a command to the leader (wherever it is) and returns the outcome once it is committed
     * and applied there. On the leader the command goes straight to the local Raft server; elsewhere
     * the Raft client sends it to the leader and retries across a failover.
     *
     * @throws UnavailableException when no leader with a quorum answered in time, or this node lost the
     *     lead while the command was pending (it may have committed; the S3 client retries)
     */
    Committed submit(byte[] command) {
        Message message = Message.valueOf(ByteString.copyFrom(command));
        RaftClientReply reply;
        if (isLeader()) {
            try {
                reply = askLocally(RaftClientRequest.writeRequestType(), message, "the write");
            } catch (IOException e) {
                throw noQuorum("the write", e);
            }
        } else {
            try {
                reply = client.io().send(message);
            } catch (IOException e) {
                throw noQuorum("the write", e);
            }
        }
        if (!reply.isSuccess()) {
            throw noQuorum("the write", reply.getException());
        }
        return new Committed(reply.getMessage().getContent().toByteArray(), reply.getLogIndex());
    }

    /**
     * Returns once this node has applied every command committed before the call (a Raft read
     * index), so what it reads next is at least as new as any acknowledged write. The local Raft
     * server answers (the leader from its lease, a follower after asking the leader); when it cannot,
     * the Raft client retries until a leader answers.
     */
    void readBarrier() {
        try {
            RaftClientReply local = askLocally(RaftClientRequest.readRequestType(), Message.EMPTY, "the read");
            if (local.isSuccess()) {
                return;
            }
        } catch (IOException e) {
            LOG.debug("The local read index failed; asking through the Raft client", e);
        }
        RaftClientReply reply;
        try {
            reply = client.io().sendReadOnly(Message.EMPTY, self);
        } catch (IOException e) {
            throw noQuorum("the read", e);
        }
        if (!reply.isSuccess()) {
            throw noQuorum("the read", reply.getException());
        }
    }

    /**
     * A request to this node's own Raft server, without the gRPC round trip of the client.
     *
     * @throws UnavailableException when the server did not answer in time: retrying elsewhere would only wait again
     */
    private RaftClientReply askLocally(RaftClientRequest.Type type, Message message, String what) throws IOException {
        RaftClientRequest request = RaftClientRequest.newBuilder()
                .setClientId(localClient)
                .setServerId(self)
                .setGroupId(GROUP_ID)
                .setCallId(localCalls.incrementAndGet())
                .setMessage(message)
                .setType(type)
                .build();
        try {
            return server.submitClientRequestAsync(request).get(LOCAL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the Raft server");
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        } catch (TimeoutException e) {
            throw noQuorum(what, e);
        }
    }

    private UnavailableException noQuorum(String what, Exception cause) {
        int members = info() == null ? config.members().size() : division().getRaftConf().getCurrentPeers().size();
        return new UnavailableException("no quorum: node " + config.nodeId() + " could not get " + what
                + " confirmed by a majority (" + ClusterConfig.majority(members) + " of " + members
                + " nodes); leader " + leaderText() + "; " + describe(cause) + ". Retry when more nodes are up", cause);
    }

    private static String describe(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    private String leaderText() {
        RaftPeerId leader = leaderId();
        return leader == null ? "unknown" : leader.toString();
    }

    /** The other members of the current configuration (both configurations while one changes to another). */
    PeerSet peerSet() {
        RaftConfiguration conf = division().getRaftConf();
        Collection<RaftPeer> current = conf.getCurrentPeers();
        Collection<RaftPeer> previous = conf.getPreviousPeers();
        Set<RaftPeer> all = new LinkedHashSet<>(current);
        all.addAll(previous);
        List<InetSocketAddress> others = all.stream()
                .filter(peer -> !peer.getId().equals(self))
                .map(peer -> ClusterConfig.blobAddress(raftAddress(peer.getAddress())))
                .toList();
        int needed = Math.max(othersForMajority(current), othersForMajority(previous));
        return new PeerSet(others, Math.min(needed, others.size()));
    }

    /** How many members besides this node make a majority of {@code peers} (all of one, if this node is not among them). */
    private int othersForMajority(Collection<RaftPeer> peers) {
        if (peers.isEmpty()) {
            return 0;
        }
        boolean member = peers.stream().anyMatch(peer -> peer.getId().equals(self));
        return ClusterConfig.majority(peers.size()) - (member ? 1 : 0);
    }

    /** @param address HOST:PORT as Ratis keeps it (an IPv6 host in brackets) */
    static InetSocketAddress raftAddress(String address) {
        int colon = address.lastIndexOf(':');
        String host = address.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return InetSocketAddress.createUnresolved(host, Integer.parseInt(address.substring(colon + 1)));
    }

    private RaftServer.Division division() {
        try {
            return server.getDivision(GROUP_ID);
        } catch (IOException e) {
            throw new UnavailableException("this node's Raft group is not running", e);
        }
    }

    ClusterStatus status() {
        RaftServer.Division division = division();
        DivisionInfo info = division.getInfo();
        RaftPeerId leader = info.getLeaderId();
        List<ClusterStatus.Member> members = division.getRaftConf().getCurrentPeers().stream()
                .map(peer -> new ClusterStatus.Member(peer.getId().toString(), peer.getAddress()))
                .sorted(Comparator.comparing(ClusterStatus.Member::id))
                .toList();
        return new ClusterStatus(config.nodeId(), info.getCurrentRole().name(), leader == null ? null : leader.toString(),
                info.getCurrentTerm(), info.getLastAppliedIndex(), members);
    }

    /**
     * Makes {@code id} a member at {@code address} (a running node started with the new member list);
     * the leader first brings it up to date, then commits the new configuration.
     */
    void addMember(String id, InetSocketAddress address) {
        Collection<RaftPeer> current = division().getRaftConf().getCurrentPeers();
        String wanted = address.getHostString() + ":" + address.getPort();
        for (RaftPeer peer : current) {
            if (peer.getId().toString().equals(id)) {
                if (peer.getAddress().equals(wanted)) {
                    return;
                }
                throw new ConflictException("node " + id + " is a member at " + peer.getAddress() + ", not " + wanted, id);
            }
        }
        List<RaftPeer> next = new ArrayList<>(current);
        next.add(RaftPeer.newBuilder().setId(id).setAddress(wanted).build());
        setMembers(next);
    }

    /** Removes a member; removing the leader makes it step down once the new configuration commits. */
    void removeMember(String id) {
        Collection<RaftPeer> current = division().getRaftConf().getCurrentPeers();
        List<RaftPeer> next = current.stream().filter(peer -> !peer.getId().toString().equals(id)).toList();
        if (next.size() == current.size()) {
            return;
        }
        if (next.isEmpty()) {
            throw new InvalidInputException("cannot remove the last member of the cluster", id);
        }
        setMembers(next);
    }

    private void setMembers(List<RaftPeer> peers) {
        RaftClientReply reply;
        try {
            reply = membershipClient.admin().setConfiguration(peers);
        } catch (IOException e) {
            throw noQuorum("the membership change", e);
        }
        if (!reply.isSuccess()) {
            throw noQuorum("the membership change", reply.getException());
        }
    }

    boolean isLeader() {
        DivisionInfo info = info();
        return info != null && info.isLeader() && info.isLeaderReady();
    }

    /** Whether this node is a listener, which a membership change makes a voting member. */
    boolean awaitsMembership() {
        DivisionInfo info = info();
        return info != null && info.getCurrentRole() == RaftPeerRole.LISTENER;
    }

    RaftPeerId leaderId() {
        DivisionInfo info = info();
        return info == null ? null : info.getLeaderId();
    }

    private DivisionInfo info() {
        try {
            return server.getDivision(GROUP_ID).getInfo();
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() throws IOException {
        try (server; client; membershipClient) {
            // closed in reverse order: the clients, then the server
        }
    }
}
