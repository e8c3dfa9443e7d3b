package io.smartshare.node.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependency arrows of the project's production classes, checked over the compiled
 * classes so they stay one way (docs/architecture.md).
 */
class DependencyRulesTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.smartshare");
    }

    @Test
    void everyPackageOfEveryModuleDependsOnTheOthersOneWay() {
        // each package is its own slice, module roots included (io.smartshare.hal, io.smartshare.ledger):
        // in hal the opened board (hal.device) is the one package that knows the drivers; in
        // ledger-lite LedgerFiles (ledger.storage) opens the Ledger that the storage implements
        slices().matching("io.smartshare.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theLibrariesKnowNothingOfTheDaemon() {
        noClasses().that().resideInAnyPackage("io.smartshare.hal..", "io.smartshare.ledger..", "io.smartshare.contracts..")
                .should().dependOnClassesThat().resideInAPackage("io.smartshare.node..")
                .check(classes);
        noClasses().that().resideInAPackage("io.smartshare.hal..")
                .should().dependOnClassesThat().resideInAnyPackage("io.smartshare.ledger..", "io.smartshare.contracts..")
                .check(classes);
        noClasses().that().resideInAPackage("io.smartshare.ledger..")
                .should().dependOnClassesThat().resideInAPackage("io.smartshare.contracts..")
                .check(classes);
        noClasses().that().resideInAnyPackage("io.smartshare.hal..", "io.smartshare.ledger..", "io.smartshare.contracts..")
                .should().dependOnClassesThat().resideInAnyPackage("org.eclipse.californium..", "org.eclipse.paho..")
                .check(classes);
    }

    @Test
    void theDaemonReachesHardwareOnlyThroughHalsInterfaces() {
        noClasses().that().resideInAPackage("io.smartshare.node..")
                .should().dependOnClassesThat().resideInAPackage("io.smartshare.hal.driver..")
                .check(classes);
    }

    @Test
    void theSeamKnowsNoServiceAndTheDaemonStartsServicesOnlyThroughIt() {
        String[] services = {"io.smartshare.node.mesh..", "io.smartshare.node.rewards..", "io.smartshare.node.metering..",
            "io.smartshare.node.sensors..", "io.smartshare.node.ledger..", "io.smartshare.node.uplink..",
            "io.smartshare.node.storage..", "io.smartshare.node.compute..", "io.smartshare.node.beacon..", "io.smartshare.node.fleet..",
            "io.smartshare.node.telemetry.."};
        // the daemon opens the ledger itself (the ledger service only serves it)
        String[] startedServices = java.util.Arrays.stream(services).filter(p -> !p.contains(".ledger"))
                .toArray(String[]::new);
        noClasses().that().resideInAnyPackage("io.smartshare.node.lifecycle..", "io.smartshare.node.events..",
                "io.smartshare.node.scheduling..", "io.smartshare.node.coap..", "io.smartshare.node.config..")
                .should().dependOnClassesThat().resideInAnyPackage(services)
                .check(classes);
        noClasses().that().resideInAPackage("io.smartshare.node.daemon..")
                .should().dependOnClassesThat().resideInAnyPackage(startedServices)
                .check(classes);
    }
}
