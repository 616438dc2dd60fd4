package dev.retort.fuzz;

import dev.retort.api.RetortException;
import dev.retort.config.DatabaseUrl;
import dev.retort.config.Secrets;
import dev.retort.script.HeaderReader;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Combinators;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The revision header reader, the revision reader and the URL parser meet text users write. Whatever they are given, they either succeed or
 * fail with the typed one-line user error: never another exception, never a password in the message.
 */
class InputFuzzTest {
    static final String HEADER = "import dev.retort.api.*;\n@Revision(id = \"3f2a9c1b7d4e\", parents = {\"a1\", \"b2\"},"
            + " message = \"add \\\"x\\\" \\u00e9\", created = \"2026-11-25T10:15:00Z\", transactional = false)\nclass R3f2a9c1b7d4e implements Migration { }\n";

    @Property(tries = 3000)
    void headerReaderFailsOnlyWithUserErrorsOnRandomText(@ForAll String text) {
        readHeader(text);
    }

    @Property(tries = 5000)
    void headerReaderFailsOnlyWithUserErrorsOnMutatedHeaders(@ForAll("mutatedHeaders") String text) {
        readHeader(text);
    }

    static void readHeader(String text) {
        try {
            var r = HeaderReader.parse(text, Path.of("fuzz.java"));
            assertThat(r.id()).isNotBlank();
        } catch (RetortException e) {
            assertThat(e.getMessage()).startsWith("fuzz.java").doesNotContain("\n");
        }
    }

    @Provide
    Arbitrary<String> mutatedHeaders() {
        return mutations(HEADER);
    }

    static final String REVISION = "import dev.retort.api.*;\n@Revision(id = \"r1\")\nclass Rr1 implements Migration {\n"
            + "    public void upgrade(Operations op) {\n        op.createTable(\"public\", \"t\", t -> {\n"
            + "            t.column(\"id\", \"bigint\").identity(true, -1L, 2L).primaryKey();\n            t.index(\"id\").where(\"id > 0\");\n        });\n"
            + "        op.bulkInsert(\"public\", \"t\").columns(\"id\").row(1).row(2.5);\n    }\n"
            + "    public void downgrade(Operations op) { op.dropTable(\"public\", \"t\"); }\n}\n";

    /** The revision reader (which runs revisions without compiling) takes a source or leaves it to the compiler; it never throws. */
    @Property(tries = 5000)
    void revisionReaderNeverThrowsOnMutatedRevisions(@ForAll("mutatedRevisions") String text) {
        dev.retort.script.RevisionInterpreter.read(text);
    }

    @Property(tries = 2000)
    void revisionReaderNeverThrowsOnRandomText(@ForAll String text) {
        dev.retort.script.RevisionInterpreter.read(text);
    }

    @Provide
    Arbitrary<String> mutatedRevisions() {
        return mutations(REVISION);
    }

    static final String URL = "postgresql+asyncpg://app:S3cr3t-pw@db.example:5432/shop?sslmode=require&application_name=x";

    @Property(tries = 3000)
    void urlParserFailsOnlyWithUserErrorsOnRandomText(@ForAll String text) {
        parseUrl(text, null);
    }

    @Property(tries = 5000)
    void urlParserNeverLeaksThePasswordOfMutatedUrls(@ForAll("mutatedUrls") String text) {
        parseUrl(text, "S3cr3t-pw");
    }

    static void parseUrl(String text, String password) {
        try {
            DatabaseUrl u = DatabaseUrl.parse(text);
            assertThat(u.jdbcUrl()).startsWith("jdbc:postgresql:");
            if (password != null && text.contains(":" + password + "@")) assertThat(u.toString()).doesNotContain(password);
        } catch (RetortException e) {
            assertThat(e.getMessage()).doesNotContain("\n");
            if (password != null && text.contains(":" + password + "@")) assertThat(e.getMessage()).doesNotContain(password);
        }
        assertThat(Secrets.mask(text)).isNotNull();
    }

    @Provide
    Arbitrary<String> mutatedUrls() {
        return mutations(URL);
    }

    /** The text with one to four edits: a character replaced, inserted or deleted, or a slice cut out. */
    static Arbitrary<String> mutations(String base) {
        Arbitrary<Character> chars = Arbitraries.of('"', '\'', '\\', '{', '}', '(', ')', ',', '=', '@', ':', '/', '?', '&', '%', '\n', 'u', 'x', '0', ' ');
        Arbitrary<int[]> edit = Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, base.length()),
                Arbitraries.integers().between(0, 8)).as((kind, at, len) -> new int[] {kind, at, len});
        return Combinators.combine(edit.list().ofMinSize(1).ofMaxSize(4), chars.list().ofMinSize(4).ofMaxSize(4)).as((edits, cs) -> {
            StringBuilder b = new StringBuilder(base);
            for (int i = 0; i < edits.size(); i++) {
                int[] e = edits.get(i);
                int at = Math.min(e[1], b.length());
                switch (e[0]) {
                    case 0 -> { if (at < b.length()) b.setCharAt(at, cs.get(i)); }
                    case 1 -> b.insert(at, cs.get(i));
                    case 2 -> { if (at < b.length()) b.deleteCharAt(at); }
                    default -> b.delete(at, Math.min(b.length(), at + e[2]));
                }
            }
            return b.toString();
        });
    }
}
