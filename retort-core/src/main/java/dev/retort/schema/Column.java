package dev.retort.schema;

/**
 * A table column. {@code type} is the dialect's canonical spelling (see {@code Dialect#normalizeType}),
 * {@code defaultExpr} the server default as SQL text, or null.
 */
public record Column(String name, String type, boolean nullable, String defaultExpr, Identity identity,
                     String generated, String collation, String comment) {

    public Column withType(String t) { return new Column(name, t, nullable, defaultExpr, identity, generated, collation, comment); }
    public Column withNullable(boolean n) { return new Column(name, type, n, defaultExpr, identity, generated, collation, comment); }
    public Column withDefault(String d) { return new Column(name, type, nullable, d, identity, generated, collation, comment); }
    public Column withIdentity(Identity i) { return new Column(name, type, nullable, defaultExpr, i, generated, collation, comment); }
    public Column withComment(String c) { return new Column(name, type, nullable, defaultExpr, identity, generated, collation, c); }
    public Column withName(String n) { return new Column(n, type, nullable, defaultExpr, identity, generated, collation, comment); }

    /** An identity column: GENERATED ALWAYS (always) or BY DEFAULT, with optional sequence options. */
    public record Identity(boolean always, Long start, Long increment) {
        public static Identity byDefault() { return new Identity(false, null, null); }
    }
}
