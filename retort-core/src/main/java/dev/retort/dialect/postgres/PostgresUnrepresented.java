package dev.retort.dialect.postgres;

import dev.retort.dialect.CatalogQuery;
import dev.retort.dialect.Filter;
import dev.retort.schema.Unrepresented;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What PostgreSQL's catalog holds in the managed schemas that Retort's schema model does not yet: read so that it is
 * named, never silently left out (issue 12 models them). Objects extensions own are not listed.
 */
final class PostgresUnrepresented {
    private PostgresUnrepresented() {}

    private static final String NOT_EXTENSION = " and not exists (select 1 from pg_depend d where d.objid = %s and d.deptype = 'e')";

    static List<Unrepresented> read(Connection c, Filter f) throws SQLException {
        String sql = String.join(" union all ",
                "select n.nspname, c.relname, 'partitioned table', null, 'PARTITION BY ' || pg_get_partkeydef(c.oid)"
                        + " from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.relkind = 'p'" + NOT_EXTENSION.formatted("c.oid"),
                "select n.nspname, c.relname, 'partition', p.relname, 'PARTITION OF ' || p.relname || ' ' || pg_get_expr(c.relpartbound, c.oid)"
                        + " from pg_class c join pg_namespace n on n.oid = c.relnamespace join pg_inherits i on i.inhrelid = c.oid"
                        + " join pg_class p on p.oid = i.inhparent where c.relispartition and c.relkind in ('r', 'p')",
                "select n.nspname, c.relname, case c.relkind when 'v' then 'view' else 'materialized view' end, null, null"
                        + " from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.relkind in ('v', 'm')" + NOT_EXTENSION.formatted("c.oid"),
                "select n.nspname, p.oid::regprocedure::text, case p.prokind when 'p' then 'procedure' when 'a' then 'aggregate' else 'function' end,"
                        + " null, null from pg_proc p join pg_namespace n on n.oid = p.pronamespace where true" + NOT_EXTENSION.formatted("p.oid"),
                "select n.nspname, t.tgname, 'trigger', c.relname, pg_get_triggerdef(t.oid, true) || case t.tgenabled when 'D' then ' (disabled)' else '' end"
                        + " from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace where not t.tgisinternal",
                "select n.nspname, k.conname, 'exclusion constraint', c.relname, pg_get_constraintdef(k.oid, true)"
                        + " from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace where k.contype = 'x'",
                "select n.nspname, p.polname, 'policy', c.relname, case when p.polpermissive then 'permissive' else 'restrictive' end"
                        + " from pg_policy p join pg_class c on c.oid = p.polrelid join pg_namespace n on n.oid = c.relnamespace",
                "select n.nspname, c.relname, 'row level security', c.relname, case when c.relforcerowsecurity then 'forced' else 'enabled' end"
                        + " from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.relrowsecurity")
                + " order by 1, 3, 2";
        List<Unrepresented> out = new ArrayList<>();
        CatalogQuery.query(c, sql, rs -> {
            String schema = rs.getString(1), table = rs.getString(4);
            if (!f.includesSchema(schema) || schema.startsWith("pg_") || schema.equals("information_schema")) return;
            if (table != null && !f.includesTable(schema, table)) return;
            out.add(new Unrepresented(schema, rs.getString(2), rs.getString(3), rs.getString(3).equals("row level security") ? null : table, rs.getString(5)));
        });
        return out;
    }
}
