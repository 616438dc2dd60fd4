package dev.retort.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/** The package picture of docs/DESIGN.md, held by the build: no cycles, and the layers point one way. */
class ArchitectureTest {
    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.retort");
        assertThat(core.size()).as("classes imported").isGreaterThan(80);
    }

    @Test
    void noPackageDependsOnItselfThroughAnother() {
        slices().matching("dev.retort.(**)").should().beFreeOfCycles().check(core);
    }

    @Test
    void theSchemaModelAndOperationsAreDataThatKnowsNoDatabaseOrCommand() {
        noClasses().that().resideInAnyPackage("dev.retort.schema..", "dev.retort.ops..", "dev.retort.model..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.retort.dialect..", "dev.retort.runtime..", "dev.retort.script..",
                        "dev.retort.command..", "dev.retort.api..", "dev.retort.compare..")
                .check(core);
    }

    @Test
    void dialectsKnowNothingOfTheRuntimeOrTheCommands() {
        noClasses().that().resideInAnyPackage("dev.retort.dialect..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.retort.runtime..", "dev.retort.script..", "dev.retort.command..",
                        "dev.retort.compare..", "dev.retort.dialects..")
                .check(core);
    }

    @Test
    void onlyTheRegistryNamesTheDatabaseFolders() {
        noClasses().that().resideOutsideOfPackages("dev.retort.dialects", "dev.retort.dialect..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.retort.dialect.postgres", "dev.retort.dialect.mysql",
                        "dev.retort.dialect.sqlite", "dev.retort.dialect.h2")
                .check(core);
    }

    @Test
    void noDatabaseFolderUsesAnotherExceptH2AsPostgresFlavour() {
        for (String db : DATABASES) {
            List<String> others = DATABASES.stream().filter(o -> !o.equals(db) && !(db.equals("h2") && o.equals("postgres")))
                    .map(o -> "dev.retort.dialect." + o).toList();
            noClasses().that().resideInAPackage("dev.retort.dialect." + db)
                    .should().dependOnClassesThat().resideInAnyPackage(others.toArray(String[]::new))
                    .check(core);
        }
    }

    @Test
    void everyDatabaseFolderHasTheSameFiles() {
        Map<String, String> prefixes = Map.of("postgres", "Postgres", "mysql", "MySql", "sqlite", "Sqlite", "h2", "H2");
        for (String db : DATABASES) {
            String prefix = prefixes.get(db);
            for (String part : List.of("Dialect", "Inspector", "Renderer", "Types")) {
                String name = "dev.retort.dialect." + db + "." + prefix + part;
                assertThat(core.contain(name)).as(name).isTrue();
            }
        }
    }

    private static final List<String> DATABASES = List.of("postgres", "mysql", "sqlite", "h2");

    @Test
    void noMainClassIsLongerThanFourHundredLines() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        List<String> tooLong;
        try (Stream<Path> files = Files.walk(root)) {
            tooLong = files.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/java/"))
                    .filter(p -> !p.toString().contains("/target/"))
                    .filter(p -> lines(p) > 400)
                    .map(p -> root.relativize(p) + " (" + lines(p) + " lines)")
                    .toList();
        }
        assertThat(tooLong).as("main classes over 400 lines").isEmpty();
    }

    private static long lines(Path p) {
        try (Stream<String> s = Files.lines(p)) {
            return s.count();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
