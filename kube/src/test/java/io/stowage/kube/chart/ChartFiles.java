package io.stowage.kube.chart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the chart and what is generated from it live in the repository. Surefire runs in the kube
 * module's directory, one level below the repository root.
 */
final class ChartFiles {

    static final Path REPOSITORY = Path.of("").toAbsolutePath().getParent();
    static final Path CHART = REPOSITORY.resolve("charts/stowage");
    static final Path CHART_CRDS = CHART.resolve("crds");
    /** ObjectStore's CRD, and the ObjectBucketClaim and COSI ones for clusters that lack them. */
    static final Path GENERATED_CRDS = Path.of("target/classes/META-INF/fabric8");
    static final Path DEPLOY_MANIFEST = REPOSITORY.resolve("deploy/stowage-operator.yaml");

    /** Set by deploy/render.sh: the tests then rewrite the generated copies instead of failing on a difference. */
    static final boolean REGENERATE = Boolean.getBoolean("stowage.regenerate");

    private ChartFiles() {
    }

    /** The CRD files the build generated, in name order. */
    static List<Path> generatedCrds() throws IOException {
        try (Stream<Path> files = Files.list(GENERATED_CRDS)) {
            return files.filter(f -> f.getFileName().toString().endsWith("-v1.yml")).sorted().toList();
        }
    }

    static Path testValues(String name) {
        Path values = Path.of("src/test/resources/chart", name);
        if (!Files.isRegularFile(values)) {
            throw new IllegalArgumentException("no values file " + values.toAbsolutePath());
        }
        return values;
    }
}
