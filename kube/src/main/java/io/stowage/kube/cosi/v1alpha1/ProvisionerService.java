package io.stowage.kube.cosi.v1alpha1;

import io.grpc.stub.StreamObserver;
import io.stowage.kube.cosi.CosiException;
import io.stowage.kube.cosi.CosiProvisioner;
import io.stowage.kube.cosi.GrantedAccess;
import io.stowage.kube.cosi.v1alpha1.proto.AuthenticationType;
import io.stowage.kube.cosi.v1alpha1.proto.CredentialDetails;
import io.stowage.kube.cosi.v1alpha1.proto.DriverCreateBucketRequest;
import io.stowage.kube.cosi.v1alpha1.proto.DriverCreateBucketResponse;
import io.stowage.kube.cosi.v1alpha1.proto.DriverDeleteBucketRequest;
import io.stowage.kube.cosi.v1alpha1.proto.DriverDeleteBucketResponse;
import io.stowage.kube.cosi.v1alpha1.proto.DriverGrantBucketAccessRequest;
import io.stowage.kube.cosi.v1alpha1.proto.DriverGrantBucketAccessResponse;
import io.stowage.kube.cosi.v1alpha1.proto.DriverRevokeBucketAccessRequest;
import io.stowage.kube.cosi.v1alpha1.proto.DriverRevokeBucketAccessResponse;
import io.stowage.kube.cosi.v1alpha1.proto.Protocol;
import io.stowage.kube.cosi.v1alpha1.proto.ProvisionerGrpc;
import io.stowage.kube.cosi.v1alpha1.proto.S3;
import io.stowage.kube.cosi.v1alpha1.proto.S3SignatureVersion;
import java.util.Map;

/**
 * COSI v1alpha1 Provisioner on {@link CosiProvisioner}. Grants answer what the v1alpha1 sidecar reads:
 * exactly one credentials entry, {@code s3}, with {@code accessKeyID}, {@code accessSecretKey},
 * {@code endpoint} (a URL with scheme and port) and {@code region}. v1alpha1 has no place for a CA bundle.
 *
 * <p>Only key authentication: a BucketAccessClass asking for {@code IAM} gets INVALID_ARGUMENT, as the
 * class must change; {@code UnknownAuthenticationType} (the field left unset) is taken as {@code Key}.
 */
public final class ProvisionerService extends ProvisionerGrpc.ProvisionerImplBase {

    static final String S3_PROTOCOL = "s3";
    static final String ACCESS_KEY_ID = "accessKeyID";
    static final String ACCESS_SECRET_KEY = "accessSecretKey";
    static final String ENDPOINT = "endpoint";
    static final String REGION = "region";

    private final CosiProvisioner provisioner;

    public ProvisionerService(CosiProvisioner provisioner) {
        this.provisioner = provisioner;
    }

    @Override
    public void driverCreateBucket(DriverCreateBucketRequest request, StreamObserver<DriverCreateBucketResponse> observer) {
        GrpcAnswers.answer("DriverCreateBucket", observer, () -> {
            String bucketId = provisioner.createBucket(request.getName(), request.getParametersMap());
            S3 s3 = S3.newBuilder().setRegion(provisioner.endpoint(bucketId).region())
                    .setSignatureVersion(S3SignatureVersion.S3V4).build();
            return DriverCreateBucketResponse.newBuilder().setBucketId(bucketId)
                    .setBucketInfo(Protocol.newBuilder().setS3(s3)).build();
        });
    }

    @Override
    public void driverDeleteBucket(DriverDeleteBucketRequest request, StreamObserver<DriverDeleteBucketResponse> observer) {
        GrpcAnswers.answer("DriverDeleteBucket", observer, () -> {
            provisioner.deleteBucket(request.getBucketId(), request.getDeleteContextMap());
            return DriverDeleteBucketResponse.getDefaultInstance();
        });
    }

    @Override
    public void driverGrantBucketAccess(DriverGrantBucketAccessRequest request,
                                        StreamObserver<DriverGrantBucketAccessResponse> observer) {
        GrpcAnswers.answer("DriverGrantBucketAccess", observer, () -> {
            requireKeyAuthentication(request.getAuthenticationType());
            GrantedAccess access = provisioner.grantAccess(request.getBucketId(), request.getName(), request.getParametersMap());
            CredentialDetails s3 = CredentialDetails.newBuilder().putAllSecrets(Map.of(
                    ACCESS_KEY_ID, access.key().id(),
                    ACCESS_SECRET_KEY, access.key().secret(),
                    ENDPOINT, access.endpoint().urlWithPort(),
                    REGION, access.endpoint().region())).build();
            return DriverGrantBucketAccessResponse.newBuilder().setAccountId(access.accountId())
                    .putCredentials(S3_PROTOCOL, s3).build();
        });
    }

    @Override
    public void driverRevokeBucketAccess(DriverRevokeBucketAccessRequest request,
                                         StreamObserver<DriverRevokeBucketAccessResponse> observer) {
        GrpcAnswers.answer("DriverRevokeBucketAccess", observer, () -> {
            provisioner.revokeAccess(request.getBucketId(), request.getAccountId());
            return DriverRevokeBucketAccessResponse.getDefaultInstance();
        });
    }

    private static void requireKeyAuthentication(AuthenticationType type) throws CosiException {
        if (type != AuthenticationType.Key && type != AuthenticationType.UnknownAuthenticationType) {
            throw new CosiException(CosiException.Code.INVALID_ARGUMENT, "authenticationType " + type
                    + " is not supported by this driver; set the BucketAccessClass's authenticationType to Key");
        }
    }
}
