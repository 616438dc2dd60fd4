package dev.retort.dialect.postgres;

import dev.retort.dialect.Filter;
import dev.retort.schema.SchemaObject;
import dev.retort.schema.SchemaObject.Kind;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.retort.dialect.CatalogQuery.query;

/**
 * Reads the views, materialized views and their indexes, functions, procedures, triggers, row level security,
 * policies, extensions, partitions and exclusion constraints of the managed schemas, one query per kind, each as the
 * server deparses it. The reads run with {@code search_path} set to pg_catalog alone, so every name in a deparse is
 * schema-qualified and the text does not depend on the session. Objects an extension owns are left out.
 */
final class PostgresObjects {
    private PostgresObjects() {}

    /** "and not owned by an extension", for an object whose oid is the argument. */
    static final String NOT_EXTENSION = " and not exists (select 1 from pg_depend e where e.objid = %s and e.deptype = 'e')";

    static Map<String, Map<String, SchemaObject>> read(Connection c, Filter f, List<String> schemas) throws SQLException {
        String path;
        try (PreparedStatement ps = c.prepareStatement("select current_setting('search_path'), set_config('search_path', 'pg_catalog', false)");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            path = rs.getString(1);
        }
        try {
            return readAll(c, f, schemas);
        } finally {
            try (PreparedStatement ps = c.prepareStatement("select set_config('search_path', ?, false)")) {
                ps.setString(1, path);
                ps.executeQuery().close();
            }
        }
    }

    private static Map<String, Map<String, SchemaObject>> readAll(Connection c, Filter f, List<String> schemas) throws SQLException {
        Map<String, Map<String, SchemaObject>> out = new HashMap<>();
        Array in = c.createArrayOf("text", schemas.toArray());
        int version = c.getMetaData().getDatabaseMajorVersion();
        Reader add = (o) -> {
            if (o.table() != null && !f.includesTable(o.schema(), o.table())) return;
            if ((o.kind() == Kind.VIEW || o.kind() == Kind.MATERIALIZED_VIEW) && !f.includesTable(o.schema(), o.name())) return;
            out.computeIfAbsent(o.schema(), k -> new HashMap<>()).put(o.key(), o);
        };
        Object[] p = {in};
        query(c, "select n.nspname, e.extname from pg_extension e join pg_namespace n on n.oid = e.extnamespace where n.nspname = any(?) order by 1, 2", p,
                rs -> add.add(SchemaObject.of(Kind.EXTENSION, rs.getString(1), rs.getString(2), null, "")));
        query(c, "select n.nspname, p.oid::regprocedure::text, p.prokind, pg_get_functiondef(p.oid), pg_get_function_result(p.oid) from pg_proc p"
                + " join pg_namespace n on n.oid = p.pronamespace where n.nspname = any(?) and p.prokind in ('f', 'p')"
                + NOT_EXTENSION.formatted("p.oid") + " order by 1, 2", p, rs -> {
            String schema = rs.getString(1), sig = rs.getString(2);
            String prefix = quoteIdent(schema) + ".";
            if (sig.startsWith(prefix)) sig = sig.substring(prefix.length());
            SchemaObject routine = SchemaObject.of("p".equals(rs.getString(3)) ? Kind.PROCEDURE : Kind.FUNCTION, schema, SchemaObject.signature(sig), null,
                    rs.getString(4));
            // what it returns, in columns: CREATE OR REPLACE cannot change it
            add.add(rs.getString(5) == null ? routine : routine.withDeparse(null, List.of(), List.of("returns " + rs.getString(5))));
        });
        query(c, "select n.nspname, c.relname, c.relkind, pg_get_viewdef(c.oid, true),"
                + " array(select distinct rn.nspname || '.' || rc.relname || coalesce('.' || a.attname, '') from pg_rewrite r join pg_depend d on d.objid = r.oid"
                + "   and d.classid = 'pg_rewrite'::regclass and d.refclassid = 'pg_class'::regclass join pg_class rc on rc.oid = d.refobjid"
                + "   join pg_namespace rn on rn.oid = rc.relnamespace"
                + "   left join pg_attribute a on a.attrelid = d.refobjid and a.attnum = d.refobjsubid and d.refobjsubid > 0"
                + "   where r.ev_class = c.oid and d.refobjid <> c.oid"
                + "   union select rn.nspname || '.' || rc.relname from pg_rewrite r join pg_depend d on d.objid = r.oid"
                + "   and d.classid = 'pg_rewrite'::regclass and d.refclassid = 'pg_class'::regclass join pg_class rc on rc.oid = d.refobjid"
                + "   join pg_namespace rn on rn.oid = rc.relnamespace where r.ev_class = c.oid and d.refobjid <> c.oid order by 1),"
                + " array(select quote_ident(a.attname) || ' ' || format_type(a.atttypid, a.atttypmod) from pg_attribute a"
                + "   where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped order by a.attnum)"
                + " from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = any(?) and c.relkind in ('v', 'm')"
                + NOT_EXTENSION.formatted("c.oid") + " order by 1, 2", p, rs -> {
            SchemaObject v = SchemaObject.of("v".equals(rs.getString(3)) ? Kind.VIEW : Kind.MATERIALIZED_VIEW, rs.getString(1), rs.getString(2), null,
                    SchemaObject.collapse(rs.getString(4)));
            add.add(v.withDeparse(null, strings(rs.getArray(5)), strings(rs.getArray(6))));
        });
        query(c, "select n.nspname, c.relname, ic.relname, pg_get_indexdef(i.indexrelid) from pg_index i join pg_class ic on ic.oid = i.indexrelid"
                + " join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace where n.nspname = any(?) and c.relkind = 'm'"
                + " order by 1, 2, 3", p, rs -> add.add(SchemaObject.of(Kind.VIEW_INDEX, rs.getString(1), rs.getString(3), rs.getString(2), rs.getString(4))));
        // a partition's own indexes: not attached to an index of its parent, and not backing a constraint (those are reported)
        query(c, "select n.nspname, c.relname, ic.relname, pg_get_indexdef(i.indexrelid) from pg_index i join pg_class ic on ic.oid = i.indexrelid"
                + " join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace join pg_inherits h on h.inhrelid = c.oid"
                + " join pg_class pc on pc.oid = h.inhparent where n.nspname = any(?) and c.relispartition and pc.relnamespace = c.relnamespace"
                + " and not exists (select 1 from pg_inherits x where x.inhrelid = i.indexrelid)"
                + " and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid and k.conrelid = c.oid)"
                + " order by 1, 2, 3", p, rs -> add.add(SchemaObject.of(Kind.PARTITION_INDEX, rs.getString(1), rs.getString(3), rs.getString(2), rs.getString(4))));
        query(c, "select n.nspname, c.relname, t.tgname, pg_get_triggerdef(t.oid), t.tgenabled from pg_trigger t join pg_class c on c.oid = t.tgrelid"
                + " join pg_namespace n on n.oid = c.relnamespace where n.nspname = any(?) and not t.tgisinternal"
                + (version >= 13 ? " and t.tgparentid = 0" : "") + NOT_EXTENSION.formatted("t.oid") + " order by 1, 2, 3", p, rs -> {
            String state = switch (rs.getString(5)) {
                case "D" -> "DISABLE";
                case "R" -> "ENABLE REPLICA";
                case "A" -> "ENABLE ALWAYS";
                default -> null;
            };
            add.add(SchemaObject.of(Kind.TRIGGER, rs.getString(1), rs.getString(3), rs.getString(2), rs.getString(4)).withState(state));
        });
        query(c, "select n.nspname, c.relname, c.relforcerowsecurity from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                + " where n.nspname = any(?) and c.relrowsecurity order by 1, 2", p,
                rs -> add.add(SchemaObject.of(Kind.ROW_SECURITY, rs.getString(1), rs.getString(2), rs.getString(2), rs.getBoolean(3) ? "FORCE" : "ENABLE")));
        query(c, "select n.nspname, c.relname, p.polname, p.polpermissive, p.polcmd,"
                + " array(select case when r = 0 then 'public' else pg_get_userbyid(r)::text end from unnest(p.polroles) r),"
                + " pg_get_expr(p.polqual, p.polrelid), pg_get_expr(p.polwithcheck, p.polrelid)"
                + " from pg_policy p join pg_class c on c.oid = p.polrelid join pg_namespace n on n.oid = c.relnamespace where n.nspname = any(?)"
                + " order by 1, 2, 3", p, rs -> {
            String cmd = switch (rs.getString(5)) {
                case "r" -> "SELECT";
                case "a" -> "INSERT";
                case "w" -> "UPDATE";
                case "d" -> "DELETE";
                default -> "ALL";
            };
            String using = rs.getString(7), check = rs.getString(8);
            add.add(SchemaObject.of(Kind.POLICY, rs.getString(1), rs.getString(3), rs.getString(2), SchemaObject.policyDefinition(rs.getBoolean(4), cmd,
                    strings(rs.getArray(6)), using == null ? null : "(" + using + ")", check == null ? null : "(" + check + ")")));
        });
        // a partition that is itself partitioned, or in another schema than its table, is left to the unmodelled report
        query(c, "select n.nspname, c.relname, pc.relname, pg_get_expr(c.relpartbound, c.oid) from pg_class c"
                + " join pg_namespace n on n.oid = c.relnamespace join pg_inherits i on i.inhrelid = c.oid join pg_class pc on pc.oid = i.inhparent"
                + " where n.nspname = any(?) and c.relispartition and c.relkind = 'r' and pc.relnamespace = c.relnamespace order by 1, 2", p,
                rs -> add.add(SchemaObject.of(Kind.PARTITION, rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4))));
        query(c, "select n.nspname, c.relname, k.conname, pg_get_constraintdef(k.oid) from pg_constraint k join pg_class c on c.oid = k.conrelid"
                + " join pg_namespace n on n.oid = c.relnamespace where n.nspname = any(?) and k.contype = 'x' and not c.relispartition"
                + (version >= 11 ? " and k.conparentid = 0" : "") + " order by 1, 2, 3", p,
                rs -> add.add(SchemaObject.of(Kind.EXCLUSION, rs.getString(1), rs.getString(3), rs.getString(2), rs.getString(4))));
        query(c, "select n.nspname, c.relname, 'INDEX ' || ic.relname, d.description from pg_index i join pg_class ic on ic.oid = i.indexrelid"
                + " join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace join pg_description d on d.objoid = i.indexrelid"
                + " and d.classoid = 'pg_class'::regclass and d.objsubid = 0 where n.nspname = any(?) and c.relkind in ('r', 'p') and not c.relispartition"
                + " union all select n.nspname, c.relname, 'CONSTRAINT ' || k.conname, d.description from pg_constraint k join pg_class c on c.oid = k.conrelid"
                + " join pg_namespace n on n.oid = c.relnamespace join pg_description d on d.objoid = k.oid and d.classoid = 'pg_constraint'::regclass"
                + " where n.nspname = any(?) and not c.relispartition"
                + " union all select n.nspname, null, case t.typtype when 'd' then 'DOMAIN ' else 'TYPE ' end || t.typname, d.description from pg_type t"
                + " join pg_namespace n on n.oid = t.typnamespace join pg_description d on d.objoid = t.oid and d.classoid = 'pg_type'::regclass"
                + " where n.nspname = any(?) and t.typtype in ('e', 'd')" + NOT_EXTENSION.formatted("t.oid") + " order by 1, 2, 3", new Object[] {in, in, in},
                rs -> add.add(SchemaObject.of(Kind.COMMENT, rs.getString(1), rs.getString(3), rs.getString(2), rs.getString(4))));
        if (f.grants()) grants(c, p, add);
        return out;
    }

    private static final String GRANTEE = " case when a.grantee = 0 then 'PUBLIC' else quote_ident(pg_get_userbyid(a.grantee)) end, a.privilege_type, a.is_grantable";

    /**
     * What each role is granted on the tables, views, sequences, columns, schemas and routines (manage_grants), from
     * their ACLs: the owner's own rights, and PostgreSQL's defaults (EXECUTE on a routine and USAGE on schema public
     * for PUBLIC), are not grants Retort manages.
     */
    private static void grants(Connection c, Object[] p, Reader add) throws SQLException {
        Map<List<String>, List<String>> items = new java.util.TreeMap<>(java.util.Comparator.comparing(Object::toString));
        CatalogRow row = (schema, type, object, role, privilege, grantable) ->
                items.computeIfAbsent(List.of(schema, type, object, role), k -> new ArrayList<>()).add(privilege + (grantable ? " WITH GRANT OPTION" : ""));
        String notExtension = NOT_EXTENSION.formatted("c.oid");
        query(c, "select n.nspname, case c.relkind when 'S' then 'SEQUENCE' else 'TABLE' end, c.relname," + GRANTEE
                + " from pg_class c join pg_namespace n on n.oid = c.relnamespace cross join lateral aclexplode(c.relacl) a"
                + " where n.nspname = any(?) and c.relkind in ('r', 'p', 'v', 'm', 'f', 'S') and a.grantee <> c.relowner" + notExtension, p,
                rs -> row.add(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getBoolean(6)));
        query(c, "select n.nspname, 'TABLE', c.relname, quote_ident(t.attname)," + GRANTEE
                + " from pg_attribute t join pg_class c on c.oid = t.attrelid join pg_namespace n on n.oid = c.relnamespace"
                + " cross join lateral aclexplode(t.attacl) a where n.nspname = any(?) and t.attnum > 0 and not t.attisdropped"
                + " and t.attacl is not null and a.grantee <> c.relowner" + notExtension, p,
                rs -> row.add(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(5), rs.getString(6) + " (" + rs.getString(4) + ")", rs.getBoolean(7)));
        query(c, "select n.nspname, 'SCHEMA', n.nspname," + GRANTEE + " from pg_namespace n cross join lateral aclexplode(n.nspacl) a"
                + " where n.nspname = any(?) and a.grantee <> n.nspowner and not (n.nspname = 'public' and a.grantee = 0)", p,
                rs -> row.add(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getBoolean(6)));
        query(c, "select n.nspname, case p.prokind when 'p' then 'PROCEDURE' else 'FUNCTION' end, p.oid::regprocedure::text," + GRANTEE
                + " from pg_proc p join pg_namespace n on n.oid = p.pronamespace cross join lateral aclexplode(p.proacl) a"
                + " where n.nspname = any(?) and p.prokind in ('f', 'p') and a.grantee <> p.proowner and not (a.grantee = 0 and a.privilege_type = 'EXECUTE')"
                + NOT_EXTENSION.formatted("p.oid"), p, rs -> {
            String prefix = quoteIdent(rs.getString(1)) + ".", sig = rs.getString(3);
            row.add(rs.getString(1), rs.getString(2), SchemaObject.signature(sig.startsWith(prefix) ? sig.substring(prefix.length()) : sig),
                    rs.getString(4), rs.getString(5), rs.getBoolean(6));
        });
        items.forEach((k, privileges) -> add.add(SchemaObject.of(Kind.GRANT, k.get(0), SchemaObject.grantName(k.get(3), k.get(1), k.get(2)),
                k.get(1).equals("TABLE") ? k.get(2) : null, SchemaObject.privileges(String.join(", ", privileges)))));
    }

    private interface CatalogRow { void add(String schema, String type, String object, String role, String privilege, boolean grantable); }

    private interface Reader { void add(SchemaObject o); }

    private static List<String> strings(Array a) throws SQLException { return a == null ? List.of() : new ArrayList<>(Arrays.asList((String[]) a.getArray())); }

    /** PostgreSQL's quote_ident for a schema name as regprocedure writes it. */
    static String quoteIdent(String s) { return s.matches("[a-z_][a-z0-9_$]*") ? s : "\"" + s.replace("\"", "\"\"") + "\""; }
}
