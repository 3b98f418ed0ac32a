package io.stowage.populate;

/**
 * What a copy would take, as PVCi's {@code POST /size} answers it ({@code objects}, {@code bytes}), counting only
 * the objects the patterns select and the keys that are not refused, which are counted apart.
 */
public record SizeReport(long objects, long bytes, long refused) {

    public String json() {
        return "{\"objects\":" + objects + ",\"bytes\":" + bytes + ",\"refused\":" + refused + "}";
    }

    public String text() {
        return objects + " objects, " + bytes + " bytes (" + Bytes.human(bytes) + ")"
                + (refused > 0 ? ", " + refused + " keys refused" : "");
    }
}
