package dev.retort.dialect.postgres;

import dev.retort.dialect.CatalogQuery;
import dev.retort.dialect.Filter;
import dev.retort.schema.Unrepresented;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What PostgreSQL's catalog holds in the managed schemas that Retort's schema model does not: read so that it is
 * named, never silently left out. Partitions that are partitioned again or live in another schema than their table,
 * constraints a partition has on its own, aggregates and window functions. Objects extensions own are
 * not listed.
 */
final class PostgresUnrepresented {
    private PostgresUnrepresented() {}

    static List<Unrepresented> read(Connection c, Filter f) throws SQLException {
        String sql = String.join(" union all ",
                "select n.nspname, c.relname, 'partitioned partition', p.relname, 'PARTITION OF ' || p.relname || ' ' || pg_get_expr(c.relpartbound, c.oid)"
                        + " || ' PARTITION BY ' || pg_get_partkeydef(c.oid)"
                        + " from pg_class c join pg_namespace n on n.oid = c.relnamespace join pg_inherits i on i.inhrelid = c.oid"
                        + " join pg_class p on p.oid = i.inhparent where c.relispartition and c.relkind = 'p'",
                "select n.nspname, c.relname, 'partition of a table in another schema', null, 'PARTITION OF ' || pn.nspname || '.' || p.relname"
                        + " from pg_class c join pg_namespace n on n.oid = c.relnamespace join pg_inherits i on i.inhrelid = c.oid"
                        + " join pg_class p on p.oid = i.inhparent join pg_namespace pn on pn.oid = p.relnamespace"
                        + " where c.relispartition and p.relnamespace <> c.relnamespace",
                "select n.nspname, k.conname, 'constraint of a partition alone', c.relname, pg_get_constraintdef(k.oid, true)"
                        + " from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace"
                        + " where c.relispartition and k.conparentid = 0 and k.coninhcount = 0 and k.contype <> 'n'",
                "select n.nspname, p.oid::regprocedure::text, case p.prokind when 'a' then 'aggregate' else 'window function' end, null, null"
                        + " from pg_proc p join pg_namespace n on n.oid = p.pronamespace where p.prokind in ('a', 'w')" + PostgresObjects.NOT_EXTENSION.formatted("p.oid"))
                + " order by 1, 3, 2";
        List<Unrepresented> out = new ArrayList<>();
        CatalogQuery.query(c, sql, rs -> {
            String schema = rs.getString(1), table = rs.getString(4);
            if (!f.includesSchema(schema) || schema.startsWith("pg_") || schema.equals("information_schema")) return;
            if (table != null && !f.includesTable(schema, table)) return;
            out.add(new Unrepresented(schema, rs.getString(2), rs.getString(3), table, rs.getString(5)));
        });
        return out;
    }
}
