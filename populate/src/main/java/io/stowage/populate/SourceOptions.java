package io.stowage.populate;

import java.nio.file.Path;

/**
 * Where to copy from, as the command line and STOWAGE_* variables gave it; every field may be null. The secret
 * access key is never one of them: it comes from the environment or from the Secret directory.
 *
 * @param secretDir a mounted Secret, one file per key: {@code accessKeyID}, {@code secretAccessKey},
 *     {@code endpoint} (or {@code s3Endpoint}), {@code region}, {@code caBundle}, the keys the CSI node secrets use
 */
public record SourceOptions(String endpoint, String region, String bucket, String prefix, String accessKeyId,
                            Path caBundle, Path secretDir) {
}
