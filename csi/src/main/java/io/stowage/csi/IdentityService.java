package io.stowage.csi;

import com.google.protobuf.BoolValue;
import io.grpc.stub.StreamObserver;
import io.stowage.csi.v1.GetPluginCapabilitiesRequest;
import io.stowage.csi.v1.GetPluginCapabilitiesResponse;
import io.stowage.csi.v1.GetPluginInfoRequest;
import io.stowage.csi.v1.GetPluginInfoResponse;
import io.stowage.csi.v1.IdentityGrpc;
import io.stowage.csi.v1.PluginCapability;
import io.stowage.csi.v1.ProbeRequest;
import io.stowage.csi.v1.ProbeResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * CSI Identity, which every plugin serves: the driver's name (how Kubernetes names the driver in
 * StorageClasses, CSIDriver and PersistentVolumes), the project's version, and CONTROLLER_SERVICE when this
 * process serves the Controller service. The driver is ready as soon as it serves: it keeps no state to load.
 */
public final class IdentityService extends IdentityGrpc.IdentityImplBase {

    public static final String DEFAULT_DRIVER_NAME = "s3.csi.stowage.io";
    /** Domain name notation, at most 63 characters, as GetPluginInfo's name must be. */
    private static final Pattern DRIVER_NAME = Pattern.compile("[a-zA-Z0-9]([a-zA-Z0-9.-]{0,61}[a-zA-Z0-9])?");

    private final String driverName;
    private final String vendorVersion;
    private final boolean controllerService;

    /** @throws IllegalArgumentException when the name is not 1 to 63 letters, digits, '.' and '-' in domain notation */
    public IdentityService(String driverName, String vendorVersion, boolean controllerService) {
        if (driverName == null || !DRIVER_NAME.matcher(driverName).matches()) {
            throw new IllegalArgumentException("the CSI driver name must be at most 63 letters, digits, '.' and '-',"
                    + " starting and ending with a letter or digit, not '" + driverName + "'");
        }
        this.driverName = driverName;
        this.vendorVersion = vendorVersion;
        this.controllerService = controllerService;
    }

    /** Identity with the project's version. */
    public static IdentityService of(String driverName, boolean controllerService) {
        return new IdentityService(driverName, projectVersion(), controllerService);
    }

    /** The version this build of Stowage carries. */
    public static String projectVersion() {
        try (InputStream in = IdentityService.class.getResourceAsStream("/io/stowage/csi/version.properties")) {
            if (in == null) {
                throw new IOException("not on the class path");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("the build's version.properties cannot be read", e);
        }
    }

    public String driverName() {
        return driverName;
    }

    @Override
    public void getPluginInfo(GetPluginInfoRequest request, StreamObserver<GetPluginInfoResponse> observer) {
        GrpcAnswers.answer("GetPluginInfo", observer, () -> GetPluginInfoResponse.newBuilder()
                .setName(driverName)
                .setVendorVersion(vendorVersion)
                .build());
    }

    @Override
    public void getPluginCapabilities(GetPluginCapabilitiesRequest request, StreamObserver<GetPluginCapabilitiesResponse> observer) {
        GrpcAnswers.answer("GetPluginCapabilities", observer, () -> {
            GetPluginCapabilitiesResponse.Builder response = GetPluginCapabilitiesResponse.newBuilder();
            if (controllerService) {
                response.addCapabilities(PluginCapability.newBuilder().setService(
                        PluginCapability.Service.newBuilder().setType(PluginCapability.Service.Type.CONTROLLER_SERVICE)));
            }
            return response.build();
        });
    }

    @Override
    public void probe(ProbeRequest request, StreamObserver<ProbeResponse> observer) {
        GrpcAnswers.answer("Probe", observer, () -> ProbeResponse.newBuilder().setReady(BoolValue.of(true)).build());
    }
}
