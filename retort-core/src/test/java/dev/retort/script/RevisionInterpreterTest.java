package dev.retort.script;

import dev.retort.api.Migration;
import dev.retort.api.Operations;
import dev.retort.api.RetortException;
import dev.retort.dialect.postgres.PostgresDialect;
import dev.retort.ops.Operation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Revisions read without compiling give exactly the operations the compiled class gives; every source the compiler
 * rejects, and every one outside the plain form, is left to the compiler.
 */
class RevisionInterpreterTest {
    @TempDir Path dir;

    /** Most of the API, the way a person might write it: comments, odd spacing, unicode escapes, negative numbers. */
    static final String KITCHEN_SINK = """
            package db.revisions;

            import dev.retort.api.Migration;
            import dev.retort.api.Operations;
            import dev.retort.api.Revision;
            import java.util.List; // unused, but the compiler finds it

            /* a block comment */
            @Revision(id = "k1", parents = {"p1", "p2"}, message = "kitchen \\"sink\\"", transactional = true)
            final class Kitchen implements Migration {
                @Override
                public void upgrade(final Operations op) {
                    op.createSchema("stratsim");
                    op.createEnum("stratsim", "run_status", "queued", "running", "caf\\u00e9", "tab\\there");
                    op.createTable("stratsim", "scenario", t -> {
                        t.column("id", "bigint").identity(true, 100L, -5L).primaryKey();
                        t.column("owner_id", "bigint").notNull().references("public", "account", "id").onDelete("CASCADE");
                        t.column("name", "varchar(200)").notNull().collation("C").comment("it's a \\\\ name");
                        t.column("parameters", "jsonb").notNull().defaultValue("'{}'::jsonb");
                        t.column("seq", "bigint").identity(false, null, null);
                        t.unique("owner_id", "name").name("u1").deferrable().initiallyDeferred();
                        t.foreignKey("owner_id").references("public", "account", "id").name("fk1").onUpdate("CASCADE").deferrable(true).matchFull();
                        t.check("seq > 0").name("c1").noInherit();
                        t.index("owner_id").name("ix").unique().where("seq IS NOT NULL").using("btree").include("name").with("fillfactor = 70");
                        t.comment("Scenarios");
                    });
                    op.addColumn("stratsim", "scenario", "extra", "text").nullable(true).defaultValue("'x'");
                    op.alterColumn("stratsim", "scenario", "name").existingType("varchar(200)").type("text").using("name::text").nullable(false)
                            .setDefault("'n'").comment("c").identity(false);
                    op.alterColumn("stratsim", "scenario", "extra").dropDefault().dropIdentity();
                    op.createIndex("stratsim", "scenario", "ix2", "name", "seq").unique().where("seq > -1");
                    op.createUniqueConstraint("stratsim", "scenario", "u2", "seq").nullsNotDistinct();
                    op.createCheckConstraint("stratsim", "scenario", "c2", "seq < 1e9").noInherit();
                    op.createForeignKey("stratsim", "scenario", "fk2", "owner_id").references("public", "account", "id").onDelete("SET NULL");
                    op.createPrimaryKey("public", "x", "x_pkey", "a", "b");
                    op.setTableComment("stratsim", "scenario", null);
                    op.addEnumValue("stratsim", "run_status", "failed").after("running");
                    op.recreateEnum("stratsim", "run_status", "a", "b").usedBy("stratsim", "scenario", "status", "'a'")
                            .dependentIndex("stratsim", "scenario", "ix3", false, null, "status");
                    op.createSequence("public", "s").type("bigint").start(-9223372036854775808L).increment(2).minValue(-10).maxValue(9223372036854775807L).cache(1).cycle().ownedBy("x.a");
                    op.alterSequence("public", "s").increment(3L);
                    op.createDomain("public", "email", "text").notNull().defaultValue("''").collation("C").check("email_check", "VALUE ~ '@'").comment("e");
                    op.alterDomain("public", "email").setDefault("'a@b'").notNull(false).addCheck("c3", "length(VALUE) > 3").dropCheck("email_check", "VALUE ~ '@'");
                    op.batch("stratsim", "scenario", b -> {
                        b.dropColumn("stratsim", "scenario", "extra");
                        b.renameColumn("stratsim", "scenario", "name", "title");
                    });
                    op.batch("stratsim", "scenario", (b) -> b.dropIndex("stratsim", "scenario", "ix2"));
                    op.bulkInsert("public", "account").columns("id", "email", "score", "ok", "note").row(1, "a@b", 1.5, true, null).row(-2L, "c@d", -0.25d, false, "n");
                    op.renameTable("public", "x", "y");
                    op.execute("UPDATE t SET a = 'it''s' -- not a comment to Java");
                    op.createView("public", "v", "select 1 as one").only("postgresql");
                    op.replaceFunction("public", "f()", \"""
                            CREATE FUNCTION f() RETURNS text
                              LANGUAGE sql AS 'select ''a\\\\b'' || $$\\t$$'\s
                            \""");
                    op.dropTrigger("public", "account", "tr");
                    ;
                }

                @Override
                public void downgrade(Operations op) {
                    op.dropTable("stratsim", "scenario");
                    op.dropEnum("stratsim", "run_status");
                    op.dropSequence("public", "s");
                    op.dropDomain("public", "email");
                    op.dropConstraint("stratsim", "scenario", "c2");
                    op.dropSchema("stratsim");
                }
            }
            """;

    @Test
    void aPlainRevisionGivesTheOperationsOfItsCompiledClass() throws Exception {
        assertThat(RevisionInterpreter.whyNot(KITCHEN_SINK)).isNull();
        assertSameAsCompiled(KITCHEN_SINK, "db.revisions.Kitchen");
    }

    @Test
    void theExampleRevisionsAndWhatAutogenerateWritesAreRead() throws Exception {
        Path examples = Path.of("..", "examples", "stratsim", "migrations", "versions");
        try (Stream<Path> files = Files.list(examples)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String source = Files.readString(f);
                assertThat(RevisionInterpreter.whyNot(source)).as(f.toString()).isNull();
                RevisionInfo info = HeaderReader.read(f);
                assertSameAsCompiled(source, info.className());
            }
        }
        // what `revision --autogenerate` writes for the kitchen sink's operations reads back to the same operations
        Migration m = RevisionInterpreter.read(KITCHEN_SINK).orElseThrow();
        // (bulk inserts are the one operation autogenerate never writes)
        List<Operation> up = ops(m, true).stream().filter(o -> !o.getClass().getSimpleName().equals("BulkInsert")).toList();
        List<Operation> down = ops(m, false);
        RevisionInfo info = new RevisionInfo("a1b2c3", List.of(), "written", "2026-11-25T00:00:00Z", true, dir.resolve("w.java"), "Ra1b2c3", "x");
        String written = new RevisionSource(new PostgresDialect()).file(info, up, down);
        assertThat(RevisionInterpreter.whyNot(written)).as(written).isNull();
        Migration again = RevisionInterpreter.read(written).orElseThrow();
        List<Operation> readBack = ops(again, true);
        for (int i = 0; i < Math.min(up.size(), readBack.size()); i++) assertThat(readBack.get(i)).as("operation %d", i).isEqualTo(up.get(i));
        assertThat(readBack).isEqualTo(up);
        assertThat(ops(again, false)).isEqualTo(down);
        assertSameAsCompiled(written, "Ra1b2c3");
    }

    /** Each of these fails to compile; the reader must not take any of them. */
    @Test
    void sourcesTheCompilerRejectsAreLeftToIt() throws Exception {
        Map<String, String[]> broken = new java.util.LinkedHashMap<>();
        broken.put("no import of the API", new String[] {"import dev.retort.api.Migration;\nimport dev.retort.api.Revision;\n", ""});
        broken.put("missing semicolon", new String[] {null, "op.execute(\"x\")"});
        broken.put("unknown method", new String[] {null, "op.nope();"});
        broken.put("too few arguments", new String[] {null, "op.dropTable(\"public\");"});
        broken.put("int where a Long is wanted", new String[] {null, "op.createTable(\"p\", \"t\", t -> t.column(\"a\", \"int\").identity(true, 1, 2));"});
        broken.put("string where a boolean is wanted", new String[] {null, "op.alterColumn(\"p\", \"t\", \"c\").nullable(\"yes\");"});
        broken.put("int out of range", new String[] {null, "op.alterSequence(\"p\", \"s\").increment(3000000000);"});
        broken.put("lambda parameter hides op", new String[] {null, "op.batch(\"p\", \"t\", op -> op.dropColumn(\"p\", \"t\", \"c\"));"});
        broken.put("keyword as a name", new String[] {null, "op.batch(\"p\", \"t\", class -> {});"});
        broken.put("unknown name", new String[] {null, "other.execute(\"x\");"});
        broken.put("call on void", new String[] {null, "op.execute(\"x\").execute(\"y\");"});
        broken.put("unterminated string", new String[] {null, "op.execute(\"x);"});
        broken.put("import of a missing class", new String[] {"import dev.retort.api.*;\nimport com.example.Missing;\n", "op.execute(\"x\");"});
        broken.put("lambda where a string is wanted", new String[] {null, "op.execute(t -> {});"});
        broken.put("octal escape", new String[] {null, "op.execute(\"\\9\");"});
        for (var e : broken.entrySet()) {
            String imports = e.getValue()[0] == null ? "import dev.retort.api.*;\n" : e.getValue()[0];
            String source = imports + "@Revision(id = \"b1\")\nclass Rb1 implements Migration {\n"
                    + "    public void upgrade(Operations op) { " + e.getValue()[1] + " }\n"
                    + "    public void downgrade(Operations op) { }\n}\n";
            assertThat(RevisionInterpreter.read(source)).as(e.getKey()).isEmpty();
            Path src = Files.createDirectories(dir.resolve("broken-" + e.getKey().replace(' ', '-'))).resolve("Rb1.java");
            Files.writeString(src, source);
            assertThatThrownBy(() -> Javac.compile(List.of(src), Files.createDirectories(src.getParent().resolve("out")), List.of(), "revision"))
                    .as(e.getKey()).isInstanceOf(RetortException.class).hasMessageContaining("compile error");
        }
        String publicClass = "import dev.retort.api.*;\n@Revision(id = \"b1\")\npublic class Other implements Migration {\n"
                + "    public void upgrade(Operations op) { }\n    public void downgrade(Operations op) { }\n}\n";
        assertThat(RevisionInterpreter.read(publicClass)).isEmpty();
        String noDowngrade = "import dev.retort.api.*;\n@Revision(id = \"b1\")\nclass Rb1 implements Migration {\n"
                + "    public void upgrade(Operations op) { }\n}\n";
        assertThat(RevisionInterpreter.read(noDowngrade)).isEmpty();
    }

    /** Valid Java the reader does not take: the compiler runs, and the revision behaves as written. */
    @Test
    void richerRevisionsGoToTheCompiler() {
        List<String> bodies = List.of(
                "String t = \"x\"; op.dropTable(\"public\", t);",
                "for (int i = 0; i < 3; i++) op.execute(\"SELECT \" + i);",
                "op.execute(\"a\" + \"b\");",
                "if (true) op.execute(\"x\");",
                "op.execute(String.valueOf(1));",
                "op.execute('x' + \"\");",
                "op.alterSequence(\"p\", \"s\").increment(0x10);",
                "op.alterSequence(\"p\", \"s\").increment(1_000);");
        for (String body : bodies) {
            String source = "import dev.retort.api.*;\n@Revision(id = \"r1\")\nclass Rr1 implements Migration {\n"
                    + "    public void upgrade(Operations op) { " + body + " }\n"
                    + "    public void downgrade(Operations op) { }\n}\n";
            assertThat(RevisionInterpreter.read(source)).as(body).isEmpty();
        }
        String helper = "import dev.retort.api.*;\n@Revision(id = \"r1\")\nclass Rr1 implements Migration {\n"
                + "    public void upgrade(Operations op) { drop(op); }\n    public void downgrade(Operations op) { }\n"
                + "    private void drop(Operations op) { op.dropTable(\"public\", \"t\"); }\n}\n";
        assertThat(RevisionInterpreter.read(helper)).isEmpty();
    }

    @Test
    void errorsRaisedByTheApiReachTheCallerAsFromCompiledCode() throws Exception {
        String source = "import dev.retort.api.*;\n@Revision(id = \"e1\")\nclass Re1 implements Migration {\n"
                + "    public void upgrade(Operations op) { op.bulkInsert(\"public\", \"t\").columns(\"a\", \"b\").row(1); }\n"
                + "    public void downgrade(Operations op) { }\n}\n";
        Migration read = RevisionInterpreter.read(source).orElseThrow();
        Migration compiled = compile(source, "Re1");
        Throwable fromRead = catchOf(() -> ops(read, true)), fromCompiled = catchOf(() -> ops(compiled, true));
        assertThat(fromRead).isNotNull().hasSameClassAs(fromCompiled).hasMessage(fromCompiled.getMessage());
    }

    private static Throwable catchOf(Runnable r) {
        try {
            r.run();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    private void assertSameAsCompiled(String source, String className) throws Exception {
        Migration read = RevisionInterpreter.read(source).orElseThrow();
        Migration compiled = compile(source, className);
        assertThat(ops(read, true)).isEqualTo(ops(compiled, true)).isNotEmpty();
        assertThat(ops(read, false)).isEqualTo(ops(compiled, false));
    }

    private Migration compile(String source, String className) throws IOException, ReflectiveOperationException {
        Path base = Files.createTempDirectory(dir, "c");
        Path src = base.resolve(className.substring(className.lastIndexOf('.') + 1) + ".java");
        Files.writeString(src, source);
        Path out = Files.createDirectories(base.resolve("out"));
        Javac.compile(List.of(src), out, List.of(), "revision");
        URLClassLoader loader = new URLClassLoader(new java.net.URL[] {out.toUri().toURL()}, getClass().getClassLoader());
        var ctor = Class.forName(className, true, loader).getDeclaredConstructor();
        ctor.setAccessible(true);
        return (Migration) ctor.newInstance();
    }

    /** The operations a revision's upgrade (or downgrade) records. */
    static List<Operation> ops(Migration m, boolean upgrade) {
        Operations op = new Operations();
        if (upgrade) m.upgrade(op);
        else m.downgrade(op);
        return new ArrayList<>(op.operations());
    }

    @Test
    void readIsEmptyNotAnExceptionForGarbage() {
        for (String s : List.of("", "class", "\\u", "\\uZZZZ", "@", "import ;", "/* open", "\"")) {
            assertThat(RevisionInterpreter.read(s)).as(s).isEqualTo(Optional.empty());
        }
    }
}
