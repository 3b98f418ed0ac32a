package io.stowage.kube.chart;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the chart and what is generated from it live in the repository. Surefire runs in the kube
 * module's directory, one level below the repository root.
 */
final class ChartFiles {

    static final Path REPOSITORY = Path.of("").toAbsolutePath().getParent();
    static final Path CHART = REPOSITORY.resolve("charts/stowage");
    static final Path CHART_CRD = CHART.resolve("crds/objectstores.stowage.io-v1.yml");
    static final Path GENERATED_CRD = Path.of("target/classes/META-INF/fabric8/objectstores.stowage.io-v1.yml");
    static final Path DEPLOY_MANIFEST = REPOSITORY.resolve("deploy/stowage-operator.yaml");

    /** Set by deploy/render.sh: the tests then rewrite the generated copies instead of failing on a difference. */
    static final boolean REGENERATE = Boolean.getBoolean("stowage.regenerate");

    private ChartFiles() {
    }

    static Path testValues(String name) {
        Path values = Path.of("src/test/resources/chart", name);
        if (!Files.isRegularFile(values)) {
            throw new IllegalArgumentException("no values file " + values.toAbsolutePath());
        }
        return values;
    }
}
