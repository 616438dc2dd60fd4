package dev.retort.dialect;

import dev.retort.ops.Operation;
import dev.retort.schema.Catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Everything that differs between databases: reading the catalog, spelling types, rendering operations as SQL,
 * and what the database can do. One implementation per database.
 */
public interface Dialect {

    /** Short name used in URLs and messages: "postgresql". */
    String name();

    /** The schema unqualified names land in. */
    String defaultSchema();

    /** Whether DDL runs inside transactions (and rolls back with them). */
    boolean transactionalDdl();

    String quote(String identifier);

    default String qualify(String schema, String name) {
        return schema == null ? quote(name) : quote(schema) + "." + quote(name);
    }

    /** A Java value as an SQL literal: strings quoted and escaped, numbers and booleans as is, null as NULL. */
    String literal(Object value);

    /** A type's canonical spelling, so that equal types compare equal ("int4" and "integer"). */
    String normalizeType(String type);

    /** The usual short spelling of a canonical type, for generated revision code ("varchar(50)", "timestamptz"). */
    default String displayType(String canonical) { return canonical; }

    /** Canonical types, defaults and options on a catalog declared by models, so it compares with an inspected one. */
    Catalog normalize(Catalog declared);

    /**
     * Whether two SQL expressions (server defaults, check bodies, index keys and predicates) mean the same;
     * {@code exact} when both come from this database's catalog, so their spellings are the catalog's own.
     */
    boolean sameExpression(String a, String b, boolean exact);

    /** Reads the schemas (and tables) the filter admits from a live database. */
    Catalog inspect(Connection connection, Filter filter) throws SQLException;

    /** The statements that carry out one operation, in order, without trailing semicolons. */
    List<String> render(Operation operation);

    /**
     * A history row for one step. Start time and duration are taken by the database itself, so the statement is the
     * same whether it runs online or is written to a script.
     */
    String historyInsert(String schema, String historyTable, String revision, String direction, String message, String checksum);

    /** Statements that create the version and history tables if they are missing. */
    List<String> createVersionTables(String schema, String versionTable, String historyTable);
}
