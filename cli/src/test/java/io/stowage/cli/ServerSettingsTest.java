package io.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Where `stowage server` takes each setting from: command line, then STOWAGE_* variable, then config file, then default. */
class ServerSettingsTest {

    @TempDir
    Path dir;

    private static ServerCommand parse(Map<String, String> env, Map<String, String> file, String... args) {
        ServerCommand command = new ServerCommand();
        CommandLine line = new CommandLine(command);
        line.setDefaultValueProvider(new ServerDefaults(env, file));
        line.parseArgs(args);
        return command;
    }

    @Test
    void commandLineWinsOverEnvironmentWhichWinsOverFileWhichWinsOverDefault() {
        Map<String, String> env = Map.of("STOWAGE_ADDRESS", "127.0.0.1:7000", "STOWAGE_REGION", "eu-west-1");
        Map<String, String> file = Map.of("address", "127.0.0.1:6000", "region", "ap-south-1", "admin-address", "127.0.0.1:6001");
        ServerCommand command = parse(env, file, "--region", "us-west-2");
        assertThat(command.region).isEqualTo("us-west-2");
        assertThat(command.address).isEqualTo("127.0.0.1:7000");
        assertThat(command.adminAddress).isEqualTo("127.0.0.1:6001");
        assertThat(command.multipartExpiry).isEqualTo("7d");
        assertThat(command.lifecycleInterval).isEqualTo("1h");
        assertThat(command.lifecycleBatch).isEqualTo(10_000);
        assertThat(command.lifecycleDaySeconds).isEqualTo(86_400);
        assertThat(command.accessLog).isFalse();
    }

    @Test
    void everyOptionHasAnEnvironmentVariableNamedAfterIt() {
        ServerCommand command = parse(Map.of("STOWAGE_SHUTDOWN_GRACE", "5s", "STOWAGE_ACCESS_LOG", "true",
                "STOWAGE_LOG_FORMAT", "json", "STOWAGE_INLINE_THRESHOLD", "1000", "STOWAGE_LIFECYCLE_DAY_SECONDS", "2"), Map.of());
        assertThat(command.shutdownGrace).isEqualTo("5s");
        assertThat(command.accessLog).isTrue();
        assertThat(command.log.format).isEqualTo("json");
        assertThat(command.inlineThreshold).isEqualTo(1000);
        assertThat(command.lifecycleDaySeconds).isEqualTo(2);
    }

    @Test
    void configFileIsAFlatYamlMapOfOptionNames() throws IOException {
        Path file = Files.writeString(dir.resolve("stowage.yaml"), """
                # comments are fine
                address: 0.0.0.0:9000
                access-log: true
                inline-threshold: 4096
                domain: s3.example.com
                """);
        Map<String, String> settings = ServerConfigFile.read(file, knownKeys());
        assertThat(settings).containsEntry("address", "0.0.0.0:9000").containsEntry("access-log", "true")
                .containsEntry("inline-threshold", "4096");
        ServerCommand command = parse(Map.of(), settings);
        assertThat(command.address).isEqualTo("0.0.0.0:9000");
        assertThat(command.accessLog).isTrue();
        assertThat(command.inlineThreshold).isEqualTo(4096);
        assertThat(command.domain).isEqualTo("s3.example.com");
    }

    @Test
    void listsBecomeCommaSeparatedValues() throws IOException {
        Path file = Files.writeString(dir.resolve("list.yaml"), "domain: [a, b]\n");
        assertThat(ServerConfigFile.read(file, knownKeys())).containsEntry("domain", "a,b");
    }

    @Test
    void unknownKeysNestedMapsAndBrokenYamlAreRefusedNamingTheKey() throws IOException {
        Path typo = Files.writeString(dir.resolve("typo.yaml"), "adress: 0.0.0.0:9000\n");
        assertThatThrownBy(() -> ServerConfigFile.read(typo, knownKeys()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown setting 'adress'");
        Path nested = Files.writeString(dir.resolve("nested.yaml"), "region:\n  name: x\n");
        assertThatThrownBy(() -> ServerConfigFile.read(nested, knownKeys()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'region'");
        Path broken = Files.writeString(dir.resolve("broken.yaml"), "address: [unclosed\n");
        assertThatThrownBy(() -> ServerConfigFile.read(broken, knownKeys()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> ServerConfigFile.read(dir.resolve("missing.yaml"), knownKeys()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not exist");
    }

    @Test
    void tlsSettingsComeFromFlagsEnvironmentOrFile() throws IOException {
        ServerCommand fromEnv = parse(Map.of("STOWAGE_TLS", "auto", "STOWAGE_TLS_SAN", "s3.example.com,10.0.0.7"), Map.of());
        assertThat(fromEnv.tls).isEqualTo("auto");
        assertThat(fromEnv.tlsSans).containsExactly("s3.example.com", "10.0.0.7");

        Path file = Files.writeString(dir.resolve("tls.yaml"), """
                tls-cert: /etc/stowage/tls/tls.crt
                tls-key: /etc/stowage/tls/tls.key
                tls-ca: /etc/stowage/tls/ca.crt
                """);
        ServerCommand fromFile = parse(Map.of(), ServerConfigFile.read(file, knownKeys()));
        assertThat(fromFile.tls).as("files is implied by the certificate").isNull();
        assertThat(fromFile.tlsCert).isEqualTo(Path.of("/etc/stowage/tls/tls.crt"));
        assertThat(fromFile.tlsKey).isEqualTo(Path.of("/etc/stowage/tls/tls.key"));
        assertThat(fromFile.tlsCa).isEqualTo(Path.of("/etc/stowage/tls/ca.crt"));

        assertThat(parse(Map.of(), Map.of(), "--tls-san", "a.example", "--tls-san", "b.example,::1").tlsSans)
                .containsExactly("a.example", "b.example", "::1");
    }

    @Test
    void aBadValueFromTheFileNamesTheOption() {
        assertThatThrownBy(() -> parse(Map.of(), Map.of("inline-threshold", "lots")))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("--inline-threshold");
    }

    private static Set<String> knownKeys() {
        return new CommandLine(new ServerCommand()).getCommandSpec().options().stream()
                .map(ServerDefaults::key).collect(Collectors.toSet());
    }
}
