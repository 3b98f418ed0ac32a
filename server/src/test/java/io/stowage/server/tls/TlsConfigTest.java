package io.stowage.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class TlsConfigTest {

    private static final Path CERT = Path.of("tls.crt");
    private static final Path KEY = Path.of("tls.key");
    private static final Path CA = Path.of("ca.crt");

    @Test
    void modeDefaultsToFilesWithACertificateElseOff() {
        assertThat(new TlsConfig(null, CERT, KEY, null, null).mode()).isEqualTo(TlsMode.FILES);
        assertThat(new TlsConfig(null, null, null, null, null).mode()).isEqualTo(TlsMode.OFF);
        assertThat(TlsConfig.off().enabled()).isFalse();
    }

    @Test
    void filesModeNeedsCertificateAndKey() {
        assertThatThrownBy(() -> new TlsConfig(TlsMode.FILES, null, KEY, null, null))
                .hasMessage("--tls-cert is required with --tls files");
        assertThatThrownBy(() -> new TlsConfig(TlsMode.FILES, CERT, null, null, null))
                .hasMessage("--tls-key is required with --tls files");
        assertThatThrownBy(() -> new TlsConfig(null, CERT, null, null, null))
                .hasMessage("--tls-key is required with --tls files");
        assertThatThrownBy(() -> new TlsConfig(null, null, KEY, null, null))
                .hasMessage("--tls-cert is required with --tls files");
    }

    @Test
    void certificateFilesWithAutoOrOffAreAnError() {
        assertThatThrownBy(() -> new TlsConfig(TlsMode.AUTO, CERT, KEY, null, null))
                .hasMessage("--tls-cert and --tls-key are only read with --tls files, not --tls auto");
        assertThatThrownBy(() -> new TlsConfig(TlsMode.OFF, null, KEY, null, null))
                .hasMessage("--tls-cert and --tls-key are only read with --tls files, not --tls off");
        assertThatThrownBy(() -> new TlsConfig(TlsMode.AUTO, null, null, CA, null))
                .hasMessage("--tls-ca is only read with --tls files, not --tls auto");
        assertThatThrownBy(() -> new TlsConfig(null, null, null, CA, null))
                .hasMessage("--tls-ca is only read with --tls files, not --tls off");
    }

    @Test
    void subjectAltNamesOnlyWithAutoAndWellFormed() {
        List<String> names = List.of(" S3.Example.com", "10.0.0.7", "fd00::1", "*.example.com");
        assertThat(new TlsConfig(TlsMode.AUTO, null, null, null, names).sans())
                .containsExactly("s3.example.com", "10.0.0.7", "fd00::1", "*.example.com");
        assertThatThrownBy(() -> new TlsConfig(TlsMode.FILES, CERT, KEY, null, List.of("s3.example.com")))
                .hasMessageStartingWith("--tls-san is only used with --tls auto");
        assertThatThrownBy(() -> new TlsConfig(TlsMode.AUTO, null, null, null, List.of("bad name")))
                .hasMessage("--tls-san must list DNS names or IP addresses, was 'bad name'");
        assertThatThrownBy(() -> new TlsConfig(TlsMode.AUTO, null, null, null, List.of("")))
                .hasMessage("--tls-san must list DNS names or IP addresses, was ''");
    }

    @Test
    void modeIsParsedInAnyCase() {
        assertThat(TlsMode.parse("Auto")).isEqualTo(TlsMode.AUTO);
        assertThat(TlsMode.parse("files")).isEqualTo(TlsMode.FILES);
        assertThatThrownBy(() -> TlsMode.parse("on")).hasMessage("--tls must be off, auto or files, was 'on'");
    }
}
