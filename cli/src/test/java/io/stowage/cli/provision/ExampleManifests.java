package io.stowage.cli.provision;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The manifests of deploy/examples/DIR as `envsubst < file | kubectl apply -f -` would apply them, moved
 * into one test namespace: namespaced objects go there, cluster-scoped ones (classes) get the namespace
 * as a name suffix, and every reference to either follows. Tests run the documented examples, not
 * look-alikes.
 */
final class ExampleManifests {

    static final String BACKEND_NAMESPACE = "stowage-system";
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)}");
    private static final List<String> CLUSTER_SCOPED = List.of("StorageClass", "BucketClass", "BucketAccessClass");
    private static final List<String> CLASS_REFERENCES = List.of("storageClassName", "bucketClassName", "bucketAccessClassName");

    private ExampleManifests() {
    }

    static List<GenericKubernetesResource> load(String directory, Map<String, String> variables, String namespace)
            throws IOException {
        List<GenericKubernetesResource> objects = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("..", "deploy", "examples", directory))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                String text = substitute(Files.readString(file), variables);
                for (String document : text.split("(?m)^---$")) {
                    if (!document.isBlank()) {
                        objects.add(Serialization.unmarshal(document, GenericKubernetesResource.class));
                    }
                }
            }
        }
        Map<String, String> renamed = new HashMap<>();
        for (GenericKubernetesResource object : objects) {
            if (CLUSTER_SCOPED.contains(object.getKind())) {
                String name = object.getMetadata().getName();
                renamed.put(name, name + "-" + namespace);
                object.getMetadata().setName(name + "-" + namespace);
            } else {
                object.getMetadata().setNamespace(namespace);
            }
        }
        for (GenericKubernetesResource object : objects) {
            rewrite(object.getAdditionalProperties(), renamed, namespace);
            if (object.getMetadata().getAnnotations() != null) {
                object.getMetadata().getAnnotations().replaceAll((key, value) -> value.startsWith(BACKEND_NAMESPACE + "/")
                        ? namespace + value.substring(BACKEND_NAMESPACE.length()) : value);
            }
        }
        return objects;
    }

    @SuppressWarnings("unchecked")
    private static void rewrite(Map<String, Object> map, Map<String, String> renamed, String namespace) {
        for (Map.Entry<String, Object> entry : map.entrySet()) {
            if (entry.getValue() instanceof Map<?, ?> nested) {
                rewrite((Map<String, Object>) nested, renamed, namespace);
            } else if (entry.getValue() instanceof String value) {
                if (CLASS_REFERENCES.contains(entry.getKey()) && renamed.containsKey(value)) {
                    entry.setValue(renamed.get(value));
                } else if (value.startsWith(BACKEND_NAMESPACE + "/")) {
                    entry.setValue(namespace + value.substring(BACKEND_NAMESPACE.length()));
                }
            }
        }
    }

    private static String substitute(String text, Map<String, String> variables) {
        Matcher matcher = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = variables.get(matcher.group(1));
            if (value == null) {
                throw new IllegalArgumentException("no value for ${" + matcher.group(1) + "}");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
