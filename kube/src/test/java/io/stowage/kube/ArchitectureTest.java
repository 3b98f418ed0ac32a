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
}
