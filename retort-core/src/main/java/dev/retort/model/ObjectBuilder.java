package dev.retort.model;

import dev.retort.schema.SchemaObject;
import dev.retort.schema.SchemaObject.Kind;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Declares a view, function, trigger, partition, ... ({@link SchemaObject}); refines it with the databases it is for,
 * a trigger's state, or row level security's FORCE. Serves both the models and revision code.
 */
public final class ObjectBuilder {
    private final Kind kind;
    private final String schema, name, table;
    private String definition;
    private String state;
    private Set<String> dialects = Set.of();

    public ObjectBuilder(Kind kind, String schema, String name, String table, String definition) {
        this(kind, schema, name, table, definition, false);
    }

    private ObjectBuilder(Kind kind, String schema, String name, String table, String definition, boolean unknown) {
        String what = kind.label() + " " + schema + "." + name;
        this.kind = kind;
        this.schema = DeclarationException.requireName(schema, "schema of " + what);
        this.name = DeclarationException.requireName(name, kind.label() + " name");
        this.table = table == null ? null : DeclarationException.requireName(table, "table of " + what);
        if (!unknown && (definition == null || definition.isBlank() && kind != Kind.EXTENSION)) throw new DeclarationException(what + " has no definition");
        this.definition = definition;
    }

    /** One that is named only (a drop, a state change): its definition is not known. */
    public static ObjectBuilder named(Kind kind, String schema, String name, String table) { return new ObjectBuilder(kind, schema, name, table, null, true); }

    /**
     * The databases it is made on ("postgresql", "mysql", "sqlite", "h2"); on the others it is skipped with a warning.
     * Without this it is made on every database, and one that has no such objects refuses it by name.
     */
    public ObjectBuilder only(String... databases) {
        for (String d : databases) {
            if (!List.of("postgresql", "mysql", "sqlite", "h2").contains(d)) {
                throw new DeclarationException(kind.label() + " " + schema + "." + name + ": unknown database '" + d + "' (postgresql, mysql, sqlite or h2)");
            }
        }
        dialects = Set.of(databases);
        return this;
    }

    /** A trigger's firing state: "DISABLE", "ENABLE REPLICA" or "ENABLE ALWAYS" ("ENABLE" is the default). */
    public ObjectBuilder state(String s) {
        if (kind != Kind.TRIGGER) throw new DeclarationException(kind.label() + " " + schema + "." + name + " has no state; only triggers do");
        String st = s == null ? "ENABLE" : s.trim().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
        if (!List.of("ENABLE", "DISABLE", "ENABLE REPLICA", "ENABLE ALWAYS").contains(st)) {
            throw new DeclarationException("trigger " + schema + "." + name + ": state '" + s + "' is not ENABLE, DISABLE, ENABLE REPLICA or ENABLE ALWAYS");
        }
        state = st.equals("ENABLE") ? null : st;
        return this;
    }

    /** A disabled trigger (ALTER TABLE ... DISABLE TRIGGER). */
    public ObjectBuilder disabled() { return state("DISABLE"); }

    /** Row level security that binds the table's owner too (FORCE ROW LEVEL SECURITY). */
    public ObjectBuilder force() {
        if (kind != Kind.ROW_SECURITY) throw new DeclarationException(kind.label() + " " + schema + "." + name + " cannot be forced; only row level security can");
        definition = "FORCE";
        return this;
    }

    public SchemaObject build() {
        // kept as written (compared with its whitespace collapsed), so that revisions show it as the model does
        return new SchemaObject(kind, schema, name, table, definition, state, dialects, List.of(), List.of(), null);
    }
}
