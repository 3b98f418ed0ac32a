package io.stowage.kube.cosi;

import io.stowage.backend.AccessMode;
import io.stowage.kube.provision.BackendRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The bucket id the driver hands to COSI, which names everything a later call needs but COSI does not
 * pass again: Grant and Revoke get only the id, not the BucketClass's parameters. Its form is
 * {@code [namespace/secret/]bucket[/read-only|/read-write]}: the backend Secret when the class names one,
 * the bucket's name on the backend, and the class's default access when it sets one. Bucket names cannot
 * hold {@code /}, so the form reads back unambiguously.
 */
public record CosiBucketId(Optional<BackendRef> backend, String bucket, Optional<AccessMode> defaultAccess) {

    public static CosiBucketId parse(String id) throws CosiException {
        if (id == null || id.isBlank()) {
            throw new CosiException(CosiException.Code.INVALID_ARGUMENT, "bucket_id is required");
        }
        List<String> parts = new ArrayList<>(List.of(id.split("/", -1)));
        Optional<AccessMode> access = Optional.empty();
        String last = parts.getLast();
        if (parts.size() == 2 || parts.size() == 4) {
            try {
                access = Optional.of(AccessMode.of(last));
            } catch (IllegalArgumentException e) {
                throw notOurs(id);
            }
            if (access.get() == AccessMode.WRITE_ONLY) {
                throw notOurs(id); // COSI's default access is read-only or read-write: ids carry nothing else
            }
            parts.removeLast();
        }
        if (parts.stream().anyMatch(String::isEmpty)) {
            throw notOurs(id);
        }
        return switch (parts.size()) {
            case 1 -> new CosiBucketId(Optional.empty(), parts.get(0), access);
            case 3 -> new CosiBucketId(Optional.of(new BackendRef(parts.get(0), parts.get(1))), parts.get(2), access);
            default -> throw notOurs(id);
        };
    }

    private static CosiException notOurs(String id) {
        return new CosiException(CosiException.Code.INVALID_ARGUMENT, "bucket_id '" + id + "' is not one this driver issued");
    }

    @Override
    public String toString() {
        StringBuilder id = new StringBuilder();
        backend.ifPresent(ref -> id.append(ref.namespace()).append('/').append(ref.name()).append('/'));
        id.append(bucket);
        defaultAccess.ifPresent(mode -> id.append('/').append(mode.wireName()));
        return id.toString();
    }
}
