package chat.server;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The server's packages and which may use which (docs/DESIGN.md, "Packages"): each uses only those below it,
 * so the chat-line path reads top to bottom and no package needs another that needs it back.
 */
class LayersTest {
    private static final JavaClasses SERVER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("chat.server");

    @Test
    void noPackageDependsOnItselfThroughAnother() {
        slices().matching("chat.(**)").should().beFreeOfCycles().check(SERVER);
    }

    @Test
    void eachPackageUsesOnlyThoseBelowIt() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("main").definedBy("chat.server")
                .layer("irc").definedBy("chat.server.irc")
                .layer("session").definedBy("chat.server.session")
                .layer("command").definedBy("chat.server.command")
                .layer("cluster").definedBy("chat.server.cluster")
                .layer("roster").definedBy("chat.server.roster")
                .layer("transfer").definedBy("chat.server.transfer")
                .layer("admission").definedBy("chat.server.admission")
                .layer("accounts").definedBy("chat.server.accounts")
                .layer("moderation").definedBy("chat.server.moderation")
                .layer("tls").definedBy("chat.server.tls")
                .layer("config").definedBy("chat.server.config")
                .layer("logging").definedBy("chat.server.logging")
                .whereLayer("main").mayNotBeAccessedByAnyLayer()
                .whereLayer("irc").mayOnlyAccessLayers("session")
                .whereLayer("session").mayOnlyAccessLayers(
                        "command", "roster", "transfer", "admission", "accounts", "moderation", "tls", "config")
                .whereLayer("command").mayOnlyAccessLayers(
                        "roster", "transfer", "admission", "accounts", "moderation", "config")
                .whereLayer("cluster").mayOnlyAccessLayers("roster", "accounts", "moderation", "config")
                .whereLayer("roster").mayOnlyAccessLayers("transfer", "admission", "config")
                .whereLayer("transfer").mayOnlyAccessLayers("tls", "config")
                .whereLayer("admission").mayOnlyAccessLayers("tls", "config")
                .whereLayer("accounts").mayOnlyAccessLayers("moderation", "config")
                .whereLayer("moderation").mayNotAccessAnyLayer()
                .whereLayer("tls").mayOnlyAccessLayers("config")
                .whereLayer("config").mayNotAccessAnyLayer()
                .whereLayer("logging").mayNotAccessAnyLayer()
                .check(SERVER);
    }
}
