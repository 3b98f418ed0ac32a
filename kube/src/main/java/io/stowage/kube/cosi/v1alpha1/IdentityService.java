package io.stowage.kube.cosi.v1alpha1;

import io.grpc.stub.StreamObserver;
import io.stowage.kube.cosi.CosiProvisioner;
import io.stowage.kube.cosi.v1alpha1.proto.DriverGetInfoRequest;
import io.stowage.kube.cosi.v1alpha1.proto.DriverGetInfoResponse;
import io.stowage.kube.cosi.v1alpha1.proto.IdentityGrpc;

/** COSI v1alpha1 Identity: the driver's name, by which the sidecar picks the Buckets it serves. */
public final class IdentityService extends IdentityGrpc.IdentityImplBase {

    private final CosiProvisioner provisioner;

    public IdentityService(CosiProvisioner provisioner) {
        this.provisioner = provisioner;
    }

    @Override
    public void driverGetInfo(DriverGetInfoRequest request, StreamObserver<DriverGetInfoResponse> observer) {
        GrpcAnswers.answer("DriverGetInfo", observer,
                () -> DriverGetInfoResponse.newBuilder().setName(provisioner.driverName()).build());
    }
}
