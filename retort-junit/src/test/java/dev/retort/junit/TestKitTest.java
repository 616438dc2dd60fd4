package dev.retort.junit;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

/**
 * The kit on the stratsim example (PostgreSQL, H2, SQLite), and the kit failing where it must: on a revision whose
 * downgrade leaves its index behind.
 */
@Tag("database")
class TestKitTest {
    static final String PG = System.getenv().getOrDefault("RETORT_TEST_PG", "127.0.0.1:5432");

    @TempDir Path tmp;

    /** A copy of examples/stratsim, so that compiled models land in the copy. */
    Path stratsim() {
        Path from = Path.of("").toAbsolutePath().getParent().resolve("examples/stratsim");
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                String rel = from.relativize(p).toString();
                if (rel.contains(".cache") || rel.startsWith(".retort")) continue;
                Path target = tmp.resolve("stratsim").resolve(rel);
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tmp.resolve("stratsim/retort.toml");
    }

    @TestFactory
    Stream<DynamicTest> stratsimOnH2() { return RetortTestKit.of(stratsim()).tests(); }

    @TestFactory
    Stream<DynamicTest> stratsimOnSqlite() { return RetortTestKit.of(stratsim()).withUrl("sqlite:///" + tmp.resolve("kit.db")).tests(); }

    @TestFactory
    Stream<DynamicTest> stratsimOnPostgres() {
        String db = "retort_kit_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        admin("CREATE DATABASE " + db);
        return Stream.concat(RetortTestKit.of(stratsim()).withUrl("postgresql://postgres@" + PG + "/" + db).tests(),
                Stream.of(DynamicTest.dynamicTest("drop the database", () -> admin("DROP DATABASE " + db + " WITH (FORCE)"))));
    }

    static void admin(String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + PG + "/postgres", "postgres", ""); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theStairwayFailsOnADowngradeThatLeavesAnIndexBehind() {
        RetortTestKit kit = RetortTestKit.of(Path.of("src/test/resources/broken/retort.toml"));
        kit.singleHead();
        assertThatThrownBy(kit::stairway).hasMessageStartingWith("revision bb02 (")
                .hasMessageEndingWith("002_index.java): its downgrade leaves part of its upgrade behind: CreateTable public.tag, CreateIndex public.note_body_idx");
        assertThatThrownBy(kit::downgradeToBase).hasMessage("'downgrade base' after 'upgrade head' leaves what the revisions made: CreateTable public.tag");
    }

    @Test
    void theAnnotationReportsEachCheckAsATestAndFailsTheBrokenOnes() {
        Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(BrokenRevisionsFixture.class)).execute().testEvents();
        tests.assertThatEvents()
                .haveExactly(1, event(displayName("single head"), finishedSuccessfully()))
                .haveExactly(1, event(displayName("stairway: each revision up, down and up again"),
                        finishedWithFailure(message(m -> m.contains("revision bb02") && m.contains("its downgrade leaves part of its upgrade behind")))))
                .haveExactly(1, event(displayName("downgrade base leaves the schema it started from"), finishedWithFailure()))
                // the downgrade that left the table makes the offline script fail on it too
                .haveExactly(1, event(displayName("the offline script builds what the online upgrade builds"),
                        finishedWithFailure(message(m -> m.startsWith("the offline script fails at [CREATE TABLE \"public\".\"tag\"")))));
        assertThat(tests.skipped().count() + tests.aborted().count()).isEqualTo(1); // no models: nothing to check against
    }
}
