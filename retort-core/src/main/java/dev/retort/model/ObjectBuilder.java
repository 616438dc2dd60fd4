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

    /**
     * Privileges {@code role} holds on an object: {@code on} is "TABLE name" (views too), "SEQUENCE name",
     * "FUNCTION name(types)", "PROCEDURE name(types)" or "SCHEMA" (the schema itself); {@code privileges} as GRANT
     * writes them, "SELECT", "UPDATE (email, name)". Null privileges: named only (a revoke of everything).
     */
    public static ObjectBuilder grant(String schema, String on, String role, String privileges) {
        String o = on == null ? "" : on.strip();
        String type = o.contains(" ") ? o.substring(0, o.indexOf(' ')).toUpperCase(Locale.ROOT) : o.toUpperCase(Locale.ROOT);
        String object = type.equals("SCHEMA") ? schema : o.contains(" ") ? o.substring(o.indexOf(' ') + 1).strip() : "";
        if (!List.of("TABLE", "SEQUENCE", "FUNCTION", "PROCEDURE", "SCHEMA").contains(type) || object.isEmpty()) {
            throw new DeclarationException("grant to " + role + " in schema " + schema + ": '" + on
                    + "' names no object; write \"TABLE name\", \"SEQUENCE name\", \"FUNCTION name(types)\", \"PROCEDURE name(types)\" or \"SCHEMA\"");
        }
        if (type.equals("FUNCTION") || type.equals("PROCEDURE")) object = signature(object);
        String name = SchemaObject.grantName(DeclarationException.requireName(role, "role of a grant"), type, object);
        String table = type.equals("TABLE") ? object : null;
        if (privileges == null) return new ObjectBuilder(Kind.GRANT, schema, name, table, null, true);
        if (privileges.isBlank()) throw new DeclarationException("grant to " + role + " on " + on + " names no privilege");
        return new ObjectBuilder(Kind.GRANT, schema, name, table, SchemaObject.privileges(privileges), false);
    }

    /**
     * A comment on {@code on}: "INDEX name ON table", "CONSTRAINT name ON table", "TYPE name" (an enum type) or "DOMAIN
     * name"; a null text is no comment (named only: a removal).
     */
    public static ObjectBuilder comment(String schema, String on, String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)^\\s*(INDEX|CONSTRAINT|TYPE|DOMAIN)\\s+(\\S+)(?:\\s+ON\\s+(\\S+))?\\s*$")
                .matcher(on == null ? "" : on);
        String type = m.matches() ? m.group(1).toUpperCase(Locale.ROOT) : "";
        boolean onTable = type.equals("INDEX") || type.equals("CONSTRAINT");
        if (!m.matches() || onTable != (m.group(3) != null)) {
            throw new DeclarationException("comment in schema " + schema + ": '" + on
                    + "' names nothing a comment goes on; write \"INDEX name ON table\", \"CONSTRAINT name ON table\", \"TYPE name\" or \"DOMAIN name\"");
        }
        return new ObjectBuilder(Kind.COMMENT, schema, type + " " + m.group(2), m.group(3), text, text == null);
    }

    /** WITH GRANT OPTION: the role may grant these privileges on. */
    public ObjectBuilder withGrantOption() {
        if (kind != Kind.GRANT) throw new DeclarationException(kind.label() + " " + schema + "." + name + " is not a grant");
        definition = SchemaObject.privileges(String.join(", ", java.util.Arrays.stream(definition.split(",(?![^(]*\\))"))
                .map(p -> p.strip().endsWith("WITH GRANT OPTION") ? p : p.strip() + " WITH GRANT OPTION").toList()));
        return this;
    }

    /** A function's or procedure's signature as PostgreSQL writes it ("add(integer,integer)"); a malformed one is refused by name. */
    public static String signature(String signature) {
        try {
            return SchemaObject.signature(signature);
        } catch (IllegalArgumentException e) {
            throw new DeclarationException(e.getMessage());
        }
    }

    /** An exclusion constraint on a table: "USING gist (room WITH =, during WITH &&)", the EXCLUDE keyword optional. */
    public static ObjectBuilder exclusion(String schema, String table, String name, String definition) {
        String d = definition == null ? null : definition.strip().matches("(?is)^EXCLUDE\\b.*") ? definition : "EXCLUDE " + definition.strip();
        return new ObjectBuilder(Kind.EXCLUSION, schema, name, table, d);
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

    /**
     * A trigger's firing state: "DISABLE", "ENABLE REPLICA" or "ENABLE ALWAYS" ("ENABLE" is the default); a MySQL
     * view's characteristics: "SQL SECURITY INVOKER", "ALGORITHM=MERGE" or "ALGORITHM=TEMPTABLE", or both.
     */
    public ObjectBuilder state(String s) {
        if (kind == Kind.VIEW) {
            try {
                state = SchemaObject.viewCharacteristics(s);
            } catch (IllegalArgumentException e) {
                throw new DeclarationException("view " + schema + "." + name + ": " + e.getMessage());
            }
            return this;
        }
        if (kind != Kind.TRIGGER) throw new DeclarationException(kind.label() + " " + schema + "." + name + " has no state; only triggers and views do");
        String st = s == null ? "ENABLE" : s.trim().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
        if (!List.of("ENABLE", "DISABLE", "ENABLE REPLICA", "ENABLE ALWAYS").contains(st)) {
            throw new DeclarationException("trigger " + schema + "." + name + ": state '" + s + "' is not ENABLE, DISABLE, ENABLE REPLICA or ENABLE ALWAYS");
        }
        state = st.equals("ENABLE") ? null : st;
        return this;
    }

    /** A MySQL view that runs with its caller's privileges (SQL SECURITY INVOKER). */
    public ObjectBuilder securityInvoker() {
        if (kind != Kind.VIEW) throw new DeclarationException(kind.label() + " " + schema + "." + name + " has no SQL SECURITY; only views do");
        return state(state == null ? "SQL SECURITY INVOKER" : state + " SQL SECURITY INVOKER");
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
