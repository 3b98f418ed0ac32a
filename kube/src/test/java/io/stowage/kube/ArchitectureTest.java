package io.stowage.kube;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Package rules inside the kube module: the model (custom resource in, desired objects out) and the
 * certificates are pure functions, with no client call; only the operator package talks to the API server.
 * The COSI driver's work and the operator's sidecar mode know no proto version: only its gRPC adapter
 * (cosi.v1alpha1) does, so that v1alpha2 can come as another adapter.
 */
@AnalyzeClasses(packages = "io.stowage.kube", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule modelKnowsNoOperator = noClasses().that().resideInAnyPackage("..kube.crd..", "..kube.model..",
                    "..kube.tls..")
            .should().dependOnClassesThat().resideInAnyPackage("..kube.operator..", "io.javaoperatorsdk..");

    @ArchTest
    static final ArchRule modelMakesNoClientCall = noClasses().that().resideInAnyPackage("..kube.model..", "..kube.tls..")
            .should().dependOnClassesThat().areAssignableTo(KubernetesClient.class)
            .orShould().dependOnClassesThat().resideInAPackage("io.fabric8.kubernetes.client.dsl");

    @ArchTest
    static final ArchRule certificatesKnowNoKubernetes = noClasses().that().resideInAPackage("..kube.tls..")
            .should().dependOnClassesThat().resideInAnyPackage("io.fabric8..", "..kube.crd..");

    @ArchTest
    static final ArchRule cosiDriverKnowsNoProtoVersion = noClasses()
            .that().resideInAnyPackage("io.stowage.kube.cosi", "io.stowage.kube.cosi.operator", "io.stowage.kube.cosi.crd")
            .should().dependOnClassesThat().resideInAPackage("io.stowage.kube.cosi.v1alpha1..");
}
