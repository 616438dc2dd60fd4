package dev.retort.cli;

import org.junit.jupiter.api.Tag;
import dev.retort.testing.PgDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Revisions autogenerate writes on PostgreSQL are the ones a careful engineer would: each change below, from one model
 * to the next, gives a revision whose upgrade runs and leaves {@code check} clean, and whose downgrade runs and leaves
 * the first model's schema (issue 11).
 */
@Tag("database")
class AutogenerateTest {
    @TempDir Path tmp;

    /** A project whose one model class defines {@code body} (statements on {@code m}, a Metadata). */
    static Project project(Path dir, String body) {
        Project p = new Project(dir);
        p.write("retort.toml", "script_location = \"migrations\"\n[models]\npackages = [\"m.*\"]\nsources = [\"model\"]\n");
        p.write("migrations/versions/.keep", "");
        model(p, body);
        return p;
    }

    static void model(Project p, String body) {
        p.write("model/m/M.java", "package m;\nimport dev.retort.model.*;\npublic class M implements Model {\n"
                + "    public void define(Metadata m) {\n" + body + "\n    }\n}\n");
    }

    /**
     * Brings a database to {@code first}, changes the model to {@code second}, autogenerates, and checks the revision
     * both ways: upgrade then check clean, downgrade then the first schema exactly (pg_dump) and check clean again.
     * Returns the revision's text.
     */
    String roundTrip(String first, String second) { return roundTrip(tmp, first, second); }

    static String roundTrip(Path dir, String first, String second) { return roundTrip(dir, first, second, ""); }

    /** The same, with {@code settings} added to retort.toml. */
    static String roundTrip(Path dir, String first, String second, String settings) {
        try (PgDatabase db = PgDatabase.create()) {
            Project p = project(dir, first);
            if (!settings.isEmpty()) p.edit("retort.toml", "script_location = \"migrations\"\n", "script_location = \"migrations\"\n" + settings + "\n");
            p.env.put("DATABASE_URL", db.url());
            Project.Result one = p.run("revision", "--autogenerate", "-m", "first");
            assertThat(one.exit()).as(one.toString()).isZero();
            Project.Result up1 = p.run("upgrade", "head");
            assertThat(up1.exit()).as(up1.toString()).isZero();
            Project.Result check1 = p.run("check");
            assertThat(check1.exit()).as(check1.toString()).isZero();
            String before = BadInputTest.dump(db);
            List<Path> revisions = p.revisions();
            model(p, second);
            Project.Result two = p.run("revision", "--autogenerate", "-m", "second");
            assertThat(two.exit()).as(two.toString()).isZero();
            String revision = p.newestRevision(revisions);
            Project.Result up = p.run("upgrade", "head");
            assertThat(up.exit()).as(revision + "\n" + up).isZero();
            Project.Result check = p.run("check");
            assertThat(check.exit()).as(revision + "\n" + check).isZero();
            Project.Result down = p.run("downgrade", "-1");
            assertThat(down.exit()).as(revision + "\n" + down).isZero();
            assertThat(BadInputTest.dump(db)).as("the downgrade restores the first schema\n" + revision).isEqualTo(before);
            model(p, first);
            Project.Result back = p.run("check");
            assertThat(back.exit()).as(revision + "\n" + back).isZero();
            return revision;
        }
    }

    /** An identity column's sequence options (START, INCREMENT, MINVALUE, MAXVALUE) are made, changed and changed back. */
    @Test
    void identitySequenceOptionsChange() {
        String revision = roundTrip("""
                m.table("public", "t", t -> {
                    t.column("id", "bigint").identity().primaryKey();
                    t.column("n", "integer").identity(false, -1L, null, -10L, null);
                    t.column("k", "bigint").identity(true, null, null, null, null, 20L);
                });""", """
                m.table("public", "t", t -> {
                    t.column("id", "bigint").identity(false, -100L, 2L, -200L, 200L).primaryKey();
                    t.column("n", "integer").identity(false, -1L, null, -10L, 100L);
                    t.column("k", "bigint").identity(true, null, null, null, null, 50L);
                });""");
        assertThat(revision).contains("op.alterColumn(\"public\", \"t\", \"id\").existingIdentity(false).identity(false, -100L, 2L, -200L, 200L);")
                .contains("op.alterColumn(\"public\", \"t\", \"n\").existingIdentity(false, -1L, null, -10L, null).identity(false, -1L, null, -10L, 100L);")
                .contains("op.alterColumn(\"public\", \"t\", \"k\").existingIdentity(true, null, null, null, null, 20L).identity(true, null, null, null, null, 50L);");
    }

    /** H2 keeps an identity's MINVALUE and MAXVALUE as PostgreSQL does: check agrees after the upgrade, and a change is made. */
    @Test
    void identitySequenceOptionsOnH2() {
        try (dev.retort.testing.Db db = dev.retort.testing.Db.create("h2", tmp)) {
            Project p = project(tmp.resolve("p"), """
                    m.table("public", "t", t -> {
                        t.column("id", "bigint").identity(false, 10L, 2L, 5L, 1000L).primaryKey();
                        t.column("n", "integer").identity(false, null, -1L, null, null);
                    });""");
            p.env.put("DATABASE_URL", db.url());
            assertThat(p.run("revision", "--autogenerate", "-m", "first").exit()).isZero();
            assertThat(p.run("upgrade", "head").exit()).isZero();
            Project.Result check = p.run("check");
            assertThat(check.exit()).as(check.toString()).isZero();
            List<Path> before = p.revisions();
            model(p, """
                    m.table("public", "t", t -> {
                        t.column("id", "bigint").identity(false, 10L, 2L, 5L, 2000L).primaryKey();
                        t.column("n", "integer").identity(false, null, -1L, null, null);
                    });""");
            Project.Result two = p.run("revision", "--autogenerate", "-m", "second");
            assertThat(two.exit()).as(two.toString()).isZero();
            assertThat(p.newestRevision(before)).contains(".existingIdentity(false, 10L, 2L, 5L, 1000L).identity(false, 10L, 2L, 5L, 2000L)");
            Project.Result up = p.run("upgrade", "head");
            assertThat(up.exit()).as(up.toString()).isZero();
            assertThat(db.query("SELECT IDENTITY_MAXIMUM FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 't' AND COLUMN_NAME = 'id'"))
                    .containsExactly(List.of("2000"));
            Project.Result again = p.run("check");
            assertThat(again.exit()).as(again.toString()).isZero();
        }
    }

    @Test
    void identityByDefaultBecomesAlwaysAndADefaultedColumnBecomesIdentity() {
        String revision = roundTrip("""
                m.table("public", "t", t -> {
                    t.column("id", "bigint").identity().primaryKey();
                    t.column("c", "int").notNull().defaultValue("0");
                });""", """
                m.table("public", "t", t -> {
                    t.column("id", "bigint").identityAlways().primaryKey();
                    t.column("c", "int").notNull().identity();
                });""");
        assertThat(revision).contains("op.alterColumn(\"public\", \"t\", \"id\").existingIdentity(false).identity(true);")
                .contains("op.alterColumn(\"public\", \"t\", \"c\").dropDefault().identity(false);")
                .contains("op.alterColumn(\"public\", \"t\", \"c\").setDefault(\"0\").dropIdentity();")
                .contains("op.alterColumn(\"public\", \"t\", \"id\").existingIdentity(true).identity(false);");
    }

    @Test
    void aTypeChangeUnderAGeneratedColumnDropsAndAddsItAround() {
        String revision = roundTrip("""
                m.table("public", "t", t -> {
                    t.column("id", "bigint").primaryKey();
                    t.column("price", "numeric(10,2)");
                    t.column("total", "numeric(12,2)").generated("price * 2");
                });""", """
                m.table("public", "t", t -> {
                    t.column("id", "bigint").primaryKey();
                    t.column("price", "numeric(14,2)");
                    t.column("total", "numeric(12,2)").generated("price * 2");
                });""");
        assertThat(revision).containsSubsequence("// total is a generated column: its values are computed from its expression",
                "op.dropColumn(\"public\", \"t\", \"total\");", "type(\"numeric(14,2)\")", "op.addColumn(\"public\", \"t\", \"total\"",
                "downgrade", "op.dropColumn(\"public\", \"t\", \"total\");", "type(\"numeric(10,2)\")", "op.addColumn(\"public\", \"t\", \"total\"");
    }

    @Test
    void aDowngradeRebuildsAnEnumOnlyWithColumnsThatExistThen() {
        String revision = roundTrip("""
                m.enumType("public", "genre", "fiction", "poetry");
                m.table("public", "book", t -> {
                    t.column("id", "bigint").primaryKey();
                    t.column("genre", "genre");
                });""", """
                m.enumType("public", "genre", "fiction", "poetry", "drama");
                m.table("public", "book", t -> {
                    t.column("id", "bigint").primaryKey();
                    t.column("kind", "genre").notNull().defaultValue("'drama'");
                });""");
        // the new value is used in the same revision: PostgreSQL needs it committed first
        assertThat(revision).contains("transactional = false,").contains("cannot use an enum value (genre.drama)");
        // undoing the new value comes after kind is gone and before genre is back: no column uses the type then
        assertThat(revision).containsSubsequence("downgrade", "op.dropColumn(\"public\", \"book\", \"kind\");",
                "op.recreateEnum(\"public\", \"genre\", \"fiction\", \"poetry\");", "op.addColumn(\"public\", \"book\", \"genre\"");
    }

    /** The same model on every database: a newcomer's first hour, where check must be clean right after upgrade head. */
    static final String EVERYWHERE = """
            m.table("public", "ledger", t -> {
                t.column("id", "bigint").primaryKey();
                t.column("from", "int").notNull();
                t.column("total", "numeric(12,2)").notNull().defaultValue("0");
                t.column("label", "varchar(40)").defaultValue("'cr\u00e8me'");
                t.column("caf\u00e9", "int");
                t.column("doubled", "numeric(12,2)").generated("total * 2");
                t.check("total >= 0").name("ledger_total_positive");
                t.check("\\"from\\" > 0").name("ledger_from_positive");
            });""";

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"postgresql", "mysql", "sqlite", "h2"})
    void checkIsCleanAfterUpgradeHeadOnEveryDatabase(String kind) {
        Project p = project(tmp.resolve("p"), EVERYWHERE);
        try (dev.retort.testing.Db db = dev.retort.testing.Db.create(kind, tmp)) {
            p.env.put("DATABASE_URL", db.url());
            Project.Result gen = p.run("revision", "--autogenerate", "-m", "ledger");
            assertThat(gen.exit()).as(gen.toString()).isZero();
            Project.Result up = p.run("upgrade", "head");
            assertThat(up.exit()).as(up.toString()).isZero();
            Project.Result check = p.run("check");
            assertThat(check.exit()).as(check.toString()).isZero();
            // the checks hold as written: a good row goes in, a bad one does not
            db.execute("INSERT INTO ledger (id, " + (kind.equals("mysql") ? "`from`" : "\"from\"") + ", total) VALUES (1, 5, 10)");
            assertThat(db.query("SELECT label, doubled FROM ledger").get(0).get(0)).isEqualTo("cr\u00e8me");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> db.execute("INSERT INTO ledger (id, " + (kind.equals("mysql") ? "`from`" : "\"from\"")
                    + ", total) VALUES (2, 0, 10)")).as("the check on \"from\"").isInstanceOf(IllegalStateException.class);
        }
    }

    static final String PORTABLE = EVERYWHERE + """

            m.enumType("public", "entry_state", "open", "closed");
            m.table("public", "entry", t -> {
                t.column("id", "bigint").identity().primaryKey();
                t.column("ledger_id", "bigint").notNull().references("public", "ledger", "id").onDelete("CASCADE");
                t.column("state", "entry_state").notNull().defaultValue("'open'");
                t.column("booked_at", "timestamptz").notNull().defaultValue("now()");
                t.column("note", "text");
                t.unique("ledger_id", "booked_at");
                t.index("state");
            });""";

    /** Revisions autogenerated against each database run upgrade head, then check clean, on all four. */
    @org.junit.jupiter.params.ParameterizedTest(name = "generated on {0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"postgresql", "mysql", "sqlite", "h2"})
    void revisionsAutogeneratedOnOneDatabaseRunOnEveryDatabase(String source) {
        Project p = project(tmp.resolve("gen"), PORTABLE);
        String grown = PORTABLE.replace("\"open\", \"closed\"", "\"open\", \"held\", \"closed\"");
        try (dev.retort.testing.Db db = dev.retort.testing.Db.create(source, tmp.resolve("gen"))) {
            p.env.put("DATABASE_URL", db.url());
            Project.Result gen = p.run("revision", "--autogenerate", "-m", "ledger and entries");
            assertThat(gen.exit()).as(gen.toString()).isZero();
            assertThat(p.run("upgrade", "head").exit()).isZero();
            // then a value added to the enum type: the same ADD VALUE whatever the database (MySQL changes columns, SQLite nothing)
            List<Path> before = p.revisions();
            model(p, grown);
            Project.Result more = p.run("revision", "--autogenerate", "-m", "held entries");
            assertThat(more.exit()).as(more.toString()).isZero();
            assertThat(p.newestRevision(before)).contains("op.addEnumValue(\"public\", \"entry_state\", \"held\").before(\"closed\");");
        }
        List<Path> revisions = p.revisions();
        for (String target : List.of("postgresql", "mysql", "sqlite", "h2")) {
            Path dir = tmp.resolve(source + "-on-" + target);
            Project q = project(dir, grown);
            for (Path r : revisions) q.write("migrations/versions/" + r.getFileName(), p.read("migrations/versions/" + r.getFileName()));
            String revision = String.join("\n", revisions.stream().map(r -> p.read("migrations/versions/" + r.getFileName())).toList());
            try (dev.retort.testing.Db db = dev.retort.testing.Db.create(target, dir)) {
                q.env.put("DATABASE_URL", db.url());
                Project.Result up = q.run("upgrade", "head");
                assertThat(up.exit()).as("generated on %s, run on %s%n%s%n%s", source, target, revision, up).isZero();
                Project.Result check = q.run("check");
                assertThat(check.exit()).as("generated on %s, checked on %s%n%s%n%s", source, target, revision, check).isZero();
            }
        }
    }
}
