package dev.retort.schema;

/**
 * A table column. {@code type} is the dialect's canonical spelling (see {@code Dialect#normalizeType}),
 * {@code defaultExpr} the server default as SQL text, or null; {@code onUpdateValue} the value the database sets on every
 * update of the row (MySQL's and H2's ON UPDATE), or null.
 */
public record Column(String name, String type, boolean nullable, String defaultExpr, Identity identity,
                     String generated, String collation, String comment, String onUpdateValue) {

    public Column(String name, String type, boolean nullable, String defaultExpr, Identity identity, String generated, String collation,
                  String comment) {
        this(name, type, nullable, defaultExpr, identity, generated, collation, comment, null);
    }

    public Column withType(String t) { return new Column(name, t, nullable, defaultExpr, identity, generated, collation, comment, onUpdateValue); }
    public Column withNullable(boolean n) { return new Column(name, type, n, defaultExpr, identity, generated, collation, comment, onUpdateValue); }
    public Column withDefault(String d) { return new Column(name, type, nullable, d, identity, generated, collation, comment, onUpdateValue); }
    public Column withIdentity(Identity i) { return new Column(name, type, nullable, defaultExpr, i, generated, collation, comment, onUpdateValue); }
    public Column withComment(String c) { return new Column(name, type, nullable, defaultExpr, identity, generated, collation, c, onUpdateValue); }
    public Column withName(String n) { return new Column(n, type, nullable, defaultExpr, identity, generated, collation, comment, onUpdateValue); }
    public Column withCollation(String c) { return new Column(name, type, nullable, defaultExpr, identity, generated, c, comment, onUpdateValue); }
    public Column withOnUpdateValue(String u) { return new Column(name, type, nullable, defaultExpr, identity, generated, collation, comment, u); }

    /** An identity column: GENERATED ALWAYS (always) or BY DEFAULT, with optional sequence options. */
    /** An identity column's kind and sequence options; a null option is the default for the column's type and direction. */
    public record Identity(boolean always, Long start, Long increment, Long min, Long max, Long cache) {
        public Identity(boolean always, Long start, Long increment) { this(always, start, increment, null, null, null); }

        public Identity(boolean always, Long start, Long increment, Long min, Long max) { this(always, start, increment, min, max, null); }

        public static Identity byDefault() { return new Identity(false, null, null); }
    }
}
