package dev.retort.cli;

import org.junit.jupiter.api.Tag;
import dev.retort.testing.PgDatabase;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input of every kind: one line on stderr naming the problem and the file, revision or object, the exit code, no
 * stack trace, and the database exactly as it was (schema, version table and history).
 */
@Tag("database")
class BadInputTest {
    static final String ACCOUNTS = "model/stratsim/model/Accounts.java";
    static final String SIMULATION = "model/stratsim/model/Simulation.java";

    @TempDir Path tmp;

    record Setup(String label, BiConsumer<Project, PgDatabase> change) {
        @Override public String toString() { return label; }
    }

    static String rev(String id, String parents, String upgrade) {
        return "import dev.retort.api.*;\n@Revision(id = \"" + id + "\"" + (parents == null ? "" : ", parents = " + parents) + ", message = \"m\")\n"
                + "class R" + id + " implements Migration {\n    public void upgrade(Operations op) {\n" + upgrade + "\n    }\n"
                + "    public void downgrade(Operations op) { }\n}\n";
    }

    /** The first revision of the example (applied in every case), the second (not applied). */
    static String first(Project p) { return p.run("history").out().lines().toList().get(1).split(" -> ")[1].split(",")[0]; }

    static String second(Project p) { return p.run("heads").out().split(" ")[0]; }

    static Arguments bad(String name, BiConsumer<Project, PgDatabase> setup, int exit, String message, String... args) {
        return Arguments.of(name, new Setup(name, setup), exit, message, args);
    }

    private static java.net.ServerSocket silent;

    /** The port of a local socket that accepts connections and never answers, open for the whole suite. */
    static synchronized int silentServer() {
        try {
            if (silent == null) {
                silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
                Thread t = new Thread(() -> {
                    List<java.net.Socket> held = new ArrayList<>();
                    try {
                        while (true) held.add(silent.accept());
                    } catch (IOException closed) {
                        // the JVM is ending
                    }
                });
                t.setDaemon(true);
                t.start();
            }
            return silent.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void writeRev(Project p, String file, String text) { p.write("migrations/versions/" + file, text); }

    static Stream<Arguments> cases() {
        List<Arguments> c = new ArrayList<>();
        // revision files
        c.add(bad("no annotation", (p, d) -> writeRev(p, "x.java", "class X {}"), 2, "x.java: no @Revision(id = ...) annotation", "upgrade", "head"));
        c.add(bad("no id", (p, d) -> writeRev(p, "x.java", "@Revision(message = \"m\")\nclass X {}"), 2, "x.java: @Revision has no id", "upgrade", "head"));
        c.add(bad("id with spaces", (p, d) -> writeRev(p, "x.java", "@Revision(id = \"a b\")\nclass X {}"), 2, "may hold only letters, digits and '_'", "heads"));
        c.add(bad("unterminated string", (p, d) -> writeRev(p, "x.java", "@Revision(id = \"abc)\nclass X {}"), 2, "x.java:1: unterminated string in @Revision", "heads"));
        c.add(bad("unknown element", (p, d) -> writeRev(p, "x.java", "@Revision(id = \"a1\", author = \"me\")\nclass X {}"), 2, "@Revision has an unknown element 'author'", "heads"));
        c.add(bad("parents not strings", (p, d) -> writeRev(p, "x.java", "@Revision(id = \"a1\", parents = 3)\nclass X {}"), 2, "x.java:1: @Revision values must be string literals", "heads"));
        c.add(bad("own parent", (p, d) -> writeRev(p, "x.java", rev("selfp", "\"selfp\"", "")), 2, "revision selfp names itself as its parent", "upgrade", "head"));
        c.add(bad("duplicate id", (p, d) -> { String h = second(p); writeRev(p, "a.java", rev("dup1", "\"" + h + "\"", "")); writeRev(p, "b.java", rev("dup1", "\"" + h + "\"", "")); },
                2, "revision id dup1 is used twice", "upgrade", "head"));
        c.add(bad("cycle", (p, d) -> { writeRev(p, "a.java", rev("cyc1", "\"cyc2\"", "")); writeRev(p, "b.java", rev("cyc2", "\"cyc1\"", "")); },
                2, "revisions form a cycle: cyc1, cyc2", "upgrade", "head"));
        c.add(bad("dangling parent", (p, d) -> writeRev(p, "x.java", rev("orph1", "\"gone99\"", "")), 2, "parent revision gone99 of orph1 does not exist", "upgrade", "head"));
        c.add(bad("compile error", (p, d) -> writeRev(p, "x.java", rev("cmp1", "\"" + second(p) + "\"", "        op.nope();")), 2, "x.java:5: compile error: cannot find symbol", "upgrade", "head"));
        c.add(bad("not a Migration", (p, d) -> writeRev(p, "x.java", "@dev.retort.api.Revision(id = \"nm1\", parents = \"" + second(p) + "\")\nclass Rnm1 { }\n"),
                2, "class Rnm1 does not implement dev.retort.api.Migration", "upgrade", "head"));
        c.add(bad("upgrade throws", (p, d) -> writeRev(p, "x.java", rev("thr1", "\"" + second(p) + "\"", "        throw new IllegalStateException(\"boom\");")),
                2, "upgrade failed: java.lang.IllegalStateException: boom", "upgrade", "head"));
        c.add(bad("failing statement", (p, d) -> writeRev(p, "x.java", rev("sql1", "\"" + second(p) + "\"", "        op.execute(\"SELEC 1\");")),
                1, "revision sql1 (", "upgrade", "head"));
        c.add(bad("bulk insert arity", (p, d) -> writeRev(p, "x.java", rev("blk1", "\"" + second(p) + "\"",
                "        op.bulkInsert(\"public\", \"account\").columns(\"email\", \"display_name\").row(\"only one\");")),
                2, "bulkInsert row has 1 values for 2 columns [email, display_name]", "upgrade", "head"));
        c.add(bad("duplicate column", (p, d) -> writeRev(p, "x.java", rev("dupc1", "\"" + second(p) + "\"",
                "        op.createTable(\"public\", \"t\", t -> { t.column(\"a\", \"int\"); t.column(\"a\", \"int\"); });")),
                2, "table public.t declares column a twice", "upgrade", "head"));
        c.add(bad("foreign key without target", (p, d) -> writeRev(p, "x.java", rev("fk1", "\"" + second(p) + "\"",
                "        op.createTable(\"public\", \"t\", t -> { t.column(\"a\", \"int\"); t.foreignKey(\"a\"); });")),
                2, "foreign key on public.t [a] names no referenced table", "upgrade", "head"));
        c.add(bad("alter missing column", (p, d) -> writeRev(p, "x.java", rev("alt1", "\"" + second(p) + "\"",
                "        op.alterColumn(\"public\", \"account\", \"nope\").nullable(true);")),
                1, "column \"nope\" of relation \"account\" does not exist", "upgrade", "head"));
        // targets
        c.add(bad("unknown target", (p, d) -> { }, 2, "no revision matches 'fffff'", "upgrade", "fffff"));
        c.add(bad("ambiguous prefix", (p, d) -> { writeRev(p, "a.java", rev("amb11", "\"" + second(p) + "\"", "")); writeRev(p, "b.java", rev("amb22", "\"amb11\"", "")); },
                2, "revision prefix 'amb' is ambiguous: it matches amb11, amb22", "upgrade", "amb"));
        c.add(bad("past the head", (p, d) -> { }, 2, "relative target '+5' goes past the head", "upgrade", "+5"));
        c.add(bad("below base", (p, d) -> { }, 2, "relative target '-5' goes below base", "downgrade", "-5"));
        c.add(bad("downgrade to unapplied", (p, d) -> writeRev(p, "x.java", rev("later1", "\"" + second(p) + "\"", "")), 2,
                "cannot downgrade to later1: it is not applied", "downgrade", "later1"));
        c.add(bad("multiple heads", (p, d) -> { String h = second(p); writeRev(p, "a.java", rev("brA1", "\"" + h + "\"", "")); writeRev(p, "b.java", rev("brB1", "\"" + h + "\"", "")); },
                2, "multiple heads: brA1, brB1", "upgrade", "head"));
        c.add(bad("history range without colon", (p, d) -> { }, 2, "history range must be START:END", "history", "-r", "head"));
        c.add(bad("offline downgrade without range", (p, d) -> { }, 2, "offline downgrade needs a range FROM:TO", "downgrade", "base", "--sql"));
        c.add(bad("merge with one head", (p, d) -> { }, 2, "nothing to merge: a single head", "merge"));
        // configuration and URLs
        c.add(bad("malformed URL", (p, d) -> p.env.put("DATABASE_URL", "postgresql//u:pw99@db/app"), 2, "malformed database URL: postgresql//u:***@db/app", "current"));
        c.add(bad("unsupported scheme", (p, d) -> p.env.put("DATABASE_URL", "oracle://scott:tiger99@db/x"), 2, "unsupported database URL scheme 'oracle' in oracle://scott:***@db/x", "current"));
        c.add(bad("unreachable host", (p, d) -> p.env.put("DATABASE_URL", "postgresql://app:pw99@127.0.0.1:1/app"), 2, "cannot connect to postgresql://app:***@127.0.0.1:1/app", "upgrade", "head"));
        c.add(bad("unknown role", (p, d) -> p.env.put("DATABASE_URL", "postgresql://nobody_here:pw99@127.0.0.1:5432/" + d.name()), 2,
                "cannot connect to postgresql://nobody_here:***@127.0.0.1:5432/", "upgrade", "head"));
        c.add(bad("missing database", (p, d) -> p.env.put("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/no_such_db_x"), 2,
                "database \"no_such_db_x\" does not exist", "upgrade", "head"));
        c.add(bad("unknown config key", (p, d) -> p.edit("retort.toml", "compare_type = true", "compare_typ = true"), 2, "retort.toml: unknown key 'compare_typ'", "upgrade", "head"));
        c.add(bad("invalid TOML", (p, d) -> p.edit("retort.toml", "compare_type = true", "compare_type = = true"), 2, "retort.toml:7: not valid TOML", "upgrade", "head"));
        c.add(bad("unset variable", (p, d) -> { p.env.remove("DATABASE_URL"); p.edit("retort.toml", "compare_type = true", "url = \"${NO_SUCH_VAR}\"\ncompare_type = true"); },
                2, "retort.toml: url uses ${NO_SUCH_VAR}, which is not set", "upgrade", "head"));
        c.add(bad("bad transaction_per", (p, d) -> p.edit("retort.toml", "transaction_per = \"migration\"", "transaction_per = \"sometimes\""), 2,
                "transaction_per must be \"migration\" or \"run\", not \"sometimes\"", "upgrade", "head"));
        c.add(bad("missing config file", (p, d) -> { }, 2, "other.toml does not exist", "-c", "other.toml", "upgrade", "head"));
        c.add(bad("negative lock timeout", (p, d) -> p.edit("retort.toml", "compare_type = true", "compare_type = true\nlock_timeout = -1"), 2,
                "lock_timeout must be a number of seconds", "upgrade", "head"));
        c.add(bad("lock timeout past a day", (p, d) -> p.edit("retort.toml", "compare_type = true", "compare_type = true\nlock_timeout = 99999999999999999999"), 2,
                "retort.toml: lock_timeout must be a number of seconds from 0 to 86400", "upgrade", "head"));
        c.add(bad("negative ddl lock timeout", (p, d) -> p.edit("retort.toml", "compare_type = true", "compare_type = true\nddl_lock_timeout = -2"), 2,
                "retort.toml: ddl_lock_timeout must be a number of seconds from 0 to 86400", "upgrade", "head"));
        c.add(bad("schemas not a list", (p, d) -> p.edit("retort.toml", "schemas = [\"public\", \"stratsim\"]", "schemas = 5"), 2,
                "schemas must be a list of strings", "check"));
        // empty settings, URLs that name no database, templates that escape (issue 10)
        c.add(bad("empty --url", (p, d) -> { }, 2, "--url is set but empty", "--url", "", "upgrade", "head"));
        c.add(bad("empty DATABASE_URL", (p, d) -> p.env.put("DATABASE_URL", ""), 2, "DATABASE_URL is set but empty", "upgrade", "head"));
        c.add(bad("blank RETORT_URL", (p, d) -> p.env.put("RETORT_URL", "  "), 2, "RETORT_URL is set but empty", "upgrade", "head"));
        c.add(bad("empty url in retort.toml", (p, d) -> { p.env.remove("DATABASE_URL"); p.edit("retort.toml", "compare_type = true", "url = \"\"\ncompare_type = true"); },
                2, "retort.toml: url is set but empty", "upgrade", "head"));
        c.add(bad("url variable set to nothing", (p, d) -> { p.env.put("APP_DB", ""); p.env.remove("DATABASE_URL"); p.edit("retort.toml", "compare_type = true", "url = \"${APP_DB}\"\ncompare_type = true"); },
                2, "retort.toml: url is set but empty", "downgrade", "base"));
        c.add(bad("jdbc:postgresql: without a database", (p, d) -> p.env.put("DATABASE_URL", "jdbc:postgresql:"), 2,
                "database URL jdbc:postgresql: names no database", "upgrade", "head"));
        c.add(bad("postgresql URL without a database", (p, d) -> p.env.put("DATABASE_URL", "postgresql://postgres:pw99@127.0.0.1:5432"), 2,
                "database URL postgresql://postgres:***@127.0.0.1:5432 names no database", "downgrade", "base"));
        c.add(bad("port out of range", (p, d) -> p.env.put("DATABASE_URL", "postgresql://postgres:pw99@127.0.0.1:99999/app"), 2,
                "malformed database URL: postgresql://postgres:***@127.0.0.1:99999/app (a port is not a number from 1 to 65535)", "upgrade", "head"));
        c.add(bad("unencoded @ in a password", (p, d) -> p.env.put("DATABASE_URL", "postgresql://app:pw@pw99@127.0.0.1:5432/app"), 2,
                "malformed database URL: postgresql://app:***@127.0.0.1:5432/app (an '@' in a password is written %40)", "current"));
        c.add(bad("file_template outside the folder", (p, d) -> p.edit("retort.toml", "compare_type = true", "file_template = \"../../{id}_{slug}\"\ncompare_type = true"), 2,
                "file_template \"../../{id}_{slug}\" must name a file inside the revision folder", "revision", "-m", "escape"));
        c.add(bad("file_template absolute", (p, d) -> p.edit("retort.toml", "compare_type = true", "file_template = \"/tmp/{id}\"\ncompare_type = true"), 2,
                "must name a file inside the revision folder", "revision", "-m", "escape"));
        c.add(bad("file_template unknown placeholder", (p, d) -> p.edit("retort.toml", "compare_type = true", "file_template = \"{id}_{unknown}\"\ncompare_type = true"), 2,
                "file_template \"{id}_{unknown}\" has an unknown placeholder {unknown}", "upgrade", "head"));
        c.add(bad("file_template without id", (p, d) -> p.edit("retort.toml", "compare_type = true", "file_template = \"{slug}\"\ncompare_type = true"), 2,
                "must contain {id}", "revision", "-m", "x"));
        c.add(bad("connect_timeout zero", (p, d) -> p.edit("retort.toml", "compare_type = true", "compare_type = true\nconnect_timeout = 0"), 2,
                "connect_timeout must be at least 1 second", "upgrade", "head"));
        c.add(bad("connect_timeout not a number", (p, d) -> p.edit("retort.toml", "compare_type = true", "compare_type = true\nconnect_timeout = \"soon\""), 2,
                "connect_timeout must be a number of seconds", "upgrade", "head"));
        c.add(bad("config is a directory", (p, d) -> { }, 2, "/migrations is a directory; name the retort.toml inside it", "-c", "migrations", "upgrade", "head"));
        c.add(bad("TOML error names its line", (p, d) -> p.edit("retort.toml", "compare_type = true", "compare_type = true\n[models\n"), 2,
                "retort.toml:8: not valid TOML", "upgrade", "head"));
        c.add(bad("reversed offline range", (p, d) -> { }, 2, "upgrade range head:base has nothing to run", "upgrade", "--sql", "head:base"));
        c.add(bad("model define() throws", (p, d) -> p.edit(ACCOUNTS, "t.index(\"created_at\");", "t.index(\"created_at\"); if (true) throw new IllegalStateException(\"no config\");"), 2,
                "model stratsim.model.Accounts: define() failed: java.lang.IllegalStateException: no config", "check"));
        c.add(bad("model define() overflows its stack", (p, d) -> p.edit(ACCOUNTS, "t.index(\"created_at\");", "t.index(\"created_at\"); if (true) throw new StackOverflowError(\"deep\");"), 2,
                "model stratsim.model.Accounts: define() failed: java.lang.StackOverflowError: deep", "check"));
        c.add(bad("model static initializer fails", (p, d) -> p.edit(ACCOUNTS, "public class Accounts implements Model {",
                "public class Accounts implements Model {\n    static final int BROKEN = Integer.parseInt(\"x1\");"), 2,
                "model class stratsim.model.Accounts cannot be created: static initializer failed: java.lang.NumberFormatException: For input string: \"x1\"", "check"));
        c.add(bad("revision throws a linkage error", (p, d) -> writeRev(p, "x.java", rev("lnk1", "\"" + second(p) + "\"", "        throw new NoClassDefFoundError(\"com/example/Gone\");")),
                2, "upgrade failed: java.lang.NoClassDefFoundError: com/example/Gone", "upgrade", "head"));
        c.add(bad("file_template unmatched brace", (p, d) -> p.edit("retort.toml", "compare_type = true", "file_template = \"{id}_{slug\"\ncompare_type = true"), 2,
                "has an unmatched brace", "upgrade", "head"));
        c.add(bad("reversed offline downgrade range", (p, d) -> { }, 2, "cannot downgrade to", "downgrade", "--sql", "base:head"));
        // issue 30: links, code in URLs, target words, settings taken without a word
        c.add(bad("config is a dangling link", (p, d) -> {
            try {
                java.nio.file.Files.delete(p.file("retort.toml"));
                java.nio.file.Files.createSymbolicLink(p.file("retort.toml"), java.nio.file.Path.of("gone.toml"));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, 2, "retort.toml is a symbolic link to gone.toml, which does not exist (or the links loop)", "upgrade", "head"));
        c.add(bad("H2 URL with INIT", (p, d) -> p.env.put("DATABASE_URL", "h2:mem:x;INIT=CALL FILE_WRITE('x', 'y')"), 2,
                "has INIT=, which runs SQL (and Java) when the database opens; take it out, or set allow_h2_init = true", "upgrade", "head"));
        c.add(bad("SQLite URL without a file", (p, d) -> p.env.put("DATABASE_URL", "sqlite://"), 2, "database URL sqlite:// names no file", "upgrade", "head"));
        c.add(bad("revision id head", (p, d) -> writeRev(p, "x.java", rev("head", "\"" + second(p) + "\"", "")), 2,
                "x.java: revision id 'head' is a word targets use (head, heads, base, current): choose another", "upgrade", "head"));
        c.add(bad("--rev-id base", (p, d) -> { }, 2, "--rev-id: revision id 'base' is a word targets use", "revision", "-m", "x", "--rev-id", "base"));
        c.add(bad("schemas as a string", (p, d) -> p.edit("retort.toml", "schemas = [\"public\", \"stratsim\"]", "schemas = \"public\""), 2,
                "retort.toml: schemas must be a list of strings: write schemas = [\"public\"]", "check"));
        c.add(bad("version_table_schema missing", (p, d) -> p.edit("retort.toml", "compare_type = true", "compare_type = true\nversion_table_schema = \"nope\""), 2,
                "version_table_schema \"nope\" is not a schema of the database", "current"));
        c.add(bad("version table holds a revision and its descendant", (p, d) -> d.execute("INSERT INTO retort_version VALUES ('" + first(p) + "')"), 2,
                "the version table holds both " , "upgrade", "head"));
        c.add(bad("relative target of nothing", (p, d) -> { }, 2, "relative target '-0' moves nowhere", "downgrade", "-0"));
        c.add(bad("relative target with two signs", (p, d) -> { }, 2, "malformed relative target 'head+-1'", "upgrade", "head+-1"));
        c.add(bad("diff from an empty URL", (p, d) -> { }, 2, "no database URL", "diff", "--from", "", "--to", "postgresql://postgres@127.0.0.1:5432/postgres"));
        c.add(bad("server that never answers", (p, d) -> {
            p.edit("retort.toml", "compare_type = true", "compare_type = true\nconnect_timeout = 1.5");
            p.env.put("DATABASE_URL", "postgresql://app:pw99@127.0.0.1:" + silentServer() + "/app");
        }, 2, "within 1.5 s (connect_timeout in retort.toml)", "upgrade", "head"));
        c.add(bad("revision throws an Error", (p, d) -> writeRev(p, "x.java", rev("err2", "\"" + second(p) + "\"", "        throw new StackOverflowError(\"deep\");")),
                3, "java.lang.StackOverflowError: deep (run with --debug for the stack trace)", "upgrade", "head"));
        // models
        c.add(bad("model references a missing table", (p, d) -> p.edit(SIMULATION, "references(\"stratsim\", \"scenario\", \"id\")", "references(\"stratsim\", \"scenarios\", \"id\")"),
                2, "model table stratsim.simulation_run: foreign key simulation_run_scenario_id_fkey references stratsim.scenarios, which no model declares", "check"));
        c.add(bad("model references a missing column", (p, d) -> p.edit(SIMULATION, "references(\"stratsim\", \"scenario\", \"id\")", "references(\"stratsim\", \"scenario\", \"uuid\")"),
                2, "references column uuid of stratsim.scenario, which has no such column", "check"));
        c.add(bad("model compile error", (p, d) -> p.edit(ACCOUNTS, "t.index(\"created_at\");", "t.index(created_at);"), 2, "Accounts.java:20: compile error: cannot find symbol", "check"));
        c.add(bad("model package empty", (p, d) -> p.edit("retort.toml", "stratsim.model.*", "stratsim.nothing.*"), 2, "no model class or package 'stratsim.nothing.*'", "check"));
        c.add(bad("model index on a missing column", (p, d) -> p.edit(ACCOUNTS, "t.index(\"created_at\");", "t.index(\"created_on\");"), 2,
                "model stratsim.model.Accounts: table public.account: index account_created_on_idx is on column created_on, which the table does not have", "check"));
        c.add(bad("model name too long", (p, d) -> p.edit(ACCOUNTS, "t.index(\"created_at\");", "t.column(\"" + "n".repeat(64) + "\", \"int\");"), 2,
                "model table public.account: name " + "n".repeat(64) + " is 64 bytes long; PostgreSQL allows 63", "check"));
        c.add(bad("revision name too long", (p, d) -> writeRev(p, "x.java", rev("long1", "\"" + second(p) + "\"",
                "        op.createTable(\"public\", \"" + "é".repeat(32) + "\", t -> t.column(\"id\", \"int\"));")),
                2, "is 64 bytes long; PostgreSQL allows 63 (and would cut it silently)", "upgrade", "head"));
        c.add(bad("unknown type", (p, d) -> writeRev(p, "x.java", rev("typ1", "\"" + second(p) + "\"",
                "        op.createTable(\"public\", \"odd\", t -> t.column(\"x\", \"notatype(3)\"));")),
                1, "[CREATE TABLE \"public\".\"odd\" (]: ERROR: type \"notatype\" does not exist", "upgrade", "head"));
        c.add(bad("model declares a column twice", (p, d) -> p.edit(ACCOUNTS, "t.index(\"created_at\");", "t.column(\"email\", \"text\");"), 2,
                "model stratsim.model.Accounts: table public.account declares column email twice", "check"));
        // text a model writes into DDL that would end the statement and start another (issue 30 item 1)
        c.add(bad("model type holds a statement", (p, d) -> p.edit(ACCOUNTS, "t.index(\"created_at\");",
                "t.index(\"created_at\"); t.column(\"nickname\", \"integer); DROP TABLE public.account; CREATE TABLE public.zz (x integer\");"), 2,
                "model stratsim.model.Accounts: table public.account: column nickname: type 'integer); DROP TABLE public.account; CREATE TABLE public.zz (x integer'"
                        + " closes a parenthesis it did not open: it must be one piece of the statement Retort writes", "revision", "--autogenerate", "-m", "nick"));
        c.add(bad("model default holds a statement", (p, d) -> p.edit(ACCOUNTS, "t.index(\"created_at\");",
                "t.index(\"created_at\"); t.column(\"nick\", \"text\").defaultValue(\"'x'; DROP TABLE public.account\");"), 2,
                "model stratsim.model.Accounts: table public.account: column nick: default ''x'; DROP TABLE public.account' holds ';' outside quotes", "check"));
        c.add(bad("model check with an open quote", (p, d) -> p.edit(ACCOUNTS, "t.index(\"created_at\");",
                "t.index(\"created_at\"); t.check(\"email <> 'x\").name(\"odd\");"), 2,
                "model stratsim.model.Accounts: table public.account: check odd: expression 'email <> 'x' has an unterminated string", "check"));
        c.add(bad("model view holds a second statement", (p, d) -> p.edit(SIMULATION, "group by s.id, s.name\"\"\");",
                "group by s.id, s.name; DROP TABLE public.account\"\"\");"), 2,
                "model view stratsim.scenario_runs: its definition holds ';' outside quotes; it must be one statement", "revision", "--autogenerate", "-m", "v"));
        c.add(bad("model function holds a second statement", (p, d) -> p.edit(ACCOUNTS, "END\n                $$\"\"\")",
                "END\n                $$; DROP TABLE public.account\"\"\")"), 2,
                "model function public.touch_updated_at(): its definition holds 2 statements; it must be one CREATE statement", "check"));
        c.add(bad("no models configured", (p, d) -> p.edit("retort.toml", "packages = [\"stratsim.model.*\"]", ""), 2, "no models configured", "check"));
        c.add(bad("autogenerate behind head", (p, d) -> writeRev(p, "x.java", rev("ahead1", "\"" + second(p) + "\"", "")), 2,
                "the database is not up to date", "revision", "--autogenerate", "-m", "x"));
        c.add(bad("version table names an unknown revision", (p, d) -> d.execute("UPDATE retort_version SET version_num = 'gone42'"), 2,
                "the database is at revision gone42, which no file in", "upgrade", "head"));
        c.add(bad("user without DDL rights", (p, d) -> {
            String role = "retort_ro_" + d.name().substring(9);
            d.execute("CREATE ROLE " + role + " LOGIN");
            d.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO " + role);
            p.env.put("DATABASE_URL", "postgresql://" + role + "@127.0.0.1:5432/" + d.name());
            writeRev(p, "x.java", rev("ddl1", "\"" + second(p) + "\"", "        op.createTable(\"public\", \"audit\", t -> t.column(\"id\", \"bigint\"));"));
        }, 1, "permission denied for schema public", "upgrade", "head"));
        return c.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badInputIsOneLineAnExitCodeAndNoChange(String name, Setup setup, int exit, String message, String[] args) throws Exception {
        Project p = Project.stratsim(tmp.resolve("p"));
        try (PgDatabase db = PgDatabase.create()) {
            p.env.put("DATABASE_URL", db.url());
            assertThat(p.run("upgrade", "head").exit()).isZero();
            setup.change().accept(p, db);
            String before = snapshot(db);
            Project.Result r = p.run(args);
            assertThat(r.exit()).as(r.toString()).isEqualTo(exit);
            assertThat(r.err()).as(r.toString()).startsWith(exit == 3 ? "retort: internal error: " : "retort: error: ").contains(message).doesNotContain("\tat ").doesNotContain("pw99")
                    .doesNotContain("tiger99");
            assertThat(r.err().lines().count()).as(r.toString()).isEqualTo(1);
            assertThat(snapshot(db)).as("database unchanged by " + name).isEqualTo(before);
            if (name.equals("user without DDL rights")) db.execute("DROP OWNED BY retort_ro_" + db.name().substring(9) + "; DROP ROLE retort_ro_" + db.name().substring(9));
        }
    }

    /** The schema as pg_dump shows it, and the version and history rows. */
    static String snapshot(PgDatabase db) throws IOException, InterruptedException {
        return dump(db) + db.query("select version_num from retort_version") + db.query("select id, revision, direction, checksum from retort_version_history order by id");
    }

    /** The schema as pg_dump shows it, without its comments. */
    static String dump(PgDatabase db) {
        String[] hp = PgDatabase.SERVER.split(":");
        try {
            Process proc = new ProcessBuilder("pg_dump", "--schema-only", "--no-owner", "--no-privileges", "-h", hp[0], "-p", hp[1], "-U", "postgres", db.name())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String dump = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            proc.waitFor();
            return dump.lines().filter(l -> !l.startsWith("\\restrict") && !l.startsWith("\\unrestrict") && !l.startsWith("--"))
                    .reduce("", (a, b) -> a + b + "\n");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
