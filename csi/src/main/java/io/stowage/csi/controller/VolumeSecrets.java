package io.stowage.csi.controller;

import io.stowage.backend.AccessKey;
import io.stowage.backend.BackendSettings;
import io.stowage.backend.InvalidBackendSettingsException;
import io.stowage.csi.CsiException;
import java.util.Map;
import java.util.Optional;

/**
 * The controller's secrets (the StorageClass's {@code csi.storage.k8s.io/provisioner-secret-*} Secret): the
 * backend Secret's keys as {@link BackendSettings#fromSecretData} reads them ({@code s3Endpoint},
 * {@code adminEndpoint}, {@code adminToken}, {@code region}, {@code caBundle}, ...) and, for volumes that are
 * prefixes of a shared bucket, the S3 key that empties a prefix on DeleteVolume: {@code accessKeyID} and
 * {@code secretAccessKey}; optionally {@code bucketOwner}, the account (a Stowage user) that owns the buckets the
 * controller makes, so that the nodes can mount them with that user's key instead of an administrator's.
 * {@link #toString()} leaves the secrets out.
 */
public record VolumeSecrets(BackendSettings backend, Optional<AccessKey> s3Key, Optional<String> bucketOwner) {

    public static final String ACCESS_KEY_ID = "accessKeyID";
    public static final String SECRET_ACCESS_KEY = "secretAccessKey";
    public static final String BUCKET_OWNER = "bucketOwner";

    /** @throws CsiException INVALID_ARGUMENT naming the key that is missing or wrong, never a value of one */
    public static VolumeSecrets parse(Map<String, String> secrets) throws CsiException {
        if (secrets.isEmpty()) {
            throw CsiException.invalidArgument("no secrets: the StorageClass must name the backend Secret in"
                    + " csi.storage.k8s.io/provisioner-secret-name and -namespace");
        }
        BackendSettings backend;
        try {
            backend = BackendSettings.fromSecretData(secrets);
        } catch (InvalidBackendSettingsException e) {
            throw CsiException.invalidArgument("secrets: " + e.getMessage());
        }
        String id = secrets.get(ACCESS_KEY_ID);
        String secret = secrets.get(SECRET_ACCESS_KEY);
        boolean hasId = id != null && !id.isBlank();
        boolean hasSecret = secret != null && !secret.isBlank();
        if (hasId != hasSecret) {
            throw CsiException.invalidArgument("secrets: " + ACCESS_KEY_ID + " and " + SECRET_ACCESS_KEY
                    + " come together; '" + (hasId ? SECRET_ACCESS_KEY : ACCESS_KEY_ID) + "' is missing");
        }
        String owner = secrets.get(BUCKET_OWNER);
        return new VolumeSecrets(backend, hasId ? Optional.of(new AccessKey(id.strip(), secret.strip())) : Optional.empty(),
                owner == null || owner.isBlank() ? Optional.empty() : Optional.of(owner.strip()));
    }

    /** @throws CsiException INVALID_ARGUMENT when the secrets hold no S3 key */
    public AccessKey requireS3Key(String why) throws CsiException {
        if (s3Key.isEmpty()) {
            throw CsiException.invalidArgument("secrets: " + why + " needs an S3 key in '" + ACCESS_KEY_ID + "' and '"
                    + SECRET_ACCESS_KEY + "'");
        }
        return s3Key.get();
    }

    @Override
    public String toString() {
        return "VolumeSecrets[" + backend + ", s3Key=" + s3Key.map(AccessKey::toString).orElse("none")
                + ", bucketOwner=" + bucketOwner.orElse("the backend's administrator") + "]";
    }
}
