package io.stowage.cli.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminSettingsTest {

    @TempDir
    Path home;

    private Path writeDefaultFile(String content) throws IOException {
        Path file = home.resolve(".config/stowage/admin.properties");
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    @Test
    void flagsWinOverTheEnvironmentWhichWinsOverTheFile() throws IOException {
        writeDefaultFile("endpoint=http://file:1\ntoken=file-token\n");
        Map<String, String> env = Map.of("STOWAGE_ADMIN_ENDPOINT", "http://env:2", "STOWAGE_ADMIN_TOKEN", "env-token");

        AdminSettings flags = AdminSettings.resolve("http://flag:3", "flag-token", null, null, env, home);
        assertThat(flags.endpoint()).isEqualTo(URI.create("http://flag:3"));
        assertThat(flags.token()).isEqualTo("flag-token");

        AdminSettings fromEnv = AdminSettings.resolve(null, null, null, null, env, home);
        assertThat(fromEnv.endpoint()).isEqualTo(URI.create("http://env:2"));
        assertThat(fromEnv.token()).isEqualTo("env-token");

        AdminSettings fromFile = AdminSettings.resolve(null, null, null, null, Map.of(), home);
        assertThat(fromFile.endpoint()).isEqualTo(URI.create("http://file:1"));
        assertThat(fromFile.token()).isEqualTo("file-token");
    }

    @Test
    void theCaCertificateComesFromTheFlagTheEnvironmentOrTheFile() throws IOException {
        writeDefaultFile("cacert=/file/ca.crt\n");
        Map<String, String> env = Map.of("STOWAGE_ADMIN_CACERT", "/env/ca.crt");
        assertThat(AdminSettings.resolve(null, null, Path.of("/flag/ca.crt"), null, env, home).caCert())
                .isEqualTo(Path.of("/flag/ca.crt"));
        assertThat(AdminSettings.resolve(null, null, null, null, env, home).caCert()).isEqualTo(Path.of("/env/ca.crt"));
        assertThat(AdminSettings.resolve(null, null, null, null, Map.of(), home).caCert()).isEqualTo(Path.of("/file/ca.crt"));
    }

    @Test
    void eachSettingFallsBackOnItsOwn() throws IOException {
        writeDefaultFile("token=file-token\n");
        AdminSettings settings = AdminSettings.resolve("http://flag:3", null, null, null, Map.of("STOWAGE_ADMIN_TOKEN", " "), home);
        assertThat(settings.endpoint()).isEqualTo(URI.create("http://flag:3"));
        assertThat(settings.token()).isEqualTo("file-token");
    }

    @Test
    void withoutAnySourceTheEndpointIsTheServersDefaultAndThereIsNoToken() throws IOException {
        AdminSettings settings = AdminSettings.resolve(null, null, null, null, Map.of(), home);
        assertThat(settings.endpoint()).isEqualTo(URI.create("http://127.0.0.1:9001"));
        assertThat(settings.token()).isNull();
    }

    @Test
    void xdgConfigHomeMovesTheDefaultFile() throws IOException {
        Path xdg = Files.createDirectories(home.resolve("xdg/stowage"));
        Files.writeString(xdg.resolve("admin.properties"), "token=xdg-token\n");
        AdminSettings settings = AdminSettings.resolve(null, null, null, null, Map.of("XDG_CONFIG_HOME", home.resolve("xdg").toString()), home);
        assertThat(settings.token()).isEqualTo("xdg-token");
    }

    @Test
    void anExplicitConfigFileMustExistAndHoldOnlyKnownSettings() throws IOException {
        assertThatThrownBy(() -> AdminSettings.resolve(null, null, null, home.resolve("missing.properties"), Map.of(), home))
                .isInstanceOf(IOException.class).hasMessageContaining("missing.properties does not exist");
        Path typo = Files.writeString(home.resolve("typo.properties"), "endpiont=http://x:1\n");
        assertThatThrownBy(() -> AdminSettings.resolve(null, null, null, typo, Map.of(), home))
                .hasMessageContaining("unknown setting 'endpiont'");
        Path good = Files.writeString(home.resolve("good.properties"), "endpoint = https://admin.example:9443\n");
        assertThat(AdminSettings.resolve(null, null, null, good, Map.of(), home).endpoint()).isEqualTo(URI.create("https://admin.example:9443"));
    }

    @Test
    void hostAndPortMeanPlainHttp() {
        assertThat(AdminSettings.parseEndpoint("10.0.0.5:9001")).isEqualTo(URI.create("http://10.0.0.5:9001"));
        assertThatThrownBy(() -> AdminSettings.parseEndpoint("http://bad host")).hasMessageContaining("http://HOST:PORT");
    }

    @Test
    void theTokenStaysOutOfToString() throws IOException {
        assertThat(AdminSettings.resolve(null, "secret-token-value", null, null, Map.of(), home).toString()).doesNotContain("secret-token-value");
    }
}
