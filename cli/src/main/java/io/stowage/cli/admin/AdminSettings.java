package io.stowage.cli.admin;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Where the admin API is, the token for it and the CA certificate to trust for https. Each comes
 * from the flag, else the environment, else the config file; the endpoint defaults to the
 * server's default admin address.
 *
 * @param token null when none was given
 * @param caCert a PEM file of the CA certificates to trust instead of the JDK's, or null
 * @param configFile the config file consulted (it may not exist)
 */
record AdminSettings(URI endpoint, String token, Path caCert, Path configFile) {

    static final String DEFAULT_ENDPOINT = "http://127.0.0.1:9001";
    static final String ENDPOINT_ENV = "STOWAGE_ADMIN_ENDPOINT";
    static final String TOKEN_ENV = "STOWAGE_ADMIN_TOKEN";
    static final String CACERT_ENV = "STOWAGE_ADMIN_CACERT";

    private static final Set<String> FILE_KEYS = Set.of("endpoint", "token", "cacert");

    /**
     * @param configFlag the --config file, which must exist; null for the default file, read only if it exists
     * @param home the user's home directory
     */
    static AdminSettings resolve(String endpointFlag, String tokenFlag, Path caCertFlag, Path configFlag,
            Map<String, String> env, Path home) throws IOException {
        Path file = configFlag != null ? configFlag : defaultConfigFile(env, home);
        Properties fromFile = configFlag != null || Files.exists(file) ? load(file) : new Properties();
        String endpoint = first(endpointFlag, env.get(ENDPOINT_ENV), fromFile.getProperty("endpoint"), DEFAULT_ENDPOINT);
        String token = first(tokenFlag, env.get(TOKEN_ENV), fromFile.getProperty("token"), null);
        String caCert = first(caCertFlag == null ? null : caCertFlag.toString(), env.get(CACERT_ENV),
                fromFile.getProperty("cacert"), null);
        return new AdminSettings(parseEndpoint(endpoint), token, caCert == null ? null : Path.of(caCert), file);
    }

    static Path defaultConfigFile(Map<String, String> env, Path home) {
        String xdg = env.get("XDG_CONFIG_HOME");
        Path configHome = xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".config");
        return configHome.resolve("stowage").resolve("admin.properties");
    }

    /** A URL, or HOST:PORT taken as plain http; the client checks the rest. */
    static URI parseEndpoint(String value) {
        try {
            return new URI(value.contains("://") ? value : "http://" + value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the admin endpoint must be http://HOST:PORT or https://HOST:PORT, not '" + value + "'");
        }
    }

    private static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw new IOException("config file " + file + " does not exist");
        }
        for (String key : properties.stringPropertyNames()) {
            if (!FILE_KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown setting '" + key + "' in " + file + " (known: endpoint, token, cacert)");
            }
        }
        return properties;
    }

    private static String first(String flag, String env, String file, String fallback) {
        for (String value : new String[] {flag, env, file}) {
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return fallback;
    }

    @Override
    public String toString() {
        return "AdminSettings[endpoint=" + endpoint + ", token=" + (token == null ? "none" : "***") + ", caCert=" + caCert + ", configFile=" + configFile + "]";
    }
}
