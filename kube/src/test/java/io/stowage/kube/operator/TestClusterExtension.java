package io.stowage.kube.operator;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands a test a {@link TestCluster}: by default fabric8's mock API server in CRUD mode (with expectations
 * possible, for the few calls CRUD mode cannot answer); the real cluster of the kubeconfig that
 * STOWAGE_IT_KUBECONFIG names, when set. Either way the generated ObjectStore CRD is installed first
 * (on the mock, the status subresource works only once its CRD is posted), and each test gets a fresh
 * namespace, deleted after it.
 */
public final class TestClusterExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, ParameterResolver {

    public static final String KUBECONFIG_ENV = "STOWAGE_IT_KUBECONFIG";
    /** The chart's CRDs, copies of what the build generates (GeneratedCopiesTest keeps them so): what users install. */
    private static final Path CRD_DIRECTORY = Path.of("..", "charts", "stowage", "crds");

    private KubernetesMockServer mockServer;
    private KubernetesClient client;
    private TestCluster current;

    @Override
    @SuppressWarnings("deprecation") // the mapper the mock server's own JUnit extension gives it
    public void beforeAll(ExtensionContext context) throws IOException {
        String kubeconfig = System.getenv(KUBECONFIG_ENV);
        if (kubeconfig == null || kubeconfig.isBlank()) {
            Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
            mockServer = new KubernetesMockServer(new Context(Serialization.jsonMapper()), new MockWebServer(),
                    expectations, new KubernetesMixedDispatcher(expectations), false);
            mockServer.init();
            client = mockServer.createClient();
        } else {
            client = new KubernetesClientBuilder()
                    .withConfig(Config.fromKubeconfig(Files.readString(Path.of(kubeconfig)))).build();
        }
        installCrds();
    }

    /** Every CRD the chart installs (ObjectStore, and the claim kinds the provisioners serve). */
    private void installCrds() throws IOException {
        Path directory = CRD_DIRECTORY;
        List<CustomResourceDefinition> crds = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml")).sorted().toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    crds.add(Serialization.unmarshal(in, CustomResourceDefinition.class));
                }
            }
        }
        for (CustomResourceDefinition crd : crds) {
            client.resource(crd).createOr(NonDeletingOperation::update);
        }
        if (mockServer == null) {
            for (CustomResourceDefinition crd : crds) {
                client.resource(crd).waitUntilCondition(c -> c.getStatus() != null && c.getStatus().getConditions().stream()
                        .anyMatch(cond -> cond.getType().equals("Established") && cond.getStatus().equals("True")),
                        30, TimeUnit.SECONDS);
            }
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        String namespace = "stowage-it-" + UUID.randomUUID().toString().substring(0, 8);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
                .create();
        current = new TestCluster(client, namespace, mockServer);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        client.namespaces().withName(current.namespace()).delete();
        current = null;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        client.close();
        if (mockServer != null) {
            mockServer.destroy();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestCluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return current;
    }
}
