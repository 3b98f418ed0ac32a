package io.stowage.kube.model;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.Objects;

/**
 * A StatefulSet's volume claim templates cannot change once it exists: a new storage size or class is
 * refused as an invalid spec instead of failing every update.
 */
public final class StorageChange {

    private StorageChange() {
    }

    /**
     * @param existing the StatefulSet as it is, or null before it is created
     */
    public static void check(StatefulSet existing, EffectiveSpec spec) throws InvalidSpecException {
        if (existing == null) {
            return;
        }
        PersistentVolumeClaim claim = existing.getSpec().getVolumeClaimTemplates().stream()
                .filter(t -> StatefulSetModel.DATA_VOLUME.equals(t.getMetadata().getName()))
                .findFirst().orElse(null);
        if (claim == null) {
            return;
        }
        String className = claim.getSpec().getStorageClassName();
        if (spec.storageClassName() != null && !Objects.equals(className, spec.storageClassName())) {
            throw new InvalidSpecException("spec.storage.storageClassName: fixed once the StatefulSet exists; it is "
                    + (className == null ? "the cluster default" : className));
        }
        Quantity size = claim.getSpec().getResources().getRequests().get("storage");
        if (size != null && size.getNumericalAmount().compareTo(spec.size().getNumericalAmount()) != 0) {
            throw new InvalidSpecException("spec.storage.size: fixed once the StatefulSet exists; it is " + size);
        }
    }
}
