package chat.client;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The client's packages (docs/DESIGN.md, "Modules and packages"): the entry picks a face, the faces
 * ({@code terminal}, {@code window}) stand on the UI-free core and never on each other, and the core never
 * reaches up into a face.
 */
class LayersTest {
    private static final JavaClasses CLIENT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("chat.client");

    @Test
    void noPackageDependsOnItselfThroughAnother() {
        slices().matching("chat.(**)").should().beFreeOfCycles().check(CLIENT);
    }

    @Test
    void theCoreKnowsNoFace() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("main").definedBy("chat.client")
                .layer("terminal").definedBy("chat.client.terminal")
                .layer("window").definedBy("chat.client.window")
                .layer("core").definedBy("chat.client.core")
                .layer("transfer").definedBy("chat.client.transfer")
                .layer("text").definedBy("chat.client.text")
                .whereLayer("main").mayNotBeAccessedByAnyLayer()
                .whereLayer("terminal").mayOnlyAccessLayers("core", "transfer", "text")
                .whereLayer("window").mayOnlyAccessLayers("core", "transfer", "text")
                .whereLayer("core").mayOnlyAccessLayers("transfer")
                .whereLayer("transfer").mayNotAccessAnyLayer()
                .whereLayer("text").mayNotAccessAnyLayer()
                .check(CLIENT);
    }
}
