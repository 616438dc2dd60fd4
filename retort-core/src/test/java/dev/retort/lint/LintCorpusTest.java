package dev.retort.lint;

import dev.retort.Retort;
import dev.retort.config.ConfigLoader;
import dev.retort.config.RetortConfig;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lint corpus (src/test/resources/lint): 34 revisions, each one situation a reviewer meets, with what lint must
 * find in expected.txt, and nothing else. Offline: lint needs no database, only the dialect.
 */
class LintCorpusTest {
    static final Path CORPUS = Path.of("src/test/resources/lint");

    static Retort corpus(String url) {
        RetortConfig config = new ConfigLoader(Map.of()).load(CORPUS.resolve("retort.toml"), true, url);
        return Retort.create(config.change(b -> b.scriptLocation = CORPUS.toAbsolutePath().resolve("migrations")));
    }

    static List<String> found(String url) {
        return corpus(url).lint(null).stream().map(f -> f.revision() + " " + f.rule() + " " + f.severity().word() + " " + f.operation()).toList();
    }

    @Test
    void everyRevisionGivesExactlyTheFindingsItMust() throws IOException {
        List<String> expected = Files.readAllLines(CORPUS.resolve("expected.txt")).stream().filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
        try (var revisions = Files.list(CORPUS.resolve("migrations/versions"))) {
            assertThat(revisions.count()).isGreaterThanOrEqualTo(25);
        }
        assertThat(found("postgresql://")).containsExactlyElementsOf(expected);
    }

    @Test
    void theLockRulesArePostgresqlsAlone() {
        List<String> mysql = found("mysql://localhost/app");
        assertThat(mysql).noneMatch(f -> f.contains("index-not-concurrent") || f.contains("constraint-not-valid") || f.contains("unique-constraint")
                || f.contains("table-rewrite"));
        assertThat(mysql).contains("l06 drop-column error 1", "l14 type-narrowing error 1", "l03 not-null-without-default error 1");
    }

    @Test
    void findingsNameTheRevisionFileOperationAndWhy() {
        Finding f = corpus("postgresql://").lint("l14").get(0);
        assertThat(f.toString()).isEqualTo("error type-narrowing in l14 (" + CORPUS.toAbsolutePath().resolve("migrations/versions/l14.java")
                + ") operation 1, alter column public.account.email: varchar(200) to varchar(100): values longer than 100 characters are refused or cut");
        assertThat(corpus("postgresql://").lint("l26")).isEmpty();
    }
}
