package io.stowage.kube.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The chart's CRD and the plain manifests under deploy/ are generated, but kept in the repository for
 * helm and kubectl users: these tests fail when either is stale. deploy/render.sh rewrites both.
 */
class GeneratedCopiesTest {

    static final String DEPLOY_HEADER = """
            # Generated from charts/stowage with its default values by deploy/render.sh: do not edit.
            # kubectl apply -f deploy/stowage-operator.yaml
            ---
            apiVersion: v1
            kind: Namespace
            metadata:
              name: %s
            """.formatted(RenderedChart.NAMESPACE);

    @Test
    void chartCrdsAreTheOnesTheBuildGenerates() throws IOException {
        List<String> names = new ArrayList<>();
        for (Path generated : ChartFiles.generatedCrds()) {
            names.add(generated.getFileName().toString());
            compareOrRegenerate(ChartFiles.CHART_CRDS.resolve(generated.getFileName()), Files.readString(generated));
        }
        try (Stream<Path> copies = Files.list(ChartFiles.CHART_CRDS)) {
            assertThat(copies.map(p -> p.getFileName().toString())).as("no CRD in the chart that the build does not generate")
                    .containsExactlyInAnyOrderElementsOf(names);
        }
    }

    /** What `helm template --include-crds` writes (helm-java has no such option), after a Namespace. */
    @Test
    void deployManifestIsTheChartRenderedWithDefaults() throws IOException {
        StringBuilder crds = new StringBuilder();
        for (Path generated : ChartFiles.generatedCrds()) {
            crds.append("---\n").append(Files.readString(generated));
        }
        String rendered = DEPLOY_HEADER + crds + RenderedChart.withDefaults().yaml();

        compareOrRegenerate(ChartFiles.DEPLOY_MANIFEST, rendered);
        assertThat(RenderedChart.parse(Files.readString(ChartFiles.DEPLOY_MANIFEST)).kinds())
                .containsExactly("ClusterRole", "ClusterRole", "ClusterRoleBinding", "ClusterRoleBinding",
                        "CustomResourceDefinition", "CustomResourceDefinition", "CustomResourceDefinition",
                        "CustomResourceDefinition", "CustomResourceDefinition", "CustomResourceDefinition",
                        "CustomResourceDefinition", "CustomResourceDefinition", "CustomResourceDefinition",
                        "CustomResourceDefinition", "CustomResourceDefinition", "Deployment", "Namespace", "Role",
                        "RoleBinding", "ServiceAccount");
    }

    private static void compareOrRegenerate(Path copy, String expected) throws IOException {
        if (ChartFiles.REGENERATE) {
            Files.createDirectories(copy.getParent());
            Files.writeString(copy, expected);
        }
        assertThat(copy).as("%s is stale: run deploy/render.sh", ChartFiles.REPOSITORY.relativize(copy))
                .exists().hasContent(expected);
    }
}
