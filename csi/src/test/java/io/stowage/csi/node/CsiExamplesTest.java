package io.stowage.csi.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.stowage.csi.IdentityService;
import io.stowage.csi.VolumeContext;
import io.stowage.csi.controller.VolumeParameters;
import io.stowage.csi.node.fuse.MountOptionPolicy;
import io.stowage.csi.node.fuse.MounterKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The CSI examples readers copy: each YAML block of docs/csi.md that starts with a {@code # deploy/examples/csi/...} line
 * is that file, word for word, and every StorageClass among the files is one the driver takes: its provisioner is the
 * driver's name, its parameters pass CreateVolume's checks, its mount options the node's, and its Secrets are the
 * example Secret.
 */
class CsiExamplesTest {

    private static final Path REPOSITORY = Path.of("..");
    private static final Path EXAMPLES = REPOSITORY.resolve("deploy/examples/csi");
    private static final Pattern EXAMPLE_BLOCK = Pattern.compile("```yaml\\n# (deploy/examples/csi/\\S+)\\n(.*?)```", Pattern.DOTALL);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void everyExampleBlockOfTheDocsIsTheFileItNames() throws IOException {
        String doc = Files.readString(REPOSITORY.resolve("docs/csi.md"));
        List<String> shown = new ArrayList<>();
        Matcher block = EXAMPLE_BLOCK.matcher(doc);
        while (block.find()) {
            Path file = REPOSITORY.resolve(block.group(1));
            assertThat(file).as("the file a block of docs/csi.md names").isRegularFile();
            assertThat(block.group(2)).as(block.group(1) + " as docs/csi.md shows it").isEqualTo(Files.readString(file));
            shown.add(block.group(1));
        }
        assertThat(shown).contains("deploy/examples/csi/02-storageclass.yaml", "deploy/examples/csi/03-claim-and-pod.yaml",
                "deploy/examples/csi/04-storageclass-shared.yaml");
    }

    @Test
    void everyExampleStorageClassIsOneTheDriverTakes() throws Exception {
        JsonNode secret = documents().stream().filter(d -> d.path("kind").asText().equals("Secret")).findFirst().orElseThrow();
        List<JsonNode> classes = documents().stream().filter(d -> d.path("kind").asText().equals("StorageClass")).toList();
        assertThat(classes).hasSizeGreaterThanOrEqualTo(2);
        for (JsonNode storageClass : classes) {
            String name = storageClass.path("metadata").path("name").asText();
            assertThat(storageClass.path("provisioner").asText()).as(name).isEqualTo(IdentityService.DEFAULT_DRIVER_NAME);
            Map<String, String> parameters = YAML.convertValue(storageClass.path("parameters"), YAML.getTypeFactory()
                    .constructMapType(Map.class, String.class, String.class));
            VolumeParameters parsed = VolumeParameters.parse(parameters);
            MountOptionPolicy.check(MounterKind.parse(parsed.mounter().orElse("s3fs")),
                    MountOptions.split(parameters.get(VolumeContext.OPTIONS)));
            for (String role : List.of("provisioner", "node-stage")) {
                assertThat(parameters).as(name).containsEntry("csi.storage.k8s.io/" + role + "-secret-name",
                        secret.path("metadata").path("name").asText());
                assertThat(parameters).as(name).containsEntry("csi.storage.k8s.io/" + role + "-secret-namespace",
                        secret.path("metadata").path("namespace").asText());
            }
        }
    }

    private static List<JsonNode> documents() throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                try (YAMLParser parser = (YAMLParser) YAML.getFactory().createParser(file.toFile())) {
                    YAML.readValues(parser, JsonNode.class).forEachRemaining(documents::add);
                }
            }
        }
        return documents;
    }
}
