package io.stowage.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.s3.S3Config;
import io.stowage.server.lifecycle.LifecycleSettings;
import io.stowage.server.metrics.MetricsConfig;
import io.stowage.server.tls.TlsConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminTokenTest {

    @TempDir
    Path dir;

    @Test
    void firstStartGeneratesAPrivateTokenThatLaterStartsRead() throws IOException {
        AdminToken first = AdminToken.loadOrCreate(dir, null);

        assertThat(first.generated()).isTrue();
        assertThat(first.value()).matches("[0-9a-f]{64}");
        Path file = dir.resolve(AdminToken.FILE_NAME);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(first.toString()).doesNotContain(first.value());

        AdminToken second = AdminToken.loadOrCreate(dir, null);
        assertThat(second.generated()).isFalse();
        assertThat(second.value()).isEqualTo(first.value());
    }

    @Test
    void theEnvironmentOverridesAndNothingIsStored() throws IOException {
        AdminToken token = AdminToken.loadOrCreate(dir, "from-the-environment-0123");

        assertThat(token.value()).isEqualTo("from-the-environment-0123");
        assertThat(token.generated()).isFalse();
        assertThat(dir.resolve(AdminToken.FILE_NAME)).doesNotExist();
    }

    @Test
    void anEmptyTokenFileIsRefused() throws IOException {
        Files.writeString(dir.resolve(AdminToken.FILE_NAME), "\n");
        assertThatThrownBy(() -> AdminToken.loadOrCreate(dir, null)).isInstanceOf(IOException.class).hasMessageContaining("empty");
    }

    @Test
    void aTokenFromTheEnvironmentMustBeLongEnough() {
        assertThatThrownBy(() -> config("short")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("STOWAGE_ADMIN_TOKEN must be 16 to 1024");
        assertThatThrownBy(() -> config("with spaces in the token")).isInstanceOf(IllegalArgumentException.class);
        assertThat(config("0123456789abcdef").adminToken()).isEqualTo("0123456789abcdef");
    }

    private ServerConfig config(String adminToken) {
        return new ServerConfig(new InetSocketAddress("127.0.0.1", 0), dir, new S3Config("us-east-1", null), 1024,
                ServerConfig.DEFAULT_MULTIPART_EXPIRY, null, null, new InetSocketAddress("127.0.0.1", 0), adminToken,
                ServerConfig.DEFAULT_SHUTDOWN_GRACE, TlsConfig.off(),
                new MetricsConfig(new InetSocketAddress("127.0.0.1", 0), MetricsConfig.DEFAULT_BUCKET_LIMIT),
                LifecycleSettings.DEFAULT);
    }
}
