package dev.retort.runtime;

import dev.retort.api.RetortException;
import dev.retort.lint.Finding;
import dev.retort.lint.Linter;
import dev.retort.ops.Operation;
import dev.retort.script.RevisionInfo;

import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * lint_gate: an upgrade is refused, before anything of it runs, when a revision on its path has a lint finding at the
 * gate's level or above that the revision does not acknowledge ({@code @Lint(ignore = ...)}, {@code -- @lint
 * ignore=...}). A finding about rows (a dropped table or column, a narrowed type, a NOT NULL column without a default)
 * stops the run only where rows are at stake: online, when the table (or column) holds any; in a script, always,
 * since a script cannot look. A table an earlier revision of the same run made holds only what the run put there.
 */
public final class LintGate {
    public enum Level {
        ERROR, WARNING, OFF;

        /** "error", "warning" or "off", as retort.toml writes it (checked there). */
        public static Level of(String s) { return valueOf(s.toUpperCase(Locale.ROOT)); }
    }

    /** Whether a table (a column of it, when {@code column} is not null) holds a row (a non-null value) now. */
    public interface Rows { boolean held(String schema, String table, String column) throws SQLException; }

    private final Level level;
    private final Rows rows;
    private final Set<String> created = new HashSet<>();

    /** {@code rows}: how to look at the database, or null where there is none to look at (a script). */
    public LintGate(Level level, Rows rows) {
        this.level = level;
        this.rows = rows;
    }

    boolean off() { return level == Level.OFF; }

    /** Checks one revision's upgrade, planned in run order after the ones before it. */
    void check(RevisionInfo r, List<Operation> upgrade, List<Finding> found) {
        List<Operation> flat = Linter.flatten(upgrade);
        for (Finding f : found) {
            boolean stops = f.severity() == Finding.Severity.ERROR || level == Level.WARNING && f.severity() == Finding.Severity.WARNING;
            if (!stops || !atStake(f.rule(), flat.get(f.operation() - 1))) continue;
            throw new RetortException("revision " + r.id() + (r.path() == null ? "" : " (" + r.path() + ")") + ": lint " + f.severity().word() + " "
                    + f.rule() + " at operation " + f.operation() + ", " + f.what() + ": " + f.why() + "; acknowledge it with @Lint(ignore = \""
                    + f.rule() + "\") (dev.retort.api.Lint) on the revision class (-- @lint ignore=" + f.rule() + " in an SQL revision) once you mean it, or set"
                    + " lint_gate in retort.toml; nothing was run");
        }
        for (Operation o : flat) if (o instanceof Operation.CreateTable c) created.add(c.table().schema() + "." + c.table().name());
    }

    /** Whether what the operation destroys or refuses is there: the rows of its table (or column), where it names one. */
    private boolean atStake(String rule, Operation o) {
        Optional<String[]> subject = Linter.rowsAt(rule, o);
        if (subject.isEmpty()) return true; // a schema dropped, text that would end its statement: always
        String[] s = subject.get();
        if (created.contains(s[0] + "." + s[1])) return false;
        if (rows == null) return true;
        try {
            return rows.held(s[0], s[1], s[2]);
        } catch (SQLException e) {
            return true; // cannot tell: refused
        }
    }
}
