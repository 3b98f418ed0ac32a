package io.stowage.csi.node;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.stowage.csi.CsiException;
import io.stowage.csi.GrpcAnswers;
import io.stowage.csi.VolumeCapabilities;
import io.stowage.csi.VolumeContext;
import io.stowage.csi.VolumeHandle;
import io.stowage.csi.v1.NodeGetCapabilitiesRequest;
import io.stowage.csi.v1.NodeGetCapabilitiesResponse;
import io.stowage.csi.v1.NodeGetInfoRequest;
import io.stowage.csi.v1.NodeGetInfoResponse;
import io.stowage.csi.v1.NodeGrpc;
import io.stowage.csi.v1.NodePublishVolumeRequest;
import io.stowage.csi.v1.NodePublishVolumeResponse;
import io.stowage.csi.v1.NodeServiceCapability;
import io.stowage.csi.v1.NodeStageVolumeRequest;
import io.stowage.csi.v1.NodeStageVolumeResponse;
import io.stowage.csi.v1.NodeUnpublishVolumeRequest;
import io.stowage.csi.v1.NodeUnpublishVolumeResponse;
import io.stowage.csi.v1.NodeUnstageVolumeRequest;
import io.stowage.csi.v1.NodeUnstageVolumeResponse;
import io.stowage.csi.v1.VolumeCapability;
import io.stowage.csi.v1.VolumeCapability.AccessMode.Mode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The CSI Node service: checks each call's arguments and hands the mount work to the {@link VolumeMounter} (the
 * mount daemon beside the plugin), so the plugin itself holds no mount and can restart without touching one.
 * The volume's bucket and prefix come from its id ({@link VolumeHandle}), the mounter and its options from the
 * volume context (StorageClass parameters, or a static volume's attributes), the S3 key from the node-stage
 * secrets ({@link NodeSecrets}).
 */
public final class NodeService extends NodeGrpc.NodeImplBase {

    static final String DEFAULT_MOUNTER = "s3fs";

    private final String nodeId;
    private final VolumeMounter mounter;

    public NodeService(String nodeId, VolumeMounter mounter) {
        this.nodeId = Objects.requireNonNull(nodeId, "nodeId");
        this.mounter = Objects.requireNonNull(mounter, "mounter");
    }

    @Override
    public void nodeGetInfo(NodeGetInfoRequest request, StreamObserver<NodeGetInfoResponse> observer) {
        GrpcAnswers.answer("NodeGetInfo", observer, () -> NodeGetInfoResponse.newBuilder().setNodeId(nodeId).build());
    }

    @Override
    public void nodeGetCapabilities(NodeGetCapabilitiesRequest request,
                                    StreamObserver<NodeGetCapabilitiesResponse> observer) {
        GrpcAnswers.answer("NodeGetCapabilities", observer, () -> NodeGetCapabilitiesResponse.newBuilder()
                .addCapabilities(NodeServiceCapability.newBuilder().setRpc(NodeServiceCapability.RPC.newBuilder()
                        .setType(NodeServiceCapability.RPC.Type.STAGE_UNSTAGE_VOLUME)))
                .build());
    }

    @Override
    public void nodeStageVolume(NodeStageVolumeRequest request, StreamObserver<NodeStageVolumeResponse> observer) {
        GrpcAnswers.answer("NodeStageVolume", observer, () -> {
            VolumeHandle volume = volume(request.getVolumeId());
            Path staging = path("staging_target_path", request.getStagingTargetPath());
            VolumeCapability capability = capability(request.hasVolumeCapability(), request.getVolumeCapability());
            Map<String, String> context = request.getVolumeContextMap();
            List<String> options = MountOptions.split(context.get(VolumeContext.OPTIONS));
            S3Access access = NodeSecrets.parse(request.getSecretsMap());
            mount(() -> mounter.stage(new StageRequest(request.getVolumeId(), volume.bucket(), volume.prefix(), staging,
                    context.getOrDefault(VolumeContext.MOUNTER, DEFAULT_MOUNTER), options, access, readOnly(capability))));
            return NodeStageVolumeResponse.getDefaultInstance();
        });
    }

    @Override
    public void nodeUnstageVolume(NodeUnstageVolumeRequest request, StreamObserver<NodeUnstageVolumeResponse> observer) {
        GrpcAnswers.answer("NodeUnstageVolume", observer, () -> {
            volumeId(request.getVolumeId());
            Path staging = path("staging_target_path", request.getStagingTargetPath());
            mount(() -> mounter.unstage(request.getVolumeId(), staging));
            return NodeUnstageVolumeResponse.getDefaultInstance();
        });
    }

    @Override
    public void nodePublishVolume(NodePublishVolumeRequest request, StreamObserver<NodePublishVolumeResponse> observer) {
        GrpcAnswers.answer("NodePublishVolume", observer, () -> {
            volume(request.getVolumeId());
            Path target = path("target_path", request.getTargetPath());
            VolumeCapability capability = capability(request.hasVolumeCapability(), request.getVolumeCapability());
            Path staging = path("staging_target_path", request.getStagingTargetPath());
            boolean readOnly = request.getReadonly() || readOnly(capability);
            mount(() -> mounter.publish(new PublishRequest(request.getVolumeId(), staging, target, readOnly)));
            return NodePublishVolumeResponse.getDefaultInstance();
        });
    }

    @Override
    public void nodeUnpublishVolume(NodeUnpublishVolumeRequest request,
                                    StreamObserver<NodeUnpublishVolumeResponse> observer) {
        GrpcAnswers.answer("NodeUnpublishVolume", observer, () -> {
            volumeId(request.getVolumeId());
            Path target = path("target_path", request.getTargetPath());
            mount(() -> mounter.unpublish(request.getVolumeId(), target));
            return NodeUnpublishVolumeResponse.getDefaultInstance();
        });
    }

    private static void volumeId(String id) throws CsiException {
        if (id.isBlank()) {
            throw CsiException.invalidArgument("volume_id is missing");
        }
    }

    private static VolumeHandle volume(String id) throws CsiException {
        volumeId(id);
        return VolumeHandle.parse(id).orElseThrow(() -> CsiException.invalidArgument("volume_id '" + id
                + "' names no bucket: expected <bucket>[/<prefix>]"));
    }

    private static Path path(String field, String value) throws CsiException {
        if (value.isBlank()) {
            throw CsiException.invalidArgument(field + " is missing");
        }
        Path path = Path.of(value);
        if (!path.isAbsolute()) {
            throw CsiException.invalidArgument(field + " must be an absolute path");
        }
        return path.normalize();
    }

    private static VolumeCapability capability(boolean present, VolumeCapability capability) throws CsiException {
        if (!present) {
            throw CsiException.invalidArgument("volume_capability is missing");
        }
        var problem = VolumeCapabilities.problem(capability);
        if (problem.isPresent()) {
            throw CsiException.invalidArgument(problem.get());
        }
        return capability;
    }

    private static boolean readOnly(VolumeCapability capability) {
        Mode mode = capability.getAccessMode().getMode();
        return mode == Mode.SINGLE_NODE_READER_ONLY || mode == Mode.MULTI_NODE_READER_ONLY;
    }

    private static void mount(Runnable work) throws CsiException {
        try {
            work.run();
        } catch (MountException e) {
            throw new CsiException(code(e.reason()), e.getMessage(), e);
        }
    }

    private static Status.Code code(MountException.Reason reason) {
        return switch (reason) {
            case INVALID -> Status.Code.INVALID_ARGUMENT;
            case NOT_STAGED -> Status.Code.FAILED_PRECONDITION;
            case CONFLICT -> Status.Code.ALREADY_EXISTS;
            case UNAVAILABLE -> Status.Code.UNAVAILABLE;
            case FAILED -> Status.Code.INTERNAL;
        };
    }
}
