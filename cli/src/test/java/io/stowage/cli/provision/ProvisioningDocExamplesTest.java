package io.stowage.cli.provision;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/provisioning.md shows the example manifests that ProvisioningIT applies: each YAML block that
 * starts with a {@code # deploy/examples/...} line is that file, word for word, so that what readers copy
 * is what the tests prove.
 */
class ProvisioningDocExamplesTest {

    private static final Path REPOSITORY = Path.of("..");
    private static final Pattern EXAMPLE_BLOCK = Pattern.compile("```yaml\\n# (deploy/examples/\\S+)\\n(.*?)```", Pattern.DOTALL);

    @Test
    void everyExampleBlockIsTheFileItNames() throws IOException {
        String doc = Files.readString(REPOSITORY.resolve("docs/provisioning.md"));
        List<String> shown = new ArrayList<>();
        Matcher block = EXAMPLE_BLOCK.matcher(doc);
        while (block.find()) {
            Path file = REPOSITORY.resolve(block.group(1));
            assertThat(file).as("the file a block of docs/provisioning.md names").isRegularFile();
            assertThat(block.group(2)).as(block.group(1) + " as docs/provisioning.md shows it").isEqualTo(Files.readString(file));
            shown.add(block.group(1));
        }
        assertThat(shown).as("example blocks").contains("deploy/examples/cosi/02-classes.yaml",
                "deploy/examples/cosi/03-claim.yaml", "deploy/examples/obc/02-storageclass.yaml",
                "deploy/examples/obc/03-claim.yaml", "deploy/examples/secret/02-secret.yaml");
    }

    @Test
    void eachFrontEndsSectionAppliesItsExamplesWithEnvsubst() throws IOException {
        String doc = Files.readString(REPOSITORY.resolve("docs/provisioning.md"));
        for (String frontEnd : List.of("cosi", "obc", "secret")) {
            assertThat(doc).contains("for f in deploy/examples/" + frontEnd + "/*.yaml; do envsubst < \"$f\" | kubectl apply -f -; done");
        }
    }
}
