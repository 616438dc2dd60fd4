package dev.retort.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * A schema object beyond tables, kept as the SQL text that defines it: a view, materialized view (and its indexes),
 * function, procedure, trigger, policy, row level security, extension, partition or exclusion constraint.
 *
 * <ul>
 *   <li>{@code name}: the object's name; a function's or procedure's is its signature, {@code name(identity argument types)}.</li>
 *   <li>{@code table}: the table (or materialized view) it belongs to: a trigger's, a policy's, a partition's parent, an
 *       index's view; null for the others.</li>
 *   <li>{@code definition}: per kind, see {@link Kind}. Read from a database it is the server's own deparse, so two
 *       definitions read from databases compare as text; a model's is normalised the same way before comparing. Null
 *       when unknown (a drop written by hand).</li>
 *   <li>{@code state}: a trigger's firing state when not the default ("DISABLE", "ENABLE REPLICA", "ENABLE ALWAYS"); a
 *       MySQL view's characteristics when not the default ({@link #viewCharacteristics}); or null.</li>
 *   <li>{@code dialects}: the databases it is declared for (empty: every database that has such objects); elsewhere it is
 *       skipped with a warning.</li>
 *   <li>{@code dependsOn}: "schema.name" of the tables and views a view reads (read from the catalog's dependencies),
 *       for ordering only; never compared.</li>
 *   <li>{@code columns}: a view's columns as "name type", or a function's "returns type", when read from a database,
 *       to tell whether CREATE OR REPLACE may replace it; never compared.</li>
 *   <li>{@code normalized}: for a model's object, the database's own deparse of {@code definition} (made in a scratch
 *       database), which is what is compared with the catalog; {@code definition} stays as the model wrote it, and is
 *       what revisions make. Null otherwise.</li>
 * </ul>
 */
public record SchemaObject(Kind kind, String schema, String name, String table, String definition, String state, Set<String> dialects,
                           List<String> dependsOn, List<String> columns, String normalized) {

    /** The kinds, in the order they are created (dropped in the reverse order). */
    public enum Kind {
        /** definition: empty (the version is the server's business). */
        EXTENSION("extension"),
        /** definition: the whole CREATE [OR REPLACE] FUNCTION statement. */
        FUNCTION("function"),
        /** definition: the whole CREATE [OR REPLACE] PROCEDURE statement. */
        PROCEDURE("procedure"),
        /** definition: "FOR VALUES ..." or "DEFAULT"; table: the partitioned table. */
        PARTITION("partition"),
        /** definition: the whole CREATE INDEX statement; table: the partition, which has the index alone (not through its parent). */
        PARTITION_INDEX("index of a partition alone"),
        /** definition: "EXCLUDE USING gist (...)"; table: its table. */
        EXCLUSION("exclusion constraint"),
        /** definition: the SELECT. */
        VIEW("view"),
        /** definition: the SELECT. */
        MATERIALIZED_VIEW("materialized view"),
        /** definition: the whole CREATE INDEX statement; table: the materialized view. */
        VIEW_INDEX("index on a materialized view"),
        /** definition: the whole CREATE TRIGGER statement; table: its table. */
        TRIGGER("trigger"),
        /** definition: "ENABLE" or "FORCE" (enabled and forced on the owner too); name and table: the table. */
        ROW_SECURITY("row level security"),
        /** definition: "AS PERMISSIVE|RESTRICTIVE FOR command TO roles [USING (...)] [WITH CHECK (...)]"; table: its table. */
        POLICY("policy"),
        /**
         * Privileges one role holds on one object (manage_grants): name "role ON TYPE object" (TABLE, SEQUENCE, SCHEMA,
         * FUNCTION, PROCEDURE; a view is a TABLE); table: the relation, for a TABLE; definition: {@link #privileges}.
         */
        GRANT("grant"),
        /**
         * A comment on an index, constraint, enum type or domain: name "INDEX name", "CONSTRAINT name", "TYPE name" or
         * "DOMAIN name"; table: the index's or constraint's table; definition: the text.
         */
        COMMENT("comment");

        private final String label;

        Kind(String label) { this.label = label; }

        /** "materialized view" */
        public String label() { return label; }
    }

    public SchemaObject {
        definition = definition == null ? null : definition.strip();
        dialects = dialects == null ? Set.of() : Set.copyOf(new TreeSet<>(dialects));
        dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
        columns = columns == null ? List.of() : List.copyOf(columns);
    }

    public static SchemaObject of(Kind kind, String schema, String name, String table, String definition) {
        return new SchemaObject(kind, schema, name, table, definition, null, Set.of(), List.of(), List.of(), null);
    }

    /** What identifies it within its schema: kind, table and name. */
    public String key() { return kind.name().toLowerCase(Locale.ROOT) + ":" + (table == null ? "" : table + ".") + name; }

    /** "view public.active_accounts", "trigger touch on public.account" */
    public String describe() {
        if (kind == Kind.COMMENT) {
            String[] on = name.split(" ", 2);
            return "comment on " + on[0].toLowerCase(Locale.ROOT) + " " + (table == null ? schema + "." + on[1] : on[1] + " on " + schema + "." + table);
        }
        if (kind == Kind.GRANT) {
            String[] g = grant();
            return "grant to " + g[0] + " on " + g[1].toLowerCase(Locale.ROOT) + " " + (g[1].equals("SCHEMA") ? g[2] : schema + "." + g[2]);
        }
        return kind.label() + " " + (table == null || kind == Kind.ROW_SECURITY ? schema + "." + name : name + " on " + schema + "." + table);
    }

    /** A grant's name as {role, object type, object name}: "app ON TABLE account" gives {"app", "TABLE", "account"}. */
    public String[] grant() {
        int on = name.indexOf(" ON ");
        String rest = name.substring(on + 4);
        int sp = rest.indexOf(' ');
        return new String[] {name.substring(0, on), rest.substring(0, sp), rest.substring(sp + 1)};
    }

    /** A grant's name: the role (quoted where it must be, PUBLIC as such), the object's type and name. */
    public static String grantName(String role, String type, String object) {
        String r = role.equalsIgnoreCase("public") ? "PUBLIC" : role.matches("[a-z_][a-z0-9_$]*") || role.matches("\"([^\"]|\"\")*\"") ? role
                : "\"" + role.replace("\"", "\"\"") + "\"";
        return r + " ON " + type.toUpperCase(Locale.ROOT) + " " + object;
    }

    /**
     * Privileges in one spelling, the same from a model and from the catalog: upper case, a privilege's columns merged
     * and sorted ("UPDATE (email, name)"), "WITH GRANT OPTION" after each that carries it, the list sorted.
     */
    public static String privileges(String list) {
        java.util.Map<String, java.util.TreeSet<String>> columns = new java.util.TreeMap<>();
        java.util.TreeSet<String> whole = new java.util.TreeSet<>();
        for (String item : list.split(",(?![^(]*\\))")) {
            String it = item.strip().replaceAll("\\s+", " ");
            if (it.isEmpty()) continue;
            boolean option = it.toUpperCase(Locale.ROOT).endsWith(" WITH GRANT OPTION");
            if (option) it = it.substring(0, it.length() - " WITH GRANT OPTION".length()).strip();
            String suffix = option ? " WITH GRANT OPTION" : "";
            int p = it.indexOf('(');
            if (p < 0) whole.add(it.toUpperCase(Locale.ROOT) + suffix);
            else {
                String priv = it.substring(0, p).strip().toUpperCase(Locale.ROOT) + suffix;
                for (String c : it.substring(p + 1, it.lastIndexOf(')')).split(",")) columns.computeIfAbsent(priv, k -> new java.util.TreeSet<>()).add(c.strip());
            }
        }
        java.util.TreeSet<String> all = new java.util.TreeSet<>(whole);
        columns.forEach((priv, cols) -> {
            int o = priv.indexOf(" WITH GRANT OPTION");
            String bare = o < 0 ? priv : priv.substring(0, o);
            all.add(bare + " (" + String.join(", ", cols) + ")" + (o < 0 ? "" : " WITH GRANT OPTION"));
        });
        return String.join(", ", all);
    }

    /** Whether it is made on the named database ("postgresql", "mysql", "sqlite", "h2"). */
    public boolean isFor(String dialect) { return dialects.isEmpty() || dialects.contains(dialect); }

    /** Whether the two say the same: kind, place, definition and state. Text from a model is compared with its whitespace collapsed. */
    public boolean sameAs(SchemaObject o, boolean exact) {
        String a = compared(), b = o.compared();
        if (!key().equals(o.key()) || !java.util.Objects.equals(state, o.state) || a == null || b == null) return false;
        return exact ? a.equals(b) : collapse(a).equals(collapse(b));
    }

    /**
     * A MySQL view's characteristics in one spelling, the defaults (ALGORITHM=UNDEFINED, SQL SECURITY DEFINER) left
     * out: "ALGORITHM=MERGE SQL SECURITY INVOKER", or null when none is not the default.
     */
    public static String viewCharacteristics(String text) {
        if (text == null) return null;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)^\\s*(?:ALGORITHM\\s*=\\s*(UNDEFINED|MERGE|TEMPTABLE)\\s*)?(?:SQL\\s+SECURITY\\s+(DEFINER|INVOKER))?\\s*$")
                .matcher(text);
        if (!m.matches()) throw new IllegalArgumentException("'" + text + "' is not ALGORITHM=UNDEFINED|MERGE|TEMPTABLE and/or SQL SECURITY DEFINER|INVOKER");
        List<String> out = new ArrayList<>();
        if (m.group(1) != null && !m.group(1).equalsIgnoreCase("UNDEFINED")) out.add("ALGORITHM=" + m.group(1).toUpperCase(Locale.ROOT));
        if (m.group(2) != null && m.group(2).equalsIgnoreCase("INVOKER")) out.add("SQL SECURITY INVOKER");
        return out.isEmpty() ? null : String.join(" ", out);
    }

    /** What is compared: the database's spelling where known. */
    public String compared() { return normalized != null ? normalized : definition; }

    /**
     * A policy's definition as Retort keeps it, the same from a model and from the catalog: "AS PERMISSIVE FOR ALL TO
     * public USING (...) WITH CHECK (...)", roles sorted and quoted where they must be. Expressions are given with
     * their own parentheses.
     */
    public static String policyDefinition(boolean permissive, String command, List<String> roles, String using, String check) {
        List<String> quoted = new ArrayList<>();
        for (String r : roles.isEmpty() ? List.of("public") : roles) {
            String bare = r.equalsIgnoreCase("public") ? "public" : r;
            quoted.add(bare.matches("[a-z_][a-z0-9_$]*") ? bare : "\"" + bare.replace("\"", "\"\"") + "\"");
        }
        quoted.sort(null);
        return "AS " + (permissive ? "PERMISSIVE" : "RESTRICTIVE") + " FOR " + command + " TO " + String.join(", ", quoted)
                + (using == null ? "" : " USING " + using) + (check == null ? "" : " WITH CHECK " + check);
    }

    /** A function's signature as PostgreSQL's regprocedure writes it: "add(integer,integer)", no spaces around the parentheses and commas. */
    public static String signature(String s) {
        if (s == null || !s.strip().matches("(?s)[^(]+\\(.*\\)")) {
            throw new IllegalArgumentException("signature '" + s + "' is not a name with its argument types in parentheses, e.g. \"touch_updated_at()\"");
        }
        return s.strip().replaceAll("\\s*([(),])\\s*", "$1");
    }

    /** Text with runs of whitespace made one space, none at either end, and without a closing semicolon. */
    public static String collapse(String sql) {
        String s = sql.replaceAll("\\s+", " ").strip();
        while (s.endsWith(";")) s = s.substring(0, s.length() - 1).stripTrailing();
        return s;
    }

    public SchemaObject withDefinition(String d) { return new SchemaObject(kind, schema, name, table, d, state, dialects, dependsOn, columns, normalized); }

    public SchemaObject withState(String s) { return new SchemaObject(kind, schema, name, table, definition, s, dialects, dependsOn, columns, normalized); }

    public SchemaObject withDialects(Set<String> d) { return new SchemaObject(kind, schema, name, table, definition, state, d, dependsOn, columns, normalized); }

    /** The same, as the database spells it ({@code normalized}), with what it depends on and its columns. */
    public SchemaObject withDeparse(String deparse, List<String> deps, List<String> cols) {
        return new SchemaObject(kind, schema, name, table, definition, state, dialects, deps, cols, deparse);
    }
}
