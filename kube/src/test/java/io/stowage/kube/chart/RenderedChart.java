package io.stowage.kube.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.stowage.kube.crd.ObjectStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The chart as `helm template` renders it, every document parsed into its fabric8 model type. A kind
 * fabric8 does not know (or a misspelt apiVersion) fails the parse, except ObjectStore, which is read
 * into the operator's own class, and the Prometheus Operator's ServiceMonitor, kept generic.
 */
record RenderedChart(String yaml, List<HasMetadata> objects) {

    static final String RELEASE = "stowage";
    static final String NAMESPACE = "stowage-system";
    /** helm-java's template assumes Kubernetes 1.20 without a cluster; the chart needs 1.27 or later. */
    static final String KUBERNETES_VERSION = "1.32.0";

    private static final String OBJECT_STORE = ObjectStore.GROUP + "/" + ObjectStore.VERSION + " ObjectStore";
    private static final String SERVICE_MONITOR = "monitoring.coreos.com/v1 ServiceMonitor";

    static RenderedChart render(Consumer<TemplateCommand> options) {
        TemplateCommand command = new Helm(ChartFiles.CHART).template().withName(RELEASE).withNamespace(NAMESPACE)
                .withKubeVersion(KUBERNETES_VERSION);
        options.accept(command);
        return parse(command.call());
    }

    static RenderedChart withDefaults() {
        return render(command -> { });
    }

    static RenderedChart withValues(String valuesFile) {
        return render(command -> command.withValuesFile(ChartFiles.testValues(valuesFile)));
    }

    static RenderedChart parse(String yaml) {
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : yaml.split("(?m)^---\\s*$")) {
            if (Arrays.stream(document.split("\n")).allMatch(line -> line.isBlank() || line.startsWith("#"))) {
                continue;
            }
            HasMetadata object = Serialization.unmarshal(document);
            if (object instanceof GenericKubernetesResource generic) {
                String type = generic.getApiVersion() + " " + generic.getKind();
                assertThat(type).as("the only kinds without a fabric8 model class")
                        .isIn(OBJECT_STORE, SERVICE_MONITOR);
                if (type.equals(OBJECT_STORE)) {
                    object = Serialization.unmarshal(document, ObjectStore.class);
                }
            }
            objects.add(object);
        }
        return new RenderedChart(yaml, List.copyOf(objects));
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> T one(Class<T> type) {
        List<T> found = all(type);
        assertThat(found).as("rendered %s objects", type.getSimpleName()).hasSize(1);
        return found.getFirst();
    }

    List<String> kinds() {
        return objects.stream().map(HasMetadata::getKind).sorted().toList();
    }
}
