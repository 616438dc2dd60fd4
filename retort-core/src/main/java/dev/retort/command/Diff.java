package dev.retort.command;

import dev.retort.api.RetortException;
import dev.retort.compare.Compare;
import dev.retort.config.DatabaseUrl;
import dev.retort.dialect.Dialect;
import dev.retort.dialects.Dialects;
import dev.retort.ops.Operation;
import dev.retort.runtime.Connections;
import dev.retort.dialect.Filter;
import dev.retort.schema.Catalog;
import dev.retort.schema.Unrepresented;
import dev.retort.script.RevisionSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@code diff}: what turns one database's schema into another's, as operations or as SQL for the first. */
public final class Diff {
    /** The first database's dialect and catalog, and the operations that turn it into the second's. */
    private record Result(Dialect dialect, Catalog from, List<Operation> operations, List<Unrepresented> unrepresented, String unwritable) {}

    private final Project project;

    private boolean strict;

    public Diff(Project project) { this.project = project; }

    /** {@code --strict}: fail when either database holds something Retort does not model, rather than warn. */
    public Diff strict(boolean s) {
        strict = s;
        return this;
    }

    /** What turns the first database's schema into the second's, for the given schemas (all user schemas if none). */
    public List<Operation> operations(String fromUrl, String toUrl, List<String> schemas) { return compare(fromUrl, toUrl, schemas).operations(); }

    /** The same diff as SQL for the first database. */
    public List<String> sql(String fromUrl, String toUrl, List<String> schemas) {
        Result r = compare(fromUrl, toUrl, schemas);
        if (r.unwritable() != null) throw new RetortException(r.unwritable());
        // a CREATE of a table Retort cannot reproduce whole would lose what it does not model: refuse, naming it
        for (Operation o : r.operations()) {
            if (!(o instanceof Operation.CreateTable ct)) continue;
            // the table's own kind (partitioned) first, then what is on it
            for (Unrepresented u : r.unrepresented().stream().sorted(java.util.Comparator.comparing(x -> x.table() != null)).toList()) {
                if (u.changesTable() && u.schema().equals(ct.table().schema()) && u.tableName().equals(ct.table().name())) {
                    throw new RetortException("diff --sql cannot write " + u.schema() + "." + u.tableName() + " as it is: " + u.describe()
                            + ", which Retort does not model yet; nothing was written");
                }
            }
        }
        // as autogenerate does: where tables are rebuilt to change them, one rebuild per table
        List<Operation> ops = project.config().renderAsBatch(r.dialect().rendersBatches()) ? RevisionSource.batched(r.operations()) : r.operations();
        return r.dialect().renderAll(ops, r.from());
    }

    /**
     * Each side is read by its own dialect, on a connection with that dialect's session settings. When the two are
     * different databases, the second side's catalog is taken as the first database's models are: normalised by the
     * first dialect, so what remains are the differences that database would see.
     */
    private Result compare(String fromUrl, String toUrl, List<String> schemas) {
        Duration timeout = project.config().connectTimeout();
        DatabaseUrl a = DatabaseUrl.parse(fromUrl).withConnectTimeout(timeout);
        DatabaseUrl b = DatabaseUrl.parse(toUrl).withConnectTimeout(timeout);
        Dialect d = Dialects.forUrl(a), db = Dialects.forUrl(b);
        List<Unrepresented> fromOnly = new ArrayList<>(), toOnly = new ArrayList<>();
        Catalog from = read(a, d, schemas, fromOnly), to = read(b, db, schemas, toOnly);
        if (!d.name().equals(db.name())) return across(a, b, d, db, from, to, schemas, fromOnly, toOnly);
        Project.reportUnmodelled(fromOnly, "diff does not compare it (in " + a + ")", strict);
        Project.reportUnmodelled(toOnly, "diff does not compare it (in " + b + ")", strict);
        return new Result(d, from, new Compare(d, project.options()).compare(from, to), toOnly, null);
    }

    /**
     * Two kinds of database: the PostgreSQL side is read as models are written (PostgreSQL's spelling is Retort's
     * portable one) and mapped by the other side's dialect, as a model is, so a column one revision made on both is
     * the same column (timestamptz and datetime(6), account_pkey and PRIMARY). Tables, keys, indexes and enums are
     * compared; views, functions and the rest, written in each database's own SQL, are named. SQL is written only for
     * the other side (PostgreSQL's DDL from MySQL's or SQLite's types would be a guess).
     */
    private Result across(DatabaseUrl a, DatabaseUrl b, Dialect d, Dialect db, Catalog from, Catalog to, List<String> schemas,
                          List<Unrepresented> fromOnly, List<Unrepresented> toOnly) {
        if (!d.name().equals("postgresql") && !db.name().equals("postgresql")) {
            throw new RetortException("diff between a " + d.name() + " and a " + db.name() + " database: two kinds of database are compared"
                    + " through PostgreSQL's spelling, which neither uses; compare two databases of one kind, or one of them with PostgreSQL");
        }
        boolean fromPortable = d.name().equals("postgresql");
        Dialect other = fromPortable ? db : d;
        Catalog portable = tablesOnly(fromPortable ? from : to, fromPortable ? fromOnly : toOnly);
        Catalog native_ = tablesOnly(fromPortable ? to : from, fromPortable ? toOnly : fromOnly);
        String kinds = "diff does not compare it across database kinds";
        Project.reportUnmodelled(fromOnly, kinds + " (in " + a + ")", strict);
        Project.reportUnmodelled(toOnly, kinds + " (in " + b + ")", strict);
        Catalog modelled = Check.restrict(other.normalize(new Catalog(portable.schemas(), false)), project.filter(other).withSchemas(schemas));
        List<Operation> toPortable = new Compare(other, project.options()).compare(native_, modelled);
        if (!fromPortable) return new Result(d, from, toPortable, toOnly, null);
        List<Operation> back = new ArrayList<>();
        for (Operation o : toPortable) back.add(0, o.reverse());
        return new Result(d, from, back, toOnly, "diff --sql from " + a + " to " + b + " would write PostgreSQL's DDL from " + db.name()
                + "'s types, which map to PostgreSQL's in more than one way; diff the other way (--from " + b + " --to " + a + ") for "
                + db.name() + "'s SQL, or compare two PostgreSQL databases; nothing was written");
    }

    /** The catalog's tables and enums; its views, functions, ... added to {@code named}, to be named rather than compared. */
    private static Catalog tablesOnly(Catalog c, List<Unrepresented> named) {
        java.util.Map<String, dev.retort.schema.Schema> out = new java.util.HashMap<>();
        for (dev.retort.schema.Schema s : c.schemas().values()) {
            s.objects().values().forEach(o -> named.add(new Unrepresented(o.schema(), o.name(), o.kind().label(), o.table(), null)));
            out.put(s.name(), s.withObjects(java.util.Map.of()));
        }
        return new Catalog(out, c.fromDatabase());
    }

    /** The project's own database as Retort reads it: the managed schemas (all user schemas if none are configured). */
    public Catalog database() {
        return project.withConnection((c, d) -> d.inspect(c, project.filter(d)));
    }

    private Catalog read(DatabaseUrl url, Dialect d, List<String> schemas, List<Unrepresented> unrepresented) {
        try (Connection c = Connections.open(url, d)) {
            Filter f = project.filter(d).withSchemas(schemas).ignoring(List.of());
            unrepresented.addAll(d.unrepresented(c, f));
            return d.inspect(c, f);
        } catch (SQLException e) {
            throw new RetortException("cannot read " + url + ": " + Connections.describe(e, url), e);
        }
    }
}
