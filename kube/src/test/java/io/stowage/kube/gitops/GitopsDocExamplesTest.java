package io.stowage.kube.gitops;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.stowage.backend.AccessMode;
import io.stowage.backend.BucketGrant;
import io.stowage.kube.provision.ClaimRefusedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/gitops.md shows deploy/examples/gitops word for word (each YAML block that starts with a {@code # deploy/examples/...}
 * line is that file), and the team's resources in it are ones the operator accepts.
 */
class GitopsDocExamplesTest {

    private static final Path REPOSITORY = Path.of("..");
    private static final Path EXAMPLES = REPOSITORY.resolve("deploy/examples/gitops");
    private static final Pattern EXAMPLE_BLOCK = Pattern.compile("```yaml\\n# (deploy/examples/\\S+)\\n(.*?)```", Pattern.DOTALL);

    @Test
    void everyExampleBlockIsTheFileItNames() throws IOException {
        String doc = Files.readString(REPOSITORY.resolve("docs/gitops.md"));
        List<String> shown = new ArrayList<>();
        Matcher block = EXAMPLE_BLOCK.matcher(doc);
        while (block.find()) {
            Path file = REPOSITORY.resolve(block.group(1));
            assertThat(file).as("the file a block of docs/gitops.md names").isRegularFile();
            assertThat(block.group(2)).as(block.group(1) + " as docs/gitops.md shows it").isEqualTo(Files.readString(file));
            shown.add(block.group(1));
        }
        assertThat(shown).containsExactlyInAnyOrder("deploy/examples/gitops/backend.yaml",
                "deploy/examples/gitops/kustomization.yaml", "deploy/examples/gitops/buckets.yaml",
                "deploy/examples/gitops/users.yaml");
        assertThat(doc).contains("kubectl apply -k deploy/examples/gitops");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theKustomizationsResourcesAreOnesTheOperatorAccepts() throws IOException, ClaimRefusedException {
        Map<String, Object> kustomization = Serialization.unmarshal(Files.readString(EXAMPLES.resolve("kustomization.yaml")), Map.class);
        String namespace = (String) kustomization.get("namespace");
        List<String> resources = (List<String>) kustomization.get("resources");
        assertThat(resources).containsExactly("namespace.yaml", "buckets.yaml", "users.yaml");

        List<S3Bucket> buckets = documents("buckets.yaml", S3Bucket.class, namespace);
        List<S3User> users = documents("users.yaml", S3User.class, namespace);
        List<String> names = new ArrayList<>();
        for (S3Bucket bucket : buckets) {
            DesiredBucket desired = DesiredBucket.of(bucket);
            names.add(desired.name());
            assertThat(desired.tags()).containsEntry("team", "analytics");
        }
        assertThat(names).containsExactly("analytics-raw-events", "analytics-reports");
        assertThat(DesiredBucket.of(buckets.get(1)).policy().orElseThrow().get("Statement").get(0).get("Resource").asText())
                .isEqualTo("arn:aws:s3:::analytics-reports/public/*");
        for (S3User user : users) {
            DesiredUser desired = DesiredUser.of(user);
            assertThat(desired.account()).startsWith(namespace + ".");
            assertThat(desired.grants()).allMatch(g -> names.contains(g.bucket()));
        }
        assertThat(DesiredUser.of(users.get(0)).grants()).containsExactly(new BucketGrant("analytics-raw-events",
                AccessMode.WRITE_ONLY));
        assertThat(DesiredUser.of(users.get(1)).grants()).contains(new BucketGrant("analytics-reports", "public/",
                AccessMode.READ_WRITE));
    }

    private static <T extends io.fabric8.kubernetes.api.model.HasMetadata> List<T> documents(String file, Class<T> type,
            String namespace) throws IOException {
        String text = Files.readString(EXAMPLES.resolve(file));
        List<T> parsed = new ArrayList<>();
        for (String document : Arrays.stream(text.split("(?m)^---$")).filter(d -> d.contains("kind:")).toList()) {
            T resource = Serialization.unmarshal(document, type);
            resource.getMetadata().setNamespace(namespace);
            parsed.add(resource);
        }
        return parsed;
    }
}
