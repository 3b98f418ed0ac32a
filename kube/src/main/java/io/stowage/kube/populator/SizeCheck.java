package io.stowage.kube.populator;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.stowage.populate.SizeReport;
import java.math.BigDecimal;
import java.util.Optional;

/** Whether the selected objects fit the claim's requested storage; a claim that asks for none is not checked. */
public final class SizeCheck {

    private SizeCheck() {
    }

    /** Why the data does not fit, or empty when it does. */
    public static Optional<String> refusal(PersistentVolumeClaim claim, SizeReport size) {
        var resources = claim.getSpec().getResources();
        Quantity requested = resources == null || resources.getRequests() == null ? null
                : resources.getRequests().get("storage");
        if (requested == null) {
            return Optional.empty();
        }
        BigDecimal capacity = requested.getNumericalAmount();
        if (BigDecimal.valueOf(size.bytes()).compareTo(capacity) <= 0) {
            return Optional.empty();
        }
        return Optional.of("the source holds " + size.bytes() + " bytes in " + size.objects() + " objects, more than"
                + " the claim's requested storage of " + requested + " (" + capacity.toBigInteger() + " bytes):"
                + " nothing was copied; request at least " + size.bytes() + " bytes");
    }
}
