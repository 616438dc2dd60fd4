package dev.retort.dialect;

import dev.retort.schema.SchemaObject;
import org.slf4j.LoggerFactory;

/**
 * What a database leaves out of what it was asked to make, and says so by name: objects declared for other databases,
 * PARTITION BY and ON UPDATE where it has none; which type changes need a USING conversion; and an identity column's
 * option changes.
 */
public final class Skips {
    private Skips() {}

    /**
     * Whether this database makes the object: one declared for other databases only is skipped with a warning; one of a
     * kind this database does not have is refused by name.
     */
    static boolean makes(Dialect d, SchemaObject o) {
        if (!o.isFor(d.name())) {
            LoggerFactory.getLogger("dev.retort").warn("{}: declared for {} only; skipped on {}", o.describe(), String.join(", ", o.dialects()), d.name());
            return false;
        }
        String lacks = lacks(d, o);
        if (lacks != null) throw new UnsupportedOperationException(lacks);
        return true;
    }

    /**
     * Why the database cannot make the object as declared, or null: a kind it does not have, or a view's MySQL
     * characteristics elsewhere.
     */
    static String lacks(Dialect d, SchemaObject o) {
        if (!d.objectKinds().contains(o.kind())) {
            return d.name() + " has no " + o.kind().label() + "s (" + o.describe() + "): declare it .only(\"postgresql\") where it is written for PostgreSQL";
        }
        if (o.kind() == SchemaObject.Kind.VIEW && o.state() != null && !d.name().equals("mysql")) {
            return d.name() + " has no view characteristics (" + o.state() + ", " + o.describe() + "): they are MySQL's; declare the view .only(\"mysql\")";
        }
        return null;
    }

    /** The warning for a partitioned table on a database that does not partition tables this way. */
    public static void warnNoPartitions(String dialect, String table, String key) {
        if (dialect.equals("mysql")) {
            LoggerFactory.getLogger("dev.retort").warn("mysql partitions a table in its own syntax, which Retort does not model: table {} is made whole,"
                    + " without PARTITION BY {}", table, key);
        } else LoggerFactory.getLogger("dev.retort").warn("{} has no PARTITION BY: table {} is made whole, without PARTITION BY {}", dialect, table, key);
    }

    /** The warning for a column that asks for an ON UPDATE value where the database has none. */
    public static void warnNoOnUpdate(String dialect, String column, String value) {
        LoggerFactory.getLogger("dev.retort").warn("{} has no ON UPDATE for columns: column {} is left without onUpdateValue({}) (a trigger can set it)",
                dialect.equals("postgresql") ? "PostgreSQL" : dialect.equals("sqlite") ? "SQLite" : dialect, column, value);
    }

    /** Whether PostgreSQL needs an explicit USING to convert between the two types (no assignment cast). */
    static boolean needsUsing(String from, String to) {
        if (from == null) return false;
        String a = family(from), b = family(to);
        return !a.equals(b);
    }

    private static String family(String type) {
        String base = type.replaceAll("\\(.*?\\)", "").trim();
        if (base.endsWith("[]")) return "array:" + family(base.substring(0, base.length() - 2));
        return switch (base) {
            case "character varying", "text", "character", "bpchar" -> "string";
            case "smallint", "integer", "bigint", "numeric", "real", "double precision" -> "number";
            case "timestamp without time zone", "timestamp with time zone", "date" -> "datetime";
            case "time without time zone", "time with time zone" -> "time";
            case "bit", "bit varying" -> "bit";
            case "json", "jsonb" -> "json";
            default -> base;
        };
    }

    /**
     * The SET clauses that change an identity column's sequence options, in one statement, which the database checks
     * together (a new START below the old MINVALUE); a START left to its default follows the bounds: the new MINVALUE
     * (ascending) or MAXVALUE (descending). Empty when none change.
     */
    static String identityOptionChanges(dev.retort.schema.Column.Identity from, dev.retort.schema.Column.Identity to) {
        StringBuilder options = new StringBuilder();
        if (!java.util.Objects.equals(from.min(), to.min())) options.append(to.min() == null ? " SET NO MINVALUE" : " SET MINVALUE " + to.min());
        if (!java.util.Objects.equals(from.max(), to.max())) options.append(to.max() == null ? " SET NO MAXVALUE" : " SET MAXVALUE " + to.max());
        boolean bounds = !java.util.Objects.equals(from.min(), to.min()) || !java.util.Objects.equals(from.max(), to.max());
        if (!java.util.Objects.equals(from.start(), to.start()) || bounds && to.start() == null) {
            boolean up = to.increment() == null || to.increment() > 0;
            options.append(" SET START WITH ").append(to.start() != null ? to.start() : up ? (to.min() == null ? 1 : to.min()) : (to.max() == null ? -1 : to.max()));
        }
        if (!java.util.Objects.equals(from.increment(), to.increment())) options.append(" SET INCREMENT BY ").append(to.increment() == null ? 1 : to.increment());
        if (!java.util.Objects.equals(from.cache(), to.cache())) options.append(" SET CACHE ").append(to.cache() == null ? 1 : to.cache());
        return options.toString();
    }
}
