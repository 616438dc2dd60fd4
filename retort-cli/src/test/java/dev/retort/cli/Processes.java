package dev.retort.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Retort as separate JVM processes (the test's classpath), for tests of what happens between processes. */
final class Processes {
    private Processes() {}

    static ProcessBuilder retort(Path dir, Map<String, String> env, Path log, String... args) {
        return retortOn(System.getProperty("java.class.path"), dir, env, log, args);
    }

    /** The same, on the given classpath instead of the test's. */
    static ProcessBuilder retortOn(String classpath, Path dir, Map<String, String> env, Path log, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", classpath, "dev.retort.cli.Main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().remove("RETORT_URL");
        pb.environment().putAll(env);
        return pb;
    }

    static String read(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** A chain of {@code n} revisions after {@code parent}, each creating a table with an index and a few rows. */
    static List<String> writeChain(Project p, String parent, int n) { return writeChain(p, parent, n, "SELECT pg_sleep(0.01)"); }

    /** The same, with the given statement (a short sleep in the database's own SQL) in each revision. */
    static List<String> writeChain(Project p, String parent, int n, String sleep) {
        List<String> ids = new ArrayList<>();
        String prev = parent;
        for (int i = 1; i <= n; i++) {
            String id = String.format("c%03d", i);
            p.write("migrations/versions/" + id + ".java", "import dev.retort.api.*;\n"
                    + "@Revision(id = \"" + id + "\"" + (prev == null ? "" : ", parents = \"" + prev + "\"") + ", message = \"table " + i + "\")\n"
                    + "class R" + id + " implements Migration {\n"
                    + "    public void upgrade(Operations op) {\n"
                    + "        op.createTable(\"public\", \"t" + i + "\", t -> { t.column(\"id\", \"bigint\").primaryKey();"
                    + " t.column(\"label\", \"text\").notNull(); t.index(\"label\"); });\n"
                    + "        op.bulkInsert(\"public\", \"t" + i + "\").columns(\"id\", \"label\").row(1, \"one\").row(2, \"two\");\n"
                    + "        op.execute(\"" + sleep + "\");\n"
                    + "    }\n"
                    + "    public void downgrade(Operations op) { op.dropTable(\"public\", \"t" + i + "\"); }\n}\n");
            ids.add(id);
            prev = id;
        }
        return ids;
    }
}
