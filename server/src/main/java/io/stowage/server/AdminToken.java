package io.stowage.server;

import io.stowage.server.secret.PrivateFiles;
import io.stowage.server.secret.RandomSecrets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The bearer token of the admin API: generated on first start (32 random bytes as hex) and kept in
 * the data directory (mode 0600), unless STOWAGE_ADMIN_TOKEN overrides it.
 */
public final class AdminToken {

    public static final String FILE_NAME = "admin-token";

    private final String value;
    private final boolean generated;

    private AdminToken(String value, boolean generated) {
        this.value = value;
        this.generated = generated;
    }

    /** Loads the stored token, or generates and stores one; an override from the environment wins. */
    public static AdminToken loadOrCreate(Path dataDir, String override) throws IOException {
        if (override != null) {
            return new AdminToken(override, false);
        }
        Path file = dataDir.resolve(FILE_NAME);
        if (Files.exists(file)) {
            String stored = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (stored.isEmpty()) {
                throw new IOException(file + " is empty: delete it to have a new token generated");
            }
            return new AdminToken(stored, false);
        }
        AdminToken created = new AdminToken(RandomSecrets.hexToken(32), true);
        PrivateFiles.write(file, created.value + "\n");
        return created;
    }

    public String value() {
        return value;
    }

    /** Whether this start generated the token (so it is shown once). */
    public boolean generated() {
        return generated;
    }

    @Override
    public String toString() {
        return "AdminToken[<redacted>]";
    }
}
