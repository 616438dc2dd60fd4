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
    private record Result(Dialect dialect, Catalog from, List<Operation> operations, List<Unrepresented> unrepresented) {}

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
        if (!d.name().equals(db.name())) to = Check.restrict(d.normalize(new Catalog(to.schemas(), false)), project.filter(d).withSchemas(schemas));
        Project.reportUnmodelled(fromOnly, "diff does not compare it (in " + a + ")", strict);
        Project.reportUnmodelled(toOnly, "diff does not compare it (in " + b + ")", strict);
        return new Result(d, from, new Compare(d, project.options()).compare(from, to), toOnly);
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
