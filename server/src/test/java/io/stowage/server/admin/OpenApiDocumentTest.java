package io.stowage.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The OpenAPI document the server serves is docs/openapi.yaml, and it describes exactly the routes the router knows. */
class OpenApiDocumentTest {

    private static final Path SOURCE = Path.of("..", "docs", "openapi.yaml");
    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

    @Test
    void theServedDocumentIsDocsOpenapiYaml() throws Exception {
        assertThat(ServerInfoHandler.openApiDocument()).isEqualTo(Files.readAllBytes(SOURCE));
    }

    @Test
    void everyRouteIsDocumentedAndEveryDocumentedOperationIsRouted() throws Exception {
        JsonNode document = new YAMLMapper().readTree(SOURCE.toFile());
        assertThat(document.path("openapi").asText()).startsWith("3.1.");

        Set<String> documented = new HashSet<>();
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            if (HTTP_METHODS.contains(operation.getKey())) {
                documented.add(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }));
        Set<String> routed = new HashSet<>();
        for (AdminOperation operation : AdminOperation.values()) {
            routed.add(operation.method() + " " + operation.template());
        }
        assertThat(documented).containsExactlyInAnyOrderElementsOf(routed);
    }

    @Test
    void everyQueryParameterTheRouterAcceptsIsDocumented() throws Exception {
        JsonNode paths = new YAMLMapper().readTree(SOURCE.toFile()).path("paths");
        for (AdminOperation operation : AdminOperation.values()) {
            JsonNode parameters = paths.path(operation.template()).path(operation.method().toLowerCase(Locale.ROOT))
                    .path("parameters");
            Set<String> documented = new HashSet<>();
            parameters.forEach(p -> {
                if (p.path("in").asText().equals("query")) {
                    documented.add(p.path("name").asText());
                }
            });
            assertThat(documented).as(operation.name()).isEqualTo(operation.queryParameters());
        }
    }
}
