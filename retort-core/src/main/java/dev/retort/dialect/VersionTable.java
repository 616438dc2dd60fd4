package dev.retort.dialect;

import dev.retort.api.RetortException;

import java.sql.Statement;
import java.util.HashMap;
import java.util.Optional;
import org.slf4j.LoggerFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The table that holds the database's current head revisions, and its companion history table. */
public final class VersionTable {
    private final Dialect dialect;
    private final String schema;
    private final String table;
    private final String history;

    public VersionTable(Dialect dialect, String schema, String table, String history) {
        this.dialect = dialect;
        this.schema = schema == null ? dialect.defaultSchema() : schema;
        this.table = table;
        this.history = history;
    }

    public String schema() { return schema; }
    public String table() { return table; }
    public String history() { return history; }

    public List<String> create() { return dialect.versionTables().create(dialect, schema, table, history); }

    public boolean exists(Connection c) throws SQLException {
        return dialect.tableExists(c, schema, table);
    }

    /**
     * Whether the history table is there too. A version table another tool made (Alembic's {@code alembic_version}
     * has the same shape) comes without one: the first run that writes makes it.
     */
    public boolean historyExists(Connection c) throws SQLException { return dialect.tableExists(c, schema, history); }

    /** Whether both tables are there, so that nothing needs creating before a run. */
    public boolean complete(Connection c) throws SQLException { return exists(c) && historyExists(c); }

    /** The heads recorded in the database; empty when the table does not exist yet. */
    public Set<String> heads(Connection c) throws SQLException {
        Set<String> out = new LinkedHashSet<>();
        if (!exists(c)) {
            if (!schema.equals(dialect.defaultSchema()) && !dialect.schemaExists(c, schema)) {
                throw new RetortException("version_table_schema \"" + schema + "\" is not a schema of the database, so no run can have recorded"
                        + " anything there: create the schema, or correct version_table_schema in retort.toml");
            }
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT " + dialect.quote("version_num") + " FROM " + dialect.qualify(schema, table)
                + " ORDER BY 1");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    /** Empties the version table, whatever it holds ({@code stamp --purge}). */
    public String purge() { return "DELETE FROM " + dialect.qualify(schema, table); }

    /** Drops the history and version tables ({@code clean}). */
    public List<String> drop() { return List.of("DROP TABLE IF EXISTS " + dialect.qualify(schema, history), "DROP TABLE IF EXISTS " + dialect.qualify(schema, table)); }

    /** Statements that turn one recorded set of heads into another. */
    public List<String> move(Set<String> from, Set<String> to) {
        List<String> removed = from.stream().filter(h -> !to.contains(h)).toList();
        List<String> added = to.stream().filter(h -> !from.contains(h)).toList();
        List<String> out = new ArrayList<>();
        String t = dialect.qualify(schema, table);
        String col = dialect.quote("version_num");
        if (removed.size() == 1 && added.size() == 1) {
            out.add("UPDATE " + t + " SET " + col + " = " + dialect.literal(added.get(0)) + " WHERE " + col + " = " + dialect.literal(removed.get(0)));
            return out;
        }
        for (String r : removed) out.add("DELETE FROM " + t + " WHERE " + col + " = " + dialect.literal(r));
        for (String a : added) out.add("INSERT INTO " + t + " (" + col + ") VALUES (" + dialect.literal(a) + ")");
        return out;
    }

    /** A history row: when the step began, how long it took (both measured by the database), and who ran it. */
    public String record(String revision, String direction, String message, String checksum) {
        return dialect.versionTables().insert(dialect, schema, history, row(revision, direction, message, checksum), Map.of());
    }

    /** One history row's values: {revision, direction, message, checksum}. */
    private static List<String[]> row(String revision, String direction, String message, String checksum) {
        return Collections.singletonList(new String[] {revision, direction, message, checksum});
    }

    /** History rows of several steps in one statement ({@code INSERT ... VALUES (...), (...)}): rows are {revision, direction, message, checksum}. */
    public String records(List<String[]> rows) { return dialect.versionTables().insert(dialect, schema, history, rows, Map.of()); }

    /** The checksum each revision was last applied (or repaired) with; stamped revisions have none. */
    public Map<String, String> recordedChecksums(Connection c) throws SQLException {
        Map<String, String> out = new HashMap<>();
        if (!historyExists(c)) return out;
        try (PreparedStatement ps = c.prepareStatement("SELECT revision, checksum FROM " + dialect.qualify(schema, history)
                + " WHERE direction IN ('upgrade', 'repair')" + (hasProgressColumns(c) ? " AND " + q("state") + " IS NULL" : "") + " ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if (rs.getString(2) != null) out.put(rs.getString(1), rs.getString(2));
            }
        }
        return out;
    }

    /**
     * A revision whose statements ran only in part: recorded when a step runs outside a transaction (MySQL, H2, or a
     * revision that declares itself non-transactional), where a failure or a crash cannot roll back what ran.
     * {@code progress} statements ran; {@code hash} identifies their text, so a re-run can resume after them only if
     * they are unchanged. {@code state} is "running" (the process died, or is still running) or "failed".
     */
    public record Partial(long id, String revision, String direction, String state, int progress, String hash, String message) {
        public String describe(int total) {
            return "revision " + revision + " " + (state.equals("failed") ? "failed" : "stopped") + " part-way through its " + direction
                    + " (" + progress + " of " + (total < 0 ? "its" : String.valueOf(total)) + " statements ran" + (message == null ? "" : ": " + message) + ")";
        }
    }

    private Boolean progressColumns;

    /**
     * Whether the history table has the columns of tracked steps (state, progress, progress_hash). History tables made
     * before Retort tracked steps lack them; {@link #addMissingColumns} adds them under the migration lock.
     */
    private boolean hasProgressColumns(Connection c) throws SQLException {
        if (progressColumns == null) {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT " + q("state") + " FROM " + dialect.qualify(schema, history) + " WHERE 1 = 0")) {
                progressColumns = true;
            } catch (SQLException missing) {
                if (!c.getAutoCommit()) c.rollback();
                progressColumns = false;
            }
        }
        return progressColumns;
    }

    /** Brings a history table made by an earlier Retort up to date; a no-op once it is. */
    public void addMissingColumns(Connection c) throws SQLException {
        if (!historyExists(c) || hasProgressColumns(c)) return;
        try (Statement s = c.createStatement()) {
            String t = "ALTER TABLE " + dialect.qualify(schema, history) + " ADD COLUMN ";
            s.execute(t + q("state") + " varchar(16)");
            s.execute(t + q("progress") + " integer");
            s.execute(t + q("progress_hash") + " varchar(64)");
        }
        progressColumns = true;
        LoggerFactory.getLogger("dev.retort").info("Added the columns state, progress and progress_hash to {}.{}, which an earlier Retort made",
                schema, history);
    }

    /** The partly applied step, if the last tracked step did not finish. */
    public Optional<Partial> partial(Connection c) throws SQLException {
        if (!historyExists(c) || !hasProgressColumns(c)) return Optional.empty();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + String.join(", ", q("id"), q("revision"), q("direction"), q("state"),
                q("progress"), q("progress_hash"), q("message")) + " FROM " + dialect.qualify(schema, history)
                + " WHERE " + q("state") + " IN ('running', 'failed') ORDER BY " + q("id") + " DESC");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) return Optional.empty();
            return Optional.of(new Partial(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                    rs.getString(6), rs.getString(7)));
        }
    }

    private String q(String column) { return dialect.quote(column); }

    /** The history row of a tracked step, written before its first statement runs. */
    public String startTracked(String revision, String direction, String message, String checksum) {
        Map<String, String> state = new LinkedHashMap<>();
        state.put("state", "'running'");
        state.put("progress", "0");
        return dialect.versionTables().insert(dialect, schema, history, row(revision, direction, message, checksum), state);
    }

    /** After a statement of a tracked step ran: how many ran, and the hash of their text. */
    public String progress(String revision, String direction, int done, String hash) {
        return "UPDATE " + dialect.qualify(schema, history) + " SET " + q("progress") + " = " + done + ", " + q("progress_hash") + " = "
                + dialect.literal(hash) + " WHERE " + running(revision, direction);
    }

    public String failed(String revision, String direction, String message) {
        return "UPDATE " + dialect.qualify(schema, history) + " SET " + q("state") + " = 'failed', " + q("message") + " = "
                + dialect.literal(message.length() > 2000 ? message.substring(0, 2000) : message) + " WHERE " + running(revision, direction);
    }

    /** Resuming a failed step: its row is running again, with the checksum of the revision as it is now. */
    public String resume(long id, String checksum) {
        return "UPDATE " + dialect.qualify(schema, history) + " SET " + q("state") + " = 'running', " + q("checksum") + " = "
                + dialect.literal(checksum) + " WHERE " + q("id") + " = " + id;
    }

    public String finished(String revision, String direction) {
        return "UPDATE " + dialect.qualify(schema, history) + " SET " + q("state") + " = NULL, " + q("progress") + " = NULL, "
                + q("progress_hash") + " = NULL" + (measuresAtEnd() ? ", " + q("duration_ms") + " = " + dialect.versionTables().elapsed(dialect) : "")
                + " WHERE " + running(revision, direction);
    }

    /**
     * Whether a step's history row goes first and gets its duration last ({@link #measured}), because the database
     * cannot tell in one statement at the end how long the step took.
     */
    public boolean measuresAtEnd() { return dialect.versionTables().measuresAtEnd(); }

    /** The duration of the newest history row, the step's own (the run holds the lock), as the step ends. */
    public String measured() {
        return "UPDATE " + dialect.qualify(schema, history) + " SET " + q("duration_ms") + " = " + dialect.versionTables().elapsed(dialect)
                + " WHERE " + q("id") + " = (SELECT MAX(" + q("id") + ") FROM " + dialect.qualify(schema, history) + ")";
    }

    /** Marks a partly applied step as cleared by hand ('retort repair'). */
    public String cleared(long id) {
        return "UPDATE " + dialect.qualify(schema, history) + " SET " + q("state") + " = 'cleared' WHERE " + q("id") + " = " + id;
    }

    private String running(String revision, String direction) {
        return q("revision") + " = " + dialect.literal(revision) + " AND " + q("direction") + " = " + dialect.literal(direction)
                + " AND " + q("state") + " IN ('running', 'failed')";
    }
}
