package io.stowage.kube.pvci;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * The PVCi-compatible API's settings.
 *
 * @param address where it listens
 * @param token the bearer token requests must carry (read from a file; never logged)
 * @param overagePercent how much larger than the data {@code /create} makes a claim (PVCi's VOLUME_OVERAGE_PCT)
 */
public record PvciSettings(InetSocketAddress address, String token, int overagePercent) {

    public PvciSettings {
        Objects.requireNonNull(address, "address");
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("--pvci-token-file: the token is empty");
        }
        if (overagePercent < 0 || overagePercent > 1000) {
            throw new IllegalArgumentException("--pvci-volume-overage-pct: between 0 and 1000");
        }
    }

    @Override
    public String toString() {
        return "PvciSettings[address=" + address + ", overagePercent=" + overagePercent + "]"; // not the token
    }
}
