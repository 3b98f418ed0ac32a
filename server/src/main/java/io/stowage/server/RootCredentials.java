package io.stowage.server;

import io.stowage.server.secret.PrivateFiles;
import io.stowage.server.secret.RandomSecrets;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The root user's key pair: generated on first start and kept in the data directory (mode 0600),
 * unless STOWAGE_ROOT_ACCESS_KEY / STOWAGE_ROOT_SECRET_KEY override it.
 */
public final class RootCredentials {

    public static final String FILE_NAME = "root-credentials";

    private final String accessKey;
    private final String secretKey;
    private final boolean generated;

    private RootCredentials(String accessKey, String secretKey, boolean generated) {
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.generated = generated;
    }

    /** Loads the stored pair, or generates and stores one; an override from the environment wins. */
    public static RootCredentials loadOrCreate(Path dataDir, String overrideAccessKey, String overrideSecretKey) throws IOException {
        if (overrideAccessKey != null) {
            return new RootCredentials(overrideAccessKey, overrideSecretKey, false);
        }
        Path file = dataDir.resolve(FILE_NAME);
        if (Files.exists(file)) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            }
            String ak = p.getProperty("access_key");
            String sk = p.getProperty("secret_key");
            if (ak == null || sk == null) {
                throw new IOException(file + " is missing access_key or secret_key");
            }
            return new RootCredentials(ak, sk, false);
        }
        RootCredentials created = new RootCredentials(RandomSecrets.accessKeyId(), RandomSecrets.secretKey(), true);
        created.store(file);
        return created;
    }

    private void store(Path file) throws IOException {
        Properties p = new Properties();
        p.setProperty("access_key", accessKey);
        p.setProperty("secret_key", secretKey);
        StringWriter text = new StringWriter();
        p.store(text, "Stowage root credentials: keep secret");
        PrivateFiles.write(file, text.toString());
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    /** Whether this start generated the pair (so it is shown once). */
    public boolean generated() {
        return generated;
    }

    @Override
    public String toString() {
        return "RootCredentials[accessKey=" + accessKey + ", secretKey=<redacted>]";
    }
}
