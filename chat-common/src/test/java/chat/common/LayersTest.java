package chat.common;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * chat-common's packages stand on their own: the protocol, text sanitising, line framing, files, pinned
 * trust and address formatting need none of the others.
 */
class LayersTest {
    private static final JavaClasses COMMON = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("chat.common");

    @Test
    void noPackageDependsOnItselfThroughAnother() {
        slices().matching("chat.(**)").should().beFreeOfCycles().check(COMMON);
    }

    @Test
    void eachPackageStandsAlone() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("protocol").definedBy("chat.common.protocol")
                .layer("text").definedBy("chat.common.text")
                .layer("io").definedBy("chat.common.io")
                .layer("files").definedBy("chat.common.files")
                .layer("tls").definedBy("chat.common.tls")
                .layer("net").definedBy("chat.common.net")
                .layer("cli").definedBy("chat.common.cli")
                .whereLayer("protocol").mayNotAccessAnyLayer()
                .whereLayer("text").mayNotAccessAnyLayer()
                .whereLayer("io").mayNotAccessAnyLayer()
                .whereLayer("files").mayNotAccessAnyLayer()
                .whereLayer("tls").mayNotAccessAnyLayer()
                .whereLayer("net").mayNotAccessAnyLayer()
                .whereLayer("cli").mayNotAccessAnyLayer()
                .check(COMMON);
    }
}
