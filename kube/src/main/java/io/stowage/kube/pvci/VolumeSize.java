package io.stowage.kube.pvci;

import io.fabric8.kubernetes.api.model.Quantity;

/**
 * The size {@code /create} asks for: the source's bytes plus PVCi's overage (a file system needs room beyond the
 * data), rounded up to whole MiB, and at least {@link #MINIMUM_MIB} MiB so that an empty or tiny source still
 * gets a volume a file system fits on.
 */
public final class VolumeSize {

    public static final int DEFAULT_OVERAGE_PERCENT = 25;
    static final long MINIMUM_MIB = 1024;
    private static final long MIB = 1024 * 1024;

    private VolumeSize() {
    }

    public static Quantity of(long bytes, int overagePercent) {
        long withOverage = Math.ceilDiv(Math.multiplyExact(bytes, 100L + overagePercent), 100L);
        return new Quantity(Math.max(MINIMUM_MIB, Math.ceilDiv(withOverage, MIB)) + "Mi");
    }
}
