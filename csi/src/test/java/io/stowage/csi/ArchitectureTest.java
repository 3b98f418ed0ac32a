package io.stowage.csi;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Package rules inside the csi module: the controller and node plugins share only the package above them
 * (ids, capabilities, the server), and the driver reaches a Stowage server through the backend SPI, never
 * through the server's or engine's classes.
 */
@AnalyzeClasses(packages = "io.stowage.csi", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule controllerKnowsNoNode = noClasses().that().resideInAPackage("..csi.controller..")
            .should().dependOnClassesThat().resideInAPackage("..csi.node..")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule nodeKnowsNoController = noClasses().that().resideInAPackage("..csi.node..")
            .should().dependOnClassesThat().resideInAPackage("..csi.controller..")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule sharedClassesKnowNeitherPlugin = noClasses().that().resideInAPackage("io.stowage.csi")
            .should().dependOnClassesThat().resideInAnyPackage("..csi.controller..", "..csi.node..");

    @ArchTest
    static final ArchRule onlyThroughTheBackendSpi = noClasses().that().resideInAPackage("io.stowage.csi..")
            .should().dependOnClassesThat().resideInAnyPackage("io.stowage.server..", "io.stowage.engine..", "io.stowage.s3..",
                    "io.stowage.kube..");
}
