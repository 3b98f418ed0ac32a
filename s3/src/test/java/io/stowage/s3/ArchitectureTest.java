package io.stowage.s3;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Package rules inside the s3 module; module directions are enforced by the Maven build. */
@AnalyzeClasses(packages = "io.stowage.s3", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule routingIsPure = noClasses().that().resideInAPackage("..s3.router..")
            .should().dependOnClassesThat().resideInAnyPackage("..s3.handler..", "..s3.http..", "..s3.auth..", "io.netty..", "io.stowage.engine..");

    @ArchTest
    static final ArchRule authKnowsNothingOfHttpOrHandlers = noClasses().that().resideInAnyPackage("..s3.auth..", "..s3.checksum..")
            .should().dependOnClassesThat().resideInAnyPackage("..s3.handler..", "..s3.http..", "..s3.router..", "io.netty..", "io.stowage.engine..");

    @ArchTest
    static final ArchRule handlersDoNotTouchChannels = noClasses().that().resideInAPackage("..s3.handler..")
            .should().dependOnClassesThat().resideInAnyPackage("io.netty.channel..", "io.netty.buffer..");

    @ArchTest
    static final ArchRule httpLayerKnowsNoS3Operations = noClasses().that().resideInAPackage("..s3.http..")
            .should().dependOnClassesThat().resideInAnyPackage("..s3.handler..", "..s3.router..", "..s3.auth..", "io.stowage.engine..");

    @ArchTest
    static final ArchRule xmlIsStandalone = noClasses().that().resideInAPackage("..s3.xml..")
            .should().dependOnClassesThat().resideInAnyPackage("..s3.handler..", "..s3.http..", "..s3.router..", "..s3.auth..", "io.netty..");

    @ArchTest
    static final ArchRule lifecycleRulesKnowNothingOfHttp = noClasses().that().resideInAPackage("..s3.lifecycle..")
            .should().dependOnClassesThat().resideInAnyPackage("..s3.handler..", "..s3.http..", "..s3.router..", "..s3.auth..", "io.netty..");
}
