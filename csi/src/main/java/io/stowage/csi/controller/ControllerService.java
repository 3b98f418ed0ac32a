package io.stowage.csi.controller;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.stowage.csi.CsiException;
import io.stowage.csi.GrpcAnswers;
import io.stowage.csi.VolumeCapabilities;
import io.stowage.csi.VolumeHandle;
import io.stowage.csi.v1.ControllerGetCapabilitiesRequest;
import io.stowage.csi.v1.ControllerGetCapabilitiesResponse;
import io.stowage.csi.v1.ControllerGrpc;
import io.stowage.csi.v1.ControllerServiceCapability;
import io.stowage.csi.v1.CreateVolumeRequest;
import io.stowage.csi.v1.CreateVolumeResponse;
import io.stowage.csi.v1.DeleteVolumeRequest;
import io.stowage.csi.v1.DeleteVolumeResponse;
import io.stowage.csi.v1.ValidateVolumeCapabilitiesRequest;
import io.stowage.csi.v1.ValidateVolumeCapabilitiesResponse;
import io.stowage.csi.v1.Volume;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CSI Controller: CreateVolume and DeleteVolume (capability CREATE_DELETE_VOLUME, nothing else), with
 * ValidateVolumeCapabilities and ControllerGetCapabilities. Volumes are buckets, or prefixes of a shared
 * bucket ({@link VolumeProvisioner}); their ids are {@link VolumeHandle}s. The backend comes from each call's
 * secrets ({@link VolumeSecrets}), so one controller serves every backend its StorageClasses name.
 *
 * <p>Arguments are checked before the backend is reached: a missing name, id or capability list, or an
 * unsupported capability (block access), is INVALID_ARGUMENT.
 */
public final class ControllerService extends ControllerGrpc.ControllerImplBase {

    private static final Logger LOG = LoggerFactory.getLogger(ControllerService.class);

    private final VolumeProvisioner provisioner = new VolumeProvisioner();

    @Override
    public void createVolume(CreateVolumeRequest request, StreamObserver<CreateVolumeResponse> observer) {
        GrpcAnswers.answer("CreateVolume", observer, () -> createVolume(request));
    }

    private CreateVolumeResponse createVolume(CreateVolumeRequest request) throws CsiException {
        if (request.getName().isEmpty()) {
            throw CsiException.invalidArgument("CreateVolume needs a name");
        }
        if (request.getVolumeCapabilitiesCount() == 0) {
            throw CsiException.invalidArgument("CreateVolume needs volume_capabilities");
        }
        Optional<String> unsupported = VolumeCapabilities.problem(request.getVolumeCapabilitiesList());
        if (unsupported.isPresent()) {
            throw CsiException.invalidArgument(unsupported.get());
        }
        if (request.hasVolumeContentSource()) {
            throw CsiException.invalidArgument("volumes cannot be made from a snapshot or another volume (no CLONE_VOLUME"
                    + " or CREATE_DELETE_SNAPSHOT capability)");
        }
        if (request.getMutableParametersFieldCount() > 0) {
            throw CsiException.invalidArgument("mutable_parameters are not supported (no MODIFY_VOLUME capability)");
        }
        VolumeCapacity capacity = request.hasCapacityRange() ? VolumeCapacity.of(request.getCapacityRange()) : VolumeCapacity.UNLIMITED;
        VolumeParameters parameters = VolumeParameters.parse(request.getParametersMap());
        VolumeSecrets secrets = VolumeSecrets.parse(request.getSecretsMap());

        VolumeProvisioner.Provisioned volume = provisioner.create(request.getName(), capacity, parameters, secrets);
        return CreateVolumeResponse.newBuilder().setVolume(Volume.newBuilder()
                        .setVolumeId(volume.handle().format())
                        .setCapacityBytes(volume.capacity().bytes())
                        .putAllVolumeContext(parameters.volumeContext(volume.capacity())))
                .build();
    }

    @Override
    public void deleteVolume(DeleteVolumeRequest request, StreamObserver<DeleteVolumeResponse> observer) {
        GrpcAnswers.answer("DeleteVolume", observer, () -> deleteVolume(request));
    }

    private DeleteVolumeResponse deleteVolume(DeleteVolumeRequest request) throws CsiException {
        if (request.getVolumeId().isEmpty()) {
            throw CsiException.invalidArgument("DeleteVolume needs a volume_id");
        }
        Optional<VolumeHandle> handle = VolumeHandle.parse(request.getVolumeId());
        if (handle.isEmpty()) {
            LOG.info("DeleteVolume of {}: not a volume id of this driver, nothing to delete", request.getVolumeId());
        } else if (!handle.get().dynamic()) {
            LOG.info("DeleteVolume of the static volume {}: left alone, the driver deletes only volumes it made", handle.get());
        } else {
            provisioner.delete(handle.get(), VolumeSecrets.parse(request.getSecretsMap()));
        }
        return DeleteVolumeResponse.getDefaultInstance();
    }

    @Override
    public void validateVolumeCapabilities(ValidateVolumeCapabilitiesRequest request,
                                           StreamObserver<ValidateVolumeCapabilitiesResponse> observer) {
        GrpcAnswers.answer("ValidateVolumeCapabilities", observer, () -> validateVolumeCapabilities(request));
    }

    private ValidateVolumeCapabilitiesResponse validateVolumeCapabilities(ValidateVolumeCapabilitiesRequest request)
            throws CsiException {
        if (request.getVolumeId().isEmpty()) {
            throw CsiException.invalidArgument("ValidateVolumeCapabilities needs a volume_id");
        }
        if (request.getVolumeCapabilitiesCount() == 0) {
            throw CsiException.invalidArgument("ValidateVolumeCapabilities needs volume_capabilities");
        }
        Optional<VolumeHandle> handle = VolumeHandle.parse(request.getVolumeId());
        if (handle.isEmpty() || !provisioner.exists(handle.get(), VolumeSecrets.parse(request.getSecretsMap()))) {
            throw new CsiException(Status.Code.NOT_FOUND, "volume " + request.getVolumeId() + " does not exist");
        }
        Optional<String> unsupported = VolumeCapabilities.problem(request.getVolumeCapabilitiesList());
        if (unsupported.isEmpty() && request.getMutableParametersFieldCount() > 0) {
            unsupported = Optional.of("mutable_parameters are not supported (no MODIFY_VOLUME capability)");
        }
        if (unsupported.isPresent()) {
            return ValidateVolumeCapabilitiesResponse.newBuilder().setMessage(unsupported.get()).build();
        }
        return ValidateVolumeCapabilitiesResponse.newBuilder().setConfirmed(ValidateVolumeCapabilitiesResponse.Confirmed.newBuilder()
                        .putAllVolumeContext(request.getVolumeContextMap())
                        .addAllVolumeCapabilities(request.getVolumeCapabilitiesList())
                        .putAllParameters(request.getParametersMap()))
                .build();
    }

    @Override
    public void controllerGetCapabilities(ControllerGetCapabilitiesRequest request,
                                          StreamObserver<ControllerGetCapabilitiesResponse> observer) {
        GrpcAnswers.answer("ControllerGetCapabilities", observer, () -> ControllerGetCapabilitiesResponse.newBuilder()
                .addCapabilities(ControllerServiceCapability.newBuilder().setRpc(ControllerServiceCapability.RPC.newBuilder()
                        .setType(ControllerServiceCapability.RPC.Type.CREATE_DELETE_VOLUME)))
                .build());
    }
}
