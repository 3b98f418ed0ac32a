package io.stowage.backend;

import io.stowage.backend.garage.GarageBackend;
import io.stowage.backend.minio.MinioBackend;
import io.stowage.backend.rgw.RgwBackend;
import io.stowage.backend.stowage.StowageBackend;
import io.stowage.backend.versitygw.VersityBackend;

/** Opens the backend that settings describe. */
public final class BucketBackends {

    private BucketBackends() {
    }

    public static BucketBackend open(BackendSettings settings) {
        if (BackendSettings.STOWAGE.equals(settings.type())) {
            return StowageBackend.open(settings);
        }
        if (BackendSettings.RGW.equals(settings.type())) {
            return RgwBackend.open(settings);
        }
        if (BackendSettings.GARAGE.equals(settings.type())) {
            return GarageBackend.open(settings);
        }
        if (BackendSettings.MINIO.equals(settings.type())) {
            return MinioBackend.open(settings);
        }
        if (BackendSettings.VERSITYGW.equals(settings.type())) {
            return VersityBackend.open(settings);
        }
        throw new InvalidBackendSettingsException("backend type '" + settings.type() + "' is not supported");
    }
}
