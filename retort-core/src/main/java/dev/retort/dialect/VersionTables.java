package dev.retort.dialect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

    /** A history row; the measured columns come last, so a tracked step can append its state columns after them. */
    public String insert(Dialect d, String schema, String historyTable, String revision, String direction, String message, String checksum) {
        StringBuilder cols = new StringBuilder(), values = new StringBuilder();
        for (String c : List.of("revision", "direction", "message", "checksum")) cols.append(d.quote(c)).append(", ");
        values.append(d.literal(revision)).append(", ").append(d.literal(direction)).append(", ").append(d.literal(message)).append(", ")
                .append(d.literal(checksum));
        measured.forEach((c, e) -> {
            cols.append(d.quote(c)).append(", ");
            values.append(", ").append(e);
        });
        return "INSERT INTO " + d.qualify(schema, historyTable) + " (" + cols.substring(0, cols.length() - 2) + ") VALUES (" + values + ")";
    }
}
