package dev.retort.dialect.postgres;

import java.sql.Statement;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import static dev.retort.dialect.CatalogQuery.query;

import dev.retort.dialect.Filter;
import dev.retort.dialect.TableParts;
import dev.retort.schema.Catalog;
import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Column;
import dev.retort.schema.Domain;
import dev.retort.schema.EnumType;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.Index;
import dev.retort.schema.PrimaryKey;
import dev.retort.schema.Schema;
import dev.retort.schema.SchemaObject;
import dev.retort.schema.Sequence;
import dev.retort.schema.Table;
import dev.retort.schema.UniqueConstraint;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a PostgreSQL catalog in one query per kind of object (schemas, tables, columns, constraints, indexes,
 * sequences, enums), for all managed schemas at once: never a query per table.
 */
final class PostgresInspector {
    private final PostgresDialect dialect;

    PostgresInspector(PostgresDialect dialect) { this.dialect = dialect; }

    /** Restricts a query on pg_class alias {@code c} in namespace {@code n} to the managed schemas and tables. */
    private static final String REL_FILTER = " and n.nspname = any(?) and (cardinality(?::text[]) = 0 or c.relname ~ any(?::text[])"
            + " or (n.nspname || '.' || c.relname) ~ any(?::text[])) and not (c.relname ~ any(?::text[]))"
            + " and not ((n.nspname || '.' || c.relname) ~ any(?::text[])) and not ((n.nspname || '.' || c.relname) = any(?::text[]))";

    private final class Builder {
        final Map<String, Map<String, TableParts>> tables = new TreeMap<>();

        TableParts table(String schema, String name) {
            Map<String, TableParts> s = tables.get(schema);
            return s == null ? null : s.get(name);
        }
    }

    /**
     * Catalog queries over thousands of tables cross PostgreSQL's JIT cost threshold, and compiling them costs more than
     * running them (0.7 s against 0.2 s for 4,000 indexes), so JIT is off while they run.
     */
    Catalog inspect(Connection c, Filter filter) throws SQLException { return inspect(c, filter, null); }

    /**
     * With {@code helpers} (a source of more connections to the same database), a large catalog is read on three
     * connections at once, all in one exported snapshot, so they see the same state: columns and indexes on two
     * helpers while the main connection reads constraints and the rest.
     */
    Catalog inspect(Connection c, Filter filter, Supplier<Connection> helpers) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET jit = off");
        }
        try {
            return read(c, filter, helpers);
        } finally {
            try (Statement s = c.createStatement()) {
                s.execute("RESET jit");
            }
        }
    }

    /** Tables from which reading in parallel pays for opening two more connections. */
    static final int PARALLEL_FROM_TABLES = 500;

    private static final ExecutorService READERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "retort-catalog");
        t.setDaemon(true);
        return t;
    });

    interface Part { void read(Connection c, Object[] relParams) throws SQLException; }

    /** Runs two parts on helper connections that import {@code snapshot}, while the caller goes on. */
    private List<Future<Void>> startHelpers(Supplier<Connection> helpers, String snapshot, Filter filter,
                                                                 List<String> schemas, List<Connection> opened, Part... parts) throws SQLException {
        List<Future<Void>> out = new ArrayList<>();
        for (Part part : parts) {
            Connection h = helpers.get();
            opened.add(h);
            h.setAutoCommit(false);
            h.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try (Statement s = h.createStatement()) {
                s.execute("SET TRANSACTION SNAPSHOT '" + snapshot.replace("'", "''") + "'");
                s.execute("SET LOCAL jit = off");
            }
            Object[] params = relParams(h, filter, schemas);
            out.add(READERS.submit(() -> {
                part.read(h, params);
                return null;
            }));
        }
        return out;
    }

    private Catalog read(Connection c, Filter filter, Supplier<Connection> helpers) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        int isolation = c.getTransactionIsolation();
        List<Connection> opened = new ArrayList<>();
        try {
            if (helpers != null) {
                c.setAutoCommit(false);
                c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            }
            return readCatalog(c, filter, helpers, opened);
        } finally {
            for (Connection h : opened) {
                try {
                    h.rollback();
                    h.close();
                } catch (SQLException ignored) {
                    // a read-only helper: nothing to keep
                }
            }
            if (helpers != null) {
                c.rollback();
                c.setAutoCommit(autoCommit);
                c.setTransactionIsolation(isolation);
            }
        }
    }

    private Catalog readCatalog(Connection c, Filter filter, Supplier<Connection> helpers, List<Connection> opened) throws SQLException {
        List<String> schemas = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "select nspname from pg_namespace where nspname !~ '^pg_' and nspname <> 'information_schema' order by 1");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) if (filter.includesSchema(rs.getString(1))) schemas.add(rs.getString(1));
        }
        Builder b = new Builder();
        for (String s : schemas) b.tables.put(s, new TreeMap<>());
        Object[] relParams = relParams(c, filter, schemas);

        query(c, "select n.nspname, c.relname, obj_description(c.oid, 'pg_class'), case when c.relkind = 'p' then pg_get_partkeydef(c.oid) end"
                + " from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                + " where c.relkind in ('r', 'p') and not c.relispartition" + REL_FILTER
                + " and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')"
                + " order by 1, 2", relParams, rs -> {
            TableParts t = new TableParts(rs.getString(1), rs.getString(2), rs.getString(3));
            t.partitionBy = rs.getString(4);
            b.tables.get(rs.getString(1)).put(rs.getString(2), t);
        });
        int tableCount = b.tables.values().stream().mapToInt(Map::size).sum();
        if (helpers != null && tableCount >= PARALLEL_FROM_TABLES) {
            String snapshot;
            try (PreparedStatement ps = c.prepareStatement("select pg_export_snapshot()"); ResultSet rs = ps.executeQuery()) {
                rs.next();
                snapshot = rs.getString(1);
            }
            List<Future<Void>> running = startHelpers(helpers, snapshot, filter, schemas, opened,
                    (h, p) -> readColumns(h, b, p), (h, p) -> readIndexes(h, b, p));
            readConstraints(c, b, relParams);
            for (Future<Void> f : running) {
                try {
                    f.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SQLException("interrupted while reading the catalog", e);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof SQLException se) throw se;
                    throw new IllegalStateException(e.getCause());
                }
            }
        } else {
            readColumns(c, b, relParams);
            readConstraints(c, b, relParams);
            readIndexes(c, b, relParams);
        }

        Map<String, Map<String, Sequence>> sequences = new HashMap<>();
        query(c, "select n.nspname, c.relname, format_type(s.seqtypid, null), s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle,"
                + " (select rc.relname || '.' || a.attname from pg_depend d join pg_class rc on rc.oid = d.refobjid"
                + "   join pg_attribute a on a.attrelid = d.refobjid and a.attnum = d.refobjsubid"
                + "   where d.objid = c.oid and d.classid = 'pg_class'::regclass and d.refclassid = 'pg_class'::regclass and d.deptype = 'a' limit 1)"
                + " from pg_sequence s join pg_class c on c.oid = s.seqrelid join pg_namespace n on n.oid = c.relnamespace"
                + " where n.nspname = any(?) and not exists (select 1 from pg_depend d where d.objid = c.oid and d.classid = 'pg_class'::regclass and d.deptype = 'i')"
                + " order by 1, 2", new Object[] {array(c, schemas)}, rs -> {
            Sequence seq = new Sequence(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
                    rs.getLong(7), rs.getLong(8), rs.getBoolean(9), rs.getString(10));
            sequences.computeIfAbsent(seq.schema(), k -> new HashMap<>()).put(seq.name(), PostgresTypes.canonicalSequence(seq));
        });

        Map<String, Map<String, EnumType>> enums = new HashMap<>();
        query(c, "select n.nspname, t.typname, array_agg(e.enumlabel::text order by e.enumsortorder) from pg_type t"
                + " join pg_enum e on e.enumtypid = t.oid join pg_namespace n on n.oid = t.typnamespace"
                + " where n.nspname = any(?) group by 1, 2 order by 1, 2", new Object[] {array(c, schemas)}, rs -> {
            List<String> values = Arrays.asList((String[]) rs.getArray(3).getArray());
            enums.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(rs.getString(2), new EnumType(rs.getString(1), rs.getString(2), values));
        });

        Map<String, Map<String, Domain>> domains = new HashMap<>();
        query(c, "select n.nspname, t.typname, format_type(t.typbasetype, t.typtypmod), bt.typnamespace = 'pg_catalog'::regnamespace,"
                + " btn.nspname, bt.typname, t.typnotnull, t.typdefault,"
                + " case when t.typcollation <> bt.typcollation then (select collname from pg_collation where oid = t.typcollation) end,"
                + " obj_description(t.oid, 'pg_type'),"
                + " array(select k.conname::text from pg_constraint k where k.contypid = t.oid and k.contype = 'c' order by k.conname),"
                + " array(select pg_get_constraintdef(k.oid, true) from pg_constraint k where k.contypid = t.oid and k.contype = 'c' order by k.conname)"
                + " from pg_type t join pg_namespace n on n.oid = t.typnamespace join pg_type bt on bt.oid = t.typbasetype"
                + " join pg_namespace btn on btn.oid = bt.typnamespace"
                + " where t.typtype = 'd' and n.nspname = any(?) order by 1, 2", new Object[] {array(c, schemas)}, rs -> {
            String base = rs.getBoolean(4) ? rs.getString(3) : dialect.quote(rs.getString(5)) + "." + dialect.quote(rs.getString(6));
            String[] names = (String[]) rs.getArray(11).getArray();
            String[] defs = (String[]) rs.getArray(12).getArray();
            List<CheckConstraint> checks = new ArrayList<>();
            for (int i = 0; i < names.length; i++) checks.add(new CheckConstraint(names[i], checkBody(defs[i])));
            // its comment is read as a comment object (PostgresObjects)
            Domain d = new Domain(rs.getString(1), rs.getString(2), base, rs.getBoolean(7), rs.getString(8), rs.getString(9), checks, null);
            domains.computeIfAbsent(d.schema(), k -> new HashMap<>()).put(d.name(), d);
        });

        Map<String, Map<String, SchemaObject>> objects = PostgresObjects.read(c, filter, schemas);
        Map<String, Schema> out = new LinkedHashMap<>();
        for (String s : schemas) {
            Map<String, Table> tables = new HashMap<>();
            b.tables.get(s).forEach((k, v) -> tables.put(k, v.build()));
            out.put(s, new Schema(s, tables, sequences.getOrDefault(s, Map.of()), enums.getOrDefault(s, Map.of()), domains.getOrDefault(s, Map.of()),
                    objects.getOrDefault(s, Map.of())));
        }
        return new Catalog(out, true);
    }

    private Object[] relParams(Connection c, Filter f, List<String> schemas) throws SQLException {
        Array include = array(c, Filter.regexes(f.includeTables()));
        Array exclude = array(c, Filter.regexes(f.excludeTables()));
        return new Object[] {array(c, schemas), include, include, include, exclude, exclude, array(c, List.copyOf(f.ignoredQualified()))};
    }

    private void readColumns(Connection c, Builder b, Object[] relParams) throws SQLException {
        query(c, "select n.nspname, c.relname, a.attname, format_type(a.atttypid, a.atttypmod),"
                + " case when et.oid is not null then et.typnamespace else t.typnamespace end = 'pg_catalog'::regnamespace,"
                + " tn.nspname, coalesce(et.typname, t.typname), et.oid is not null,"
                + " a.attnotnull, pg_get_expr(d.adbin, d.adrelid), a.attidentity, a.attgenerated,"
                + " dsc.description,"
                + " case when a.attcollation <> t.typcollation and a.attcollation <> 0 then (select collname from pg_collation where oid = a.attcollation) end,"
                + " s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache"
                + " from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace"
                + " join pg_type t on t.oid = a.atttypid left join pg_type et on et.oid = t.typelem and t.typcategory = 'A'"
                + " join pg_namespace tn on tn.oid = coalesce(et.typnamespace, t.typnamespace)"
                + " left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum"
                + " left join pg_description dsc on dsc.objoid = c.oid and dsc.classoid = 'pg_class'::regclass and dsc.objsubid = a.attnum"
                + " left join pg_depend dep on a.attidentity <> '' and dep.refobjid = c.oid and dep.refobjsubid = a.attnum"
                + "   and dep.deptype = 'i' and dep.classid = 'pg_class'::regclass"
                + " left join pg_sequence s on s.seqrelid = dep.objid"
                + " where a.attnum > 0 and not a.attisdropped and c.relkind in ('r', 'p') and not c.relispartition" + REL_FILTER
                + " order by 1, 2, a.attnum", relParams, rs -> {
            TableParts t = b.table(rs.getString(1), rs.getString(2));
            if (t == null) return;
            String type = rs.getBoolean(5) ? rs.getString(4)
                    : dialect.quote(rs.getString(6)) + "." + dialect.quote(rs.getString(7)) + (rs.getBoolean(8) ? "[]" : "");
            String def = rs.getString(10);
            String identityKind = rs.getString(11);
            String generatedKind = rs.getString(12);
            Column.Identity identity = null;
            if (identityKind != null && !identityKind.isEmpty()) {
                identity = PostgresTypes.canonicalIdentity(new Column.Identity("a".equals(identityKind), rs.getLong(15), rs.getLong(16), rs.getLong(17),
                        rs.getLong(18), rs.getLong(19)), type);
            }
            String generated = null;
            if ("s".equals(generatedKind)) { generated = def; def = null; }
            t.columns.add(new Column(rs.getString(3), type, !rs.getBoolean(9), def, identity, generated, rs.getString(14), rs.getString(13)));
        });
    }

    private void readConstraints(Connection c, Builder b, Object[] relParams) throws SQLException {
        query(c, "select n.nspname, c.relname, k.conname, k.contype,"
                + " array(select a.attname::text from unnest(k.conkey) with ordinality u(attnum, ord)"
                + "   join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.attnum order by u.ord),"
                + " rn.nspname, rc.relname,"
                + " array(select a.attname::text from unnest(k.confkey) with ordinality u(attnum, ord)"
                + "   join pg_attribute a on a.attrelid = k.confrelid and a.attnum = u.attnum order by u.ord),"
                + " k.confdeltype, k.confupdtype, k.condeferrable, k.condeferred,"
                // the definition is read for checks (their text) and unique keys (NULLS NOT DISTINCT, which PostgreSQL 15
                // also records on the index): deparsing every constraint took a third of this query
                + " case when k.contype = 'c' then pg_get_constraintdef(k.oid, true) when k.contype = 'u' then "
                + (c.getMetaData().getDatabaseMajorVersion() >= 15
                        ? "case when (select i.indnullsnotdistinct from pg_index i where i.indexrelid = k.conindid) then 'UNIQUE NULLS NOT DISTINCT' else 'UNIQUE' end"
                        : "pg_get_constraintdef(k.oid, true)")
                + " else '' end, k.confmatchtype::text"
                + " from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace"
                + " left join pg_class rc on rc.oid = k.confrelid left join pg_namespace rn on rn.oid = rc.relnamespace"
                + " where k.contype in ('p', 'u', 'f', 'c') and c.relkind in ('r', 'p') and not c.relispartition"
                + " and k.conparentid = 0" + REL_FILTER + " order by 1, 2, 3", relParams, rs -> {
            TableParts t = b.table(rs.getString(1), rs.getString(2));
            if (t == null) return;
            String name = rs.getString(3);
            List<String> cols = Arrays.asList((String[]) rs.getArray(5).getArray());
            switch (rs.getString(4)) {
                case "p" -> t.pk = new PrimaryKey(name, cols);
                case "u" -> t.uniques.put(name, new UniqueConstraint(name, cols, rs.getBoolean(11), rs.getBoolean(12),
                        rs.getString(13).startsWith("UNIQUE NULLS NOT DISTINCT")));
                case "c" -> t.checks.add(new CheckConstraint(name, checkBody(rs.getString(13)), rs.getString(13).endsWith(" NO INHERIT")));
                case "f" -> t.fks.put(name, new ForeignKey(name, cols, rs.getString(6), rs.getString(7),
                        Arrays.asList((String[]) rs.getArray(8).getArray()), action(rs.getString(9)), action(rs.getString(10)),
                        rs.getBoolean(11), rs.getBoolean(12), "f".equals(rs.getString(14))));
                default -> { }
            }
        });
    }

    /** "CHECK ((price > (0)::numeric))" → "(price > (0)::numeric)". */
    static String checkBody(String def) {
        String d = def.trim();
        if (d.endsWith(" NOT VALID")) d = d.substring(0, d.length() - 10);
        if (d.endsWith(" NO INHERIT")) d = d.substring(0, d.length() - 11);
        if (d.startsWith("CHECK (") && d.endsWith(")")) d = d.substring(7, d.length() - 1);
        return d;
    }

    private static String action(String code) {
        return switch (code) {
            case "c" -> "CASCADE";
            case "n" -> "SET NULL";
            case "d" -> "SET DEFAULT";
            case "r" -> "RESTRICT";
            default -> null;
        };
    }

    private void readIndexes(Connection c, Builder b, Object[] relParams) throws SQLException {
        query(c, "select n.nspname, c.relname, ic.relname, i.indisunique, am.amname, pg_get_expr(i.indpred, i.indrelid, true),"
                + " array(select case when i.indkey[k - 1] <> 0"
                + "     then (select case when a.attname ~ '[[:space:]\"]' then '\"' || replace(a.attname, '\"', '\"\"') || '\"' else a.attname::text end"
                + "           from pg_attribute a where a.attrelid = i.indrelid and a.attnum = i.indkey[k - 1])"
                + "     else '(' || pg_get_indexdef(i.indexrelid, k, true) || ')' end"
                + "   || case when k > i.indnkeyatts or i.indcollation[k - 1] = 0 or i.indcollation[k - 1] = coalesce((select a.attcollation"
                + "        from pg_attribute a where a.attrelid = i.indrelid and a.attnum = i.indkey[k - 1] and i.indkey[k - 1] <> 0), 100) then ''"
                + "      else (select ' COLLATE ' || quote_ident(co.collname) from pg_collation co where co.oid = i.indcollation[k - 1]) end"
                + "   || case when k > i.indnkeyatts then '' else (select case when oc.opcdefault then ''"
                + "        else ' ' || case when ocn.nspname = 'pg_catalog' then quote_ident(oc.opcname) else quote_ident(ocn.nspname) || '.' || quote_ident(oc.opcname) end end"
                + "        from pg_opclass oc join pg_namespace ocn on ocn.oid = oc.opcnamespace where oc.oid = i.indclass[k - 1]) end"
                + "   || case when k > i.indnkeyatts then ''"
                + "      when i.indoption[k - 1] & 3 = 3 then ' DESC' when i.indoption[k - 1] & 1 = 1 then ' DESC NULLS LAST'"
                + "      when i.indoption[k - 1] & 2 = 2 then ' NULLS FIRST' else '' end"
                + "   from generate_series(1, i.indnatts) k order by k), i.indnkeyatts,"
                // PostgreSQL 15 records NULLS NOT DISTINCT; deparsing every index to look for it took half of this query
                + (c.getMetaData().getDatabaseMajorVersion() >= 15 ? " i.indnullsnotdistinct," : " false,")
                + " array_to_string(ic.reloptions, ', ')"
                + " from pg_index i join pg_class ic on ic.oid = i.indexrelid join pg_class c on c.oid = i.indrelid"
                + " join pg_namespace n on n.oid = c.relnamespace join pg_am am on am.oid = ic.relam"
                + " where c.relkind in ('r', 'p') and not c.relispartition and ic.relkind in ('i', 'I')"
                + " and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid and k.contype in ('p', 'u', 'x'))"
                + REL_FILTER + " order by 1, 2, 3", relParams, rs -> {
            TableParts t = b.table(rs.getString(1), rs.getString(2));
            if (t == null) return;
            List<String> all = Arrays.asList((String[]) rs.getArray(7).getArray());
            int keys = rs.getInt(8);
            t.indexes.put(rs.getString(3), new Index(rs.getString(3), all.subList(0, keys), rs.getBoolean(4), rs.getString(6), rs.getString(5),
                    all.subList(keys, all.size()), rs.getBoolean(9), rs.getString(10)));
        });
    }

    private static Array array(Connection c, List<String> values) throws SQLException {
        return c.createArrayOf("text", values.toArray());
    }
}
