package io.stowage.populate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceTest {

    private static final String PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

    @TempDir
    Path dir;

    @Test
    void aMountedSecretGivesEverythingButTheBucket() throws Exception {
        Files.writeString(dir.resolve("accessKeyID"), "AKID\n");
        Files.writeString(dir.resolve("secretAccessKey"), "s3cr3t-value\n");
        Files.writeString(dir.resolve("endpoint"), "https://s3.example:9000");
        Files.writeString(dir.resolve("region"), "eu-west-1");
        Files.writeString(dir.resolve("caBundle"), PEM);

        Source source = Source.resolve(new SourceOptions(null, null, "b", "p/", null, null, dir), Map.of());

        assertThat(source.endpoint().url()).isEqualTo(URI.create("https://s3.example:9000"));
        assertThat(source.endpoint().region()).isEqualTo("eu-west-1");
        assertThat(source.endpoint().caBundle()).contains("BEGIN CERTIFICATE");
        assertThat(source.key().id()).isEqualTo("AKID");
        assertThat(source.key().secret()).isEqualTo("s3cr3t-value");
        assertThat(source.toString()).doesNotContain("s3cr3t-value");
    }

    @Test
    void optionsAndTheEnvironmentWinOverTheSecret() throws Exception {
        Files.writeString(dir.resolve("accessKeyID"), "FROMFILE");
        Files.writeString(dir.resolve("secretAccessKey"), "file-secret");
        Files.writeString(dir.resolve("endpoint"), "https://file.example");

        Source source = Source.resolve(new SourceOptions("http://127.0.0.1:9000", "us-west-2", "b", null, null, null, dir),
                Map.of("AWS_ACCESS_KEY_ID", "ENVID", "STOWAGE_SECRET_ACCESS_KEY", "env-secret", "AWS_SECRET_ACCESS_KEY", "aws"));

        assertThat(source.endpoint().url()).isEqualTo(URI.create("http://127.0.0.1:9000"));
        assertThat(source.endpoint().region()).isEqualTo("us-west-2");
        assertThat(source.key().id()).isEqualTo("ENVID");
        assertThat(source.key().secret()).isEqualTo("env-secret");
        assertThat(source.prefix()).isEmpty();
    }

    @Test
    void whatIsMissingOrWrongIsNamedWithoutSecrets() throws Exception {
        Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", "ID", "AWS_SECRET_ACCESS_KEY", "very-secret");
        assertThatThrownBy(() -> Source.resolve(new SourceOptions(null, null, "b", "", null, null, null), env))
                .hasMessageContaining("no endpoint");
        assertThatThrownBy(() -> Source.resolve(new SourceOptions("http://h", null, "b", "", null, null, null), Map.of()))
                .hasMessageContaining("no credentials");
        assertThatThrownBy(() -> Source.resolve(new SourceOptions("ftp://h", null, "b", "", null, null, null), env))
                .hasMessageContaining("http:// or https://").message().doesNotContain("very-secret");
        assertThatThrownBy(() -> Source.resolve(new SourceOptions("http://h", null, null, "", null, null, null), env))
                .hasMessageContaining("--bucket");
        Path notPem = Files.writeString(dir.resolve("ca.pem"), "hello");
        assertThatThrownBy(() -> Source.resolve(new SourceOptions("http://h", null, "b", "", null, notPem, null), env))
                .hasMessageContaining("PEM");
        assertThatThrownBy(() -> Source.resolve(new SourceOptions("http://h", null, "b", "", null, dir.resolve("absent"), null), env))
                .hasMessageContaining("--ca-bundle: no file");
    }
}
