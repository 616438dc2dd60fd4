package dev.retort.dialect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The version and history tables, the same on every database but for a few spellings: the identity column, the
 * start-time column, the user column, and what the history insert takes from the database itself.
 *
 * @param idColumn    the history table's key column type and clause
 * @param startedAt   the start-time column type, NOT NULL and default
 * @param userColumn  the database-user column type and default
 * @param measured    columns a history insert fills from the database (column to expression), e.g. start time and duration
 * @param elapsed     where the insert cannot measure the duration (it is written when the step starts): the milliseconds since
 *                    {@code {started_at}}, set when the step ends; null where {@code measured} has the duration
 */
public record VersionTables(String idColumn, String startedAt, String userColumn, Map<String, String> measured, String elapsed) {

    /** Whether a step's history row is written as it starts and given its duration as it ends. */
    public boolean measuresAtEnd() { return elapsed != null; }

    /** The duration expression, for the dialect's spelling of the start-time column. */
    public String elapsed(Dialect d) { return elapsed.replace("{started_at}", d.quote("started_at")); }

    public List<String> create(Dialect d, String schema, String versionTable, String historyTable) {
        List<String> out = new ArrayList<>();
        if (!schema.equals(d.defaultSchema())) out.add("CREATE SCHEMA IF NOT EXISTS " + d.quote(schema));
        out.add("CREATE TABLE IF NOT EXISTS " + d.qualify(schema, versionTable) + " (\n    "
                + d.quote("version_num") + " varchar(64) NOT NULL,\n    CONSTRAINT " + d.quote(versionTable + "_pkc")
                + " PRIMARY KEY (" + d.quote("version_num") + ")\n)");
        out.add("CREATE TABLE IF NOT EXISTS " + d.qualify(schema, historyTable) + " (\n    "
                + d.quote("id") + " " + idColumn + ",\n    "
                + d.quote("revision") + " varchar(64) NOT NULL,\n    "
                + d.quote("direction") + " varchar(16) NOT NULL,\n    "
                + d.quote("message") + " text,\n    "
                + d.quote("checksum") + " varchar(64),\n    "
                + d.quote("started_at") + " " + startedAt + ",\n    "
                + d.quote("duration_ms") + " bigint,\n    "
                + d.quote("db_user") + " " + userColumn + ",\n    "
                + d.quote("state") + " varchar(16),\n    "
                + d.quote("progress") + " integer,\n    "
                + d.quote("progress_hash") + " varchar(64)\n)");
        return out;
    }

    /**
     * History rows in one statement. Each row is {revision, direction, message, checksum}; the columns the database
     * measures (start time, duration, user) and the {@code extra} columns, each with its SQL value, go in every row.
     * Taken by the database itself, the statement is the same whether it runs online or is written to a script.
     */
    public String insert(Dialect d, String schema, String historyTable, List<String[]> rows, Map<String, String> extra) {
        List<String> cols = new ArrayList<>();
        for (String c : List.of("revision", "direction", "message", "checksum")) cols.add(d.quote(c));
        List<String> fixed = new ArrayList<>();
        measured.forEach((c, e) -> {
            cols.add(d.quote(c));
            fixed.add(e);
        });
        extra.forEach((c, e) -> {
            cols.add(d.quote(c));
            fixed.add(e);
        });
        StringJoiner values = new StringJoiner(", ");
        for (String[] r : rows) {
            StringJoiner row = new StringJoiner(", ", "(", ")");
            for (String v : r) row.add(d.literal(v));
            fixed.forEach(row::add);
            values.add(row.toString());
        }
        return "INSERT INTO " + d.qualify(schema, historyTable) + " (" + String.join(", ", cols) + ") VALUES " + values;
    }
}
