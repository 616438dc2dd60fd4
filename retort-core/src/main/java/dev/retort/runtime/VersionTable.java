package dev.retort.runtime;

import dev.retort.dialect.Dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
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

    public List<String> create() { return dialect.createVersionTables(schema, table, history); }

    public boolean exists(Connection c) throws SQLException {
        try (ResultSet rs = c.getMetaData().getTables(null, schema, table, null)) {
            return rs.next();
        }
    }

    /** The heads recorded in the database; empty when the table does not exist yet. */
    public Set<String> heads(Connection c) throws SQLException {
        Set<String> out = new LinkedHashSet<>();
        if (!exists(c)) return out;
        try (PreparedStatement ps = c.prepareStatement("SELECT " + dialect.quote("version_num") + " FROM " + dialect.qualify(schema, table)
                + " ORDER BY 1");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

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
        return dialect.historyInsert(schema, history, revision, direction, message, checksum);
    }

    /** The checksum each revision was last applied (or repaired) with; stamped revisions have none. */
    public java.util.Map<String, String> recordedChecksums(Connection c) throws SQLException {
        java.util.Map<String, String> out = new java.util.HashMap<>();
        if (!exists(c)) return out;
        try (PreparedStatement ps = c.prepareStatement("SELECT revision, checksum FROM " + dialect.qualify(schema, history)
                + " WHERE direction IN ('upgrade', 'repair') ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if (rs.getString(2) != null) out.put(rs.getString(1), rs.getString(2));
            }
        }
        return out;
    }
}
