package dev.retort.command;

import dev.retort.api.RetortException;
import dev.retort.compare.Compare;
import dev.retort.config.DatabaseUrl;
import dev.retort.dialect.Dialect;
import dev.retort.ops.Operation;
import dev.retort.runtime.Connections;
import dev.retort.schema.Catalog;
import dev.retort.schema.Schema;
import dev.retort.schema.SchemaObject;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A model's views, functions, triggers and policies as PostgreSQL (or H2) itself spells them: the whole model is made
 * in a scratch database on the same server (Atlas's "dev database"; for H2 one in memory), read back, and the scratch
 * database dropped. Each
 * model object then carries the server's deparse ({@link SchemaObject#normalized()}), which compares with the catalog
 * as text, whatever spacing, casing or qualification the model's SQL used; revisions still get the model's own text.
 *
 * <p>It needs CREATEDB; without it the comparison is refused, naming the privilege. The scratch database is named
 * {@code retort_scratch_<epoch seconds>_<random>}; one left behind by a killed run is dropped by a later run once it is
 * ten minutes old and nobody is connected to it.
 */
final class ScratchDeparse {
    static final SecureRandom RANDOM = new SecureRandom();
    static final long STALE_SECONDS = 600;

    private final Project project;
    private final Dialect d;
    private final DatabaseUrl url;

    ScratchDeparse(Project project, Dialect d, DatabaseUrl url) {
        this.project = project;
        this.d = d;
        this.url = url;
    }

    /** PostgreSQL, MySQL and H2 spell a view (and the rest) their own way; SQLite keeps the text that made it. */
    static boolean needed(Dialect d, Catalog target) {
        return !d.name().equals("sqlite") && target.schemas().values().stream().anyMatch(s -> !s.objects().isEmpty());
    }

    Catalog apply(Catalog target, Connection c) throws SQLException {
        if (d.name().equals("mysql")) return MySqlScratch.apply(project, d, url, target);
        if (d.name().equals("h2")) {
            // an in-memory database of its own, gone when its one connection closes
            String name = "retort_scratch_" + HexFormat.of().formatHex(RANDOM.generateSeed(6));
            try (Connection s = Connections.open(DatabaseUrl.parse("h2:mem:" + name), d)) {
                make(s, target);
                return withDeparse(target, d.inspect(s, project.filter(d).withSchemas(List.copyOf(target.schemas().keySet()))));
            }
        }
        String searchPath;
        try (PreparedStatement ps = c.prepareStatement("select current_setting('search_path')"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            searchPath = rs.getString(1);
        }
        long now = System.currentTimeMillis() / 1000;
        String name = "retort_scratch_" + now + "_" + HexFormat.of().formatHex(RANDOM.generateSeed(4));
        try (Connection admin = Connections.open(url, d); Statement st = admin.createStatement()) {
            dropStale(admin, now);
            try {
                st.execute("CREATE DATABASE " + d.quote(name));
            } catch (SQLException e) {
                throw new RetortException("comparing the models' views, functions, triggers and policies needs a scratch database on " + url.server()
                        + ", and CREATE DATABASE failed: " + firstLine(e) + " (grant CREATEDB to " + (url.user() == null ? "the user Retort logs in as" : url.user()) + ")");
            }
        }
        try {
            Catalog made;
            try (Connection s = Connections.open(url.withDatabase(name), d)) {
                try (PreparedStatement ps = s.prepareStatement("select set_config('search_path', ?, false)")) {
                    ps.setString(1, searchPath);
                    ps.executeQuery().close();
                }
                make(s, target);
                made = d.inspect(s, project.filter(d).withSchemas(List.copyOf(target.schemas().keySet())));
            }
            return withDeparse(target, made);
        } finally {
            try (Connection admin = Connections.open(url, d); Statement st = admin.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + d.quote(name) + (admin.getMetaData().getDatabaseMajorVersion() >= 13 ? " WITH (FORCE)" : ""));
            }
        }
    }

    /** Runs the model's whole creation, each operation on its own so that a failure names what the model declares wrongly. */
    private void make(Connection s, Catalog target) throws SQLException { make(project, d, s, target); }

    static void make(Project project, Dialect d, Connection s, Catalog target) throws SQLException {
        Catalog empty = new Catalog(Map.of(d.defaultSchema(), Schema.empty(d.defaultSchema())), true);
        List<Operation> ops = new Compare(d, project.options()).compare(empty, target);
        try (Statement st = s.createStatement()) {
            for (Operation op : ops) {
                for (String sql : d.renderAll(List.of(op), empty)) {
                    try {
                        st.execute(sql);
                    } catch (SQLException e) {
                        throw new RetortException("the models' " + op.target() + " cannot be made (in a scratch database): " + firstLine(e));
                    }
                }
            }
        }
    }

    /** The target with each object's deparse from the scratch database; an object the scratch database lacks is named. */
    static Catalog withDeparse(Catalog target, Catalog made) {
        Map<String, Schema> out = new HashMap<>();
        for (Schema s : target.schemas().values()) {
            Map<String, SchemaObject> objects = new HashMap<>();
            Map<String, SchemaObject> there = made.schemas().containsKey(s.name()) ? made.schemas().get(s.name()).objects() : Map.of();
            for (SchemaObject o : s.objects().values()) {
                SchemaObject m = there.get(o.key());
                if (m == null) throw new RetortException(missing(o, there));
                objects.put(o.key(), o.withDeparse(m.definition(), m.dependsOn(), m.columns()));
            }
            out.put(s.name(), s.withObjects(objects));
        }
        return new Catalog(out, target.fromDatabase());
    }

    private static String missing(SchemaObject o, Map<String, SchemaObject> there) {
        if (o.kind() == SchemaObject.Kind.FUNCTION || o.kind() == SchemaObject.Kind.PROCEDURE) {
            String bare = o.name().substring(0, o.name().indexOf('('));
            List<String> alike = new ArrayList<>();
            for (SchemaObject m : there.values()) if (m.kind() == o.kind() && m.name().startsWith(bare + "(")) alike.add(m.name());
            return "the models' " + o.describe() + ": its SQL makes " + (alike.isEmpty() ? "no " + o.kind().label() + " of that name in schema " + o.schema()
                    : String.join(", ", alike) + "; declare the signature as PostgreSQL writes it");
        }
        return "the models' " + o.describe() + ": its SQL makes something else (the names in the statement and in the model differ)";
    }

    /** Scratch databases of runs that were killed: older than ten minutes, nobody connected. */
    private void dropStale(Connection admin, long now) {
        dropStale(admin, d, now, "select datname from pg_database d where datname ~ '^retort_scratch_[0-9]+_[0-9a-f]+$'"
                + " and not exists (select 1 from pg_stat_activity a where a.datid = d.oid)");
    }

    /** Drops the scratch databases {@code unused} lists (named retort_scratch_EPOCH_...) that are older than ten minutes. */
    static void dropStale(Connection admin, Dialect d, long now, String unused) {
        try (PreparedStatement ps = admin.prepareStatement(unused); ResultSet rs = ps.executeQuery()) {
            List<String> stale = new ArrayList<>();
            while (rs.next()) {
                String[] parts = rs.getString(1).split("_");
                if (parts.length >= 4 && parts[2].matches("[0-9]+") && now - Long.parseLong(parts[2]) > STALE_SECONDS) stale.add(rs.getString(1));
            }
            try (Statement st = admin.createStatement()) {
                for (String n : stale) st.execute("DROP DATABASE IF EXISTS " + d.quote(n));
            }
        } catch (SQLException e) {
            Project.log.debug("stale scratch databases left: {}", e.getMessage());
        }
    }

    static String firstLine(SQLException e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
