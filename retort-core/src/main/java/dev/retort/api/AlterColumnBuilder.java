package dev.retort.api;

import dev.retort.ops.Operation.AlterColumn;
import dev.retort.ops.Operation.Change;
import dev.retort.schema.Column;

/** Refines {@link Operations#alterColumn}: each call names one property that changes. */
public final class AlterColumnBuilder {
    private final String schema, table, column;
    private Change<String> type, defaultExpr, comment, onUpdateValue, collation;
    private Change<Boolean> nullable;
    private Change<Column.Identity> identity;
    private String using;

    AlterColumnBuilder(String schema, String table, String column) {
        this.schema = schema;
        this.table = table;
        this.column = column;
    }

    /** New type; {@code existingType} lets Retort add a USING cast when the two need one. */
    public AlterColumnBuilder type(String newType) { type = new Change<>(type == null ? null : type.from(), newType); return this; }
    public AlterColumnBuilder existingType(String t) { type = new Change<>(t, type == null ? null : type.to()); return this; }
    public AlterColumnBuilder using(String expression) { using = expression; return this; }
    public AlterColumnBuilder nullable(boolean n) { nullable = new Change<>(!n, n); return this; }
    public AlterColumnBuilder setDefault(String expression) { defaultExpr = new Change<>(null, expression); return this; }
    public AlterColumnBuilder dropDefault() { defaultExpr = new Change<>("", null); return this; }
    public AlterColumnBuilder comment(String c) { comment = new Change<>(null, c); return this; }
    /** Makes the column an identity column (ALWAYS or BY DEFAULT); after {@link #existingIdentity}, switches between the two. */
    public AlterColumnBuilder identity(boolean always) {
        identity = new Change<>(identity == null ? null : identity.from(), new Column.Identity(always, null, null));
        return this;
    }
    /** The column is already an identity column of this kind: {@link #identity} then changes it rather than adding one. */
    public AlterColumnBuilder existingIdentity(boolean always) {
        identity = new Change<>(new Column.Identity(always, null, null), identity == null ? null : identity.to());
        return this;
    }
    /** Identity with its sequence options (null: the type's default): START, INCREMENT, MINVALUE, MAXVALUE. */
    public AlterColumnBuilder identity(boolean always, Long start, Long increment, Long min, Long max) {
        identity = new Change<>(identity == null ? null : identity.from(), new Column.Identity(always, start, increment, min, max));
        return this;
    }
    /** The identity column's options as they stand, so that {@link #identity} changes only what differs. */
    public AlterColumnBuilder existingIdentity(boolean always, Long start, Long increment, Long min, Long max) {
        identity = new Change<>(new Column.Identity(always, start, increment, min, max), identity == null ? null : identity.to());
        return this;
    }
    /** The same with the sequence's CACHE (null: 1). */
    public AlterColumnBuilder identity(boolean always, Long start, Long increment, Long min, Long max, Long cache) {
        identity = new Change<>(identity == null ? null : identity.from(), new Column.Identity(always, start, increment, min, max, cache));
        return this;
    }
    /** The same with the sequence's CACHE (null: 1). */
    public AlterColumnBuilder existingIdentity(boolean always, Long start, Long increment, Long min, Long max, Long cache) {
        identity = new Change<>(new Column.Identity(always, start, increment, min, max, cache), identity == null ? null : identity.to());
        return this;
    }
    public AlterColumnBuilder dropIdentity() { identity = new Change<>(identity == null || identity.from() == null ? Column.Identity.byDefault() : identity.from(), null); return this; }
    /** The value set on every update of the row (MySQL's and H2's ON UPDATE), as SQL. */
    public AlterColumnBuilder setOnUpdateValue(String expression) { onUpdateValue = new Change<>(null, expression); return this; }
    public AlterColumnBuilder dropOnUpdateValue() { onUpdateValue = new Change<>("", null); return this; }
    /** A new collation; PostgreSQL restates the type with it, so give {@code type} too. {@code null} is the type's default. */
    public AlterColumnBuilder collation(String c) { collation = new Change<>(collation == null ? null : collation.from(), c); return this; }
    public AlterColumnBuilder existingCollation(String c) { collation = new Change<>(c, collation == null ? null : collation.to()); return this; }

    AlterColumn build() {
        Change<String> t = type == null || type.to() == null ? null : type;
        Change<Column.Identity> id = identity == null || identity.from() == null && identity.to() == null ? null : identity;
        return new AlterColumn(schema, table, column, t, nullable, defaultExpr, id, comment, using, onUpdateValue, collation);
    }
}
