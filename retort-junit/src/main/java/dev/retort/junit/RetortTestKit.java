package dev.retort.junit;

import dev.retort.Retort;
import dev.retort.api.RetortException;
import dev.retort.compare.Compare;
import dev.retort.compare.CompareOptions;
import dev.retort.config.ConfigLoader;
import dev.retort.config.DatabaseUrl;
import dev.retort.config.RetortConfig;
import dev.retort.dialect.Dialect;
import dev.retort.ops.Operation;
import dev.retort.runtime.Connections;
import dev.retort.schema.Catalog;
import dev.retort.script.RevisionGraph;
import dev.retort.script.RevisionInfo;
import dev.retort.script.SqlScript;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.AssertionFailedError;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The tests every project's revisions should pass, as pytest-alembic's built-in tests are for Alembic: one head;
 * {@code upgrade head} from empty, then {@code check} clean; the stairway (each revision up, down, up again, the schema
 * the same each time); {@code downgrade base} back to where it started; the offline script building the same schema as
 * the online upgrade.
 *
 * <p>Each check runs on a test database: the URL given, else the system property {@code retort.test.url}, else the
 * environment variable {@code RETORT_TEST_URL}, else a new in-memory H2 database per check. It never uses the
 * project's own URL (retort.toml, DATABASE_URL): the checks upgrade and downgrade the whole history. On a given
 * database each check starts by downgrading to base what an earlier one left.
 */
public final class RetortTestKit {
    /** One check: its name (the test's display name) and what it does. */
    public record Check(String name, Runnable run) {}

    private final RetortConfig config;
    private final String url;

    private RetortTestKit(RetortConfig config, String url) {
        this.config = config;
        this.url = url;
    }

    /** The kit for the project of {@code config} (a retort.toml), on the test database found as described above. */
    public static RetortTestKit of(Path config) {
        RetortConfig c = new ConfigLoader(Map.of()).load(config, true, null);
        String url = System.getProperty("retort.test.url", System.getenv("RETORT_TEST_URL"));
        return new RetortTestKit(c, url == null || url.isBlank() ? null : url);
    }

    /** The same kit on the given test database (null or empty: a new in-memory H2 database per check). */
    public RetortTestKit withUrl(String testUrl) { return new RetortTestKit(config, testUrl == null || testUrl.isBlank() ? null : testUrl); }

    /** The checks, in the order they are best read. */
    public List<Check> checks() {
        return List.of(new Check("single head", this::singleHead), new Check("upgrade head, then check is clean", this::upgradeThenCheck),
                new Check("stairway: each revision up, down and up again", this::stairway),
                new Check("downgrade base leaves the schema it started from", this::downgradeToBase),
                new Check("the offline script builds what the online upgrade builds", this::offlineMatchesOnline));
    }

    /** The checks as JUnit dynamic tests, for a {@code @TestFactory}. */
    public Stream<DynamicTest> tests() { return checks().stream().map(c -> DynamicTest.dynamicTest(c.name(), c.run()::run)); }

    /** The revision folder has one head (two or more need a merge before they can be upgraded to as "head"). */
    public void singleHead() {
        List<String> heads = retort().graph().heads();
        if (heads.size() != 1) {
            throw fail(heads.isEmpty() ? "the revision folder " + config.versionsDir() + " has no revisions"
                    : heads.size() + " heads (" + String.join(", ", heads) + "): join them with 'retort merge'");
        }
    }

    /** From an empty database, {@code upgrade head}, then the models (if any are configured) agree with the database. */
    public void upgradeThenCheck() {
        Retort r = fresh();
        r.upgrade("head");
        Assumptions.assumeTrue(!config.modelClasses().isEmpty() || !config.entities().isEmpty(), "no models are configured: nothing to check against");
        List<Operation> pending = r.check();
        if (!pending.isEmpty()) throw fail("after 'upgrade head' the models differ from the database: " + describe(pending));
    }

    /** Each revision in order: upgrade to it, downgrade back, upgrade again; the schema matches each time. */
    public void stairway() {
        Retort r = fresh();
        RevisionGraph graph = r.graph();
        for (RevisionInfo rev : graph.upgradePath(Set.of(), Set.copyOf(graph.heads()))) {
            Set<String> before = r.current();
            Catalog below = r.inspect();
            r.upgrade(rev.id());
            Catalog above = r.inspect();
            r.downgrade(before.isEmpty() ? "base" : before.size() == 1 ? before.iterator().next() : "-1");
            List<Operation> left = compare(r, below, r.inspect());
            if (!left.isEmpty()) throw fail("revision " + rev.id() + " (" + rev.where() + "): its downgrade leaves part of its upgrade behind: " + describe(left));
            r.upgrade(rev.id());
            List<Operation> differs = compare(r, above, r.inspect());
            if (!differs.isEmpty()) throw fail("revision " + rev.id() + " (" + rev.where() + "): upgrading again after its downgrade gives another schema (what differs from the first upgrade: " + describe(differs) + ")");
        }
    }

    /** {@code upgrade head} then {@code downgrade base} leaves the schema as it was before. */
    public void downgradeToBase() {
        Retort r = fresh();
        Catalog start = r.inspect();
        r.upgrade("head");
        r.downgrade("base");
        List<Operation> left = compare(r, start, r.inspect());
        if (!left.isEmpty()) throw fail("'downgrade base' after 'upgrade head' leaves what the revisions made: " + describe(left));
    }

    /** The script of {@code upgrade head --sql}, run statement by statement, builds the schema the online upgrade builds. */
    public void offlineMatchesOnline() {
        Retort r = fresh();
        r.upgrade("head");
        Catalog online = r.inspect();
        r.downgrade("base");
        ByteArrayOutputStream script = new ByteArrayOutputStream();
        r.upgradeSql("head", new PrintStream(script, true, StandardCharsets.UTF_8));
        Dialect d = r.dialect();
        DatabaseUrl db = DatabaseUrl.parse(r.config().url());
        String sql = script.toString(StandardCharsets.UTF_8);
        try (Connection c = Connections.open(db, d); Statement s = c.createStatement()) {
            for (String statement : SqlScript.split(sql, "the offline script", d.name().equals("mysql"))) {
                try {
                    s.execute(statement);
                } catch (SQLException e) {
                    throw fail("the offline script fails at [" + statement.lines().findFirst().orElse("") + "]: " + Connections.describe(e, db));
                }
            }
        } catch (SQLException e) {
            throw fail("cannot connect to " + db + ": " + Connections.describe(e, db));
        }
        List<Operation> differs = compare(r, online, r.inspect());
        if (!differs.isEmpty()) throw fail("the offline script builds another schema than the online upgrade: " + describe(differs));
        if (!r.current().equals(Set.copyOf(r.graph().heads()))) throw fail("after the offline script the database is at " + r.current() + ", not at head");
    }

    // ----

    private Retort retort() { return Retort.create(config.withUrl(url == null ? "h2:mem:retort_kit" : url)); }

    /** A Retort on a database at base: a new in-memory H2 one, or the test database downgraded to base. */
    private Retort fresh() {
        if (url == null) {
            return Retort.create(config.withUrl("h2:mem:retort_kit_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1"));
        }
        Retort r = retort();
        if (!r.current().isEmpty()) r.downgrade("base");
        return r;
    }

    private static List<Operation> compare(Retort r, Catalog expected, Catalog actual) {
        return new Compare(r.dialect(), new CompareOptions(true, true)).compare(expected, actual);
    }

    private static String describe(List<Operation> ops) {
        return ops.stream().limit(8).map(o -> o.getClass().getSimpleName() + " " + o.target()).collect(Collectors.joining(", "))
                + (ops.size() > 8 ? ", and " + (ops.size() - 8) + " more" : "");
    }

    private static AssertionFailedError fail(String message) { return new AssertionFailedError(message); }

    /** Runs a check, reporting a Retort error (a revision that fails to run) as the test's failure. */
    static void run(Supplier<Check> check) {
        Check c = check.get();
        try {
            c.run().run();
        } catch (RetortException e) {
            throw new AssertionFailedError(c.name() + ": " + e.getMessage(), e);
        }
    }
}
