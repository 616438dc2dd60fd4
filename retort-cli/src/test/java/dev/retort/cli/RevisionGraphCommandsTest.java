package dev.retort.cli;

import dev.retort.testing.Db;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Alembic's revision graph on the command line: branch labels, dependencies, independent bases, splices, given ids
 * and folders, merges undone one step at a time, stamp --purge, ensure-version, history --graph and --format mermaid,
 * "current" in ranges, edit, revision templates, post-write hooks and init --template multidb.
 */
@Tag("database")
class RevisionGraphCommandsTest {
    @TempDir Path tmp;

    Project project(Db db) {
        Project p = new Project(tmp.resolve("p"));
        p.env.put("DATABASE_URL", db.url());
        assertThat(p.run("init").exit()).isZero();
        return p;
    }

    static void ok(Project.Result r) { assertThat(r.exit()).as(r.toString()).isZero(); }

    /** a1 - b2 - m (merge) and a1 - x2 (label side) into m; p1 (label billing, a base of its own) - p2 (depends on side). */
    static void branches(Project p) {
        ok(p.run("revision", "-m", "one", "--rev-id", "a1"));
        ok(p.run("revision", "-m", "two", "--rev-id", "b2"));
        Project.Result notHead = p.run("revision", "-m", "branch", "--head", "a1", "--rev-id", "x2");
        assertThat(notHead.exit()).isEqualTo(2);
        assertThat(notHead.err()).contains("--head a1: a1 is not a head; pass --splice to start a branch from it");
        ok(p.run("revision", "-m", "branch", "--head", "a1", "--splice", "--rev-id", "x2", "--branch-label", "side"));
        ok(p.run("revision", "-m", "billing", "--head", "base", "--rev-id", "p1", "--branch-label", "billing"));
        ok(p.run("merge", "-m", "join", "b2", "x2"));
        ok(p.run("revision", "-m", "invoices", "--head", "billing@head", "--rev-id", "p2", "--depends-on", "side"));
        assertThat(p.run("revision", "-m", "again", "--rev-id", "p2", "--head", "p2").err()).contains("--rev-id p2 is taken");
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "sqlite"})
    void branchesLabelsAndDependenciesUpAndDown(String dialect) throws Exception {
        try (Db db = Db.create(dialect, tmp)) {
            Project p = project(db);
            branches(p);
            String merge = p.run("heads").out().lines().filter(l -> l.contains("join")).findFirst().orElseThrow().split(" ")[0];
            assertThat(p.read("migrations/versions/" + Files.list(p.file("migrations/versions")).map(f -> f.getFileName().toString())
                    .filter(n -> n.contains("_p2_")).findFirst().orElseThrow())).contains("        dependsOn = \"side\",\n").doesNotContain("branchLabels");
            // the billing branch needs what it depends on: a1 and x2, not b2
            ok(p.run("upgrade", "billing@head"));
            assertThat(p.run("current").out()).contains("x2, branch").contains("p2 (head), invoices").doesNotContain("b2");
            ok(p.run("downgrade", "billing@-1"));
            assertThat(p.run("current").out()).contains("x2, branch").contains("p1, billing").doesNotContain("p2");
            ok(p.run("upgrade", "heads"));
            assertThat(p.run("history", "-r", "current:").out()).isEmpty();
            // one step down from the merge undoes the merge alone: both its parents are current again
            ok(p.run("downgrade", merge.substring(0, 6) + "-1"));
            assertThat(p.run("current").out()).contains("b2, two").contains("x2, branch").doesNotContain("join");
            assertThat(p.run("upgrade", "--sql", "current:heads").out()).contains("-- Running upgrade").contains(merge);
            // stamp --purge: even a version table holding what no file has
            db.execute("INSERT INTO retort_version VALUES ('gone')");
            assertThat(p.run("current").exit()).isEqualTo(2);
            ok(p.run("stamp", "--purge", "a1"));
            assertThat(p.run("current").out()).startsWith("a1, one");
        }
    }

    @Test
    void historyAsAGraphAndAsMermaid() {
        try (Db db = Db.create("sqlite", tmp)) {
            Project p = project(db);
            branches(p);
            String graph = p.run("history", "--graph").out();
            assertThat(graph.lines().toList()).hasSize(6);
            // newest first (the order of revisions made in the same second depends on their ids): a lane per line of
            // descent, M at the merge, two bases ending their lanes
            assertThat(graph).startsWith("* p2 (head), invoices\n").containsPattern("(?m)^[| ]*M [| ]*[0-9a-f]{12} \\(head\\), join$")
                    .containsPattern("(?m)^[| ]*\\* [| ]*x2, branch$").containsPattern("(?m)^[| ]*\\* [| ]*p1, billing$")
                    .containsPattern("(?m)^[| ]*\\* [| ]*b2, two$").containsPattern("(?m)^ +\\* a1, one$");
            String mermaid = p.run("history", "--format", "mermaid").out();
            assertThat(mermaid).startsWith("flowchart TD\n    r_a1[\"a1<br/>one\"]\n").contains("    r_a1 --> r_x2\n").contains("    r_x2 -.-> r_p2\n");
            ok(p.run("ensure-version"));
            assertThat(db.tables()).contains("public.retort_version", "public.retort_version_history");
            assertThat(p.run("ensure-version").out()).isEqualTo("The version tables exist already.\n");
        }
    }

    @Test
    void templatesHooksFoldersAndEdit() throws Exception {
        try (Db db = Db.create("postgresql", tmp)) {
            Project p = project(db);
            p.write("migrations/revision.java.tmpl", "// written from the project's template: {{message}}\nimport dev.retort.api.*;\n\n{{annotation}}\n"
                    + "class {{class}} implements Migration {\n    public void upgrade(Operations op) {\n{{upgrade}}    }\n\n"
                    + "    public void downgrade(Operations op) {\n{{downgrade}}    }\n}\n");
            p.edit("retort.toml", "compare_type = true", "compare_type = true\npost_write_hooks = [\"sed -i 's/^/ /' {file}\", \"echo hooked >> hooks.log\"]");
            Files.createDirectories(p.file("migrations/versions/2027"));
            ok(p.run("revision", "-m", "templated", "--rev-id", "t1", "--version-path", "migrations/versions/2027"));
            Path written;
            try (var s = Files.list(p.file("migrations/versions/2027"))) {
                written = s.findFirst().orElseThrow();
            }
            assertThat(Files.readString(written)).startsWith(" // written from the project's template: templated\n");
            assertThat(p.read("hooks.log")).isEqualTo("hooked\n");
            ok(p.run("upgrade", "head"));
            assertThat(p.run("revision", "-m", "x", "--version-path", "elsewhere").err()).contains("is outside the revision folder");
            p.edit("retort.toml", "\"echo hooked >> hooks.log\"", "\"exit 3\"");
            Project.Result failed = p.run("revision", "-m", "hook fails");
            assertThat(failed.exit()).isEqualTo(2);
            assertThat(failed.err()).contains("was written, but the post-write hook 'exit 3' failed with exit code 3");
            // edit: the editor gets the revision's file
            p.write("editor.sh", "#!/bin/sh\necho \"// edited\" >> \"$1\"\n");
            p.file("editor.sh").toFile().setExecutable(true);
            p.env.put("EDITOR", p.file("editor.sh").toString());
            ok(p.run("edit", "t1"));
            assertThat(Files.readString(written)).endsWith("// edited\n");
            p.env.remove("EDITOR");
            assertThat(p.run("edit", "t1").err()).contains("set VISUAL or EDITOR");
        }
    }

    @Test
    void initMultidbMakesAProjectPerDatabase() {
        Project p = new Project(tmp.resolve("m"));
        Project.Result r = p.run("init", "--template", "multidb", "--database", "app", "--database", "audit");
        ok(r);
        assertThat(p.read("app/retort.toml")).contains("url = \"${APP_DATABASE_URL}\"").contains("script_location = \"migrations\"");
        assertThat(p.file("audit/migrations/versions")).isDirectory();
        try (Db db = Db.create("sqlite", tmp)) {
            p.env.put("APP_DATABASE_URL", db.url());
            ok(p.run("-c", "app/retort.toml", "revision", "-m", "first"));
            ok(p.run("-c", "app/retort.toml", "upgrade", "head"));
            assertThat(db.tables()).contains("public.retort_version");
        }
        assertThat(List.of(p.run("init", "--template", "nope").err())).anyMatch(e -> e.contains("--template must be default or multidb"));
    }
}
