package dev.retort.dialect.h2;

import dev.retort.dialect.SqlRenderer;
import dev.retort.ops.Operation.AddEnumValue;
import dev.retort.ops.Operation.AlterColumn;
import dev.retort.ops.Operation.CreateEnum;
import dev.retort.ops.Operation.DropEnum;
import dev.retort.ops.Operation.RecreateEnum;
import dev.retort.ops.Operation.RenameColumn;
import dev.retort.ops.SchemaState;
import dev.retort.schema.Column;
import dev.retort.schema.EnumType;
import dev.retort.schema.Table;
import dev.retort.schema.Index;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** PostgreSQL's statements in H2's spelling. */
final class H2Renderer extends SqlRenderer {
    private static final Logger log = LoggerFactory.getLogger("dev.retort");

    H2Renderer(H2Dialect d) { super(d); }

    @Override
    protected String type(String declared) {
        String t = d.normalizeType(declared);
        if (t.endsWith("[]")) return type(t.substring(0, t.length() - 2)) + " ARRAY";
        return switch (t) {
            case "text" -> "character varying";
            case "bytea" -> "binary varying";
            default -> t;
        };
    }

    @Override
    protected String expression(String sql) { return H2Types.renderExpression(sql); }

    /** H2 commits each DDL statement, so a DROP SCHEMA that fails halfway through a downgrade would tear it: a guard goes first. */
    @Override
    protected void dropSchema(dev.retort.ops.Operation.DropSchema o, List<String> out) {
        out.add(H2Dialect.dropGuard(o.name(), state == null ? java.util.Set.of() : state.knownTables(o.name())));
        super.dropSchema(o, out);
    }

    @Override
    protected String columnDefinition(Column c) {
        String def = super.columnDefinition(c);
        return c.generated() == null ? def : def.replace(") STORED", ")");
    }

    @Override
    protected void createEnum(CreateEnum o, List<String> out) {
        out.add("CREATE DOMAIN " + d.qualify(o.type().schema(), o.type().name()) + " AS ENUM ("
                + o.type().values().stream().map(d::literal).collect(Collectors.joining(", ")) + ")");
    }

    @Override
    protected void dropEnum(DropEnum o, List<String> out) { out.add("DROP DOMAIN " + d.qualify(o.schema(), o.name())); }

    @Override
    protected void addEnumValue(AddEnumValue o, List<String> out) {
        EnumType e = state == null ? null : state.enumType(o.schema(), o.name()).orElse(null);
        if (e == null) throw new UnsupportedOperationException("H2 replaces an enum to add a value, and the revision history does not define enum "
                + o.schema() + "." + o.name());
        replaceEnum(o.schema(), o.name(), SchemaState.withValue(e.values(), o.value(), o.before(), o.after()), out);
    }

    @Override
    protected void recreateEnum(RecreateEnum o, List<String> out) { replaceEnum(o.schema(), o.name(), o.values(), out); }

    /**
     * H2 cannot change an ENUM domain's values: a new domain takes them, every column of the old one (found in the
     * history) moves to it, the old one is dropped and the new one takes its name.
     */
    private void replaceEnum(String schema, String name, List<String> values, List<String> out) {
        String fresh = name + "__retort_new";
        out.add("CREATE DOMAIN " + d.qualify(schema, fresh) + " AS ENUM (" + values.stream().map(d::literal).collect(Collectors.joining(", ")) + ")");
        for (Table t : state.tables()) {
            for (Column c : t.columns()) {
                if (state.enumOf(c.type(), t.schema()).filter(x -> x.schema().equals(schema) && x.name().equals(name)).isEmpty()) continue;
                out.add(alterTable(t.schema(), t.name()) + " ALTER COLUMN " + d.quote(c.name()) + " SET DATA TYPE " + d.qualify(schema, fresh));
            }
        }
        out.add("DROP DOMAIN " + d.qualify(schema, name));
        out.add("ALTER DOMAIN " + d.qualify(schema, fresh) + " RENAME TO " + d.quote(name));
    }

    @Override
    protected void renameColumn(RenameColumn o, List<String> out) {
        out.add(alterTable(o.schema(), o.table()) + " ALTER COLUMN " + d.quote(o.from()) + " RENAME TO " + d.quote(o.to()));
    }

    @Override
    protected String createIndex(String schema, String table, Index i) {
        if (i.where() != null) log.warn("H2 has no partial indexes: index {} on {}.{} covers all rows (WHERE {} dropped)", i.name(), schema, table, i.where());
        Index plain = new Index(i.name(), i.keys(), i.unique(), null, null, List.of(), false, null);
        return super.createIndex(schema, table, plain);
    }

    @Override
    protected String onUpdateClause(Column c) { return c.onUpdateValue() == null ? "" : " ON UPDATE " + expression(c.onUpdateValue()); }

    @Override
    protected void alterColumn(AlterColumn o, List<String> out) {
        String col = alterTable(o.schema(), o.table()) + " ALTER COLUMN " + d.quote(o.column());
        boolean typeChanges = o.type() != null && !Objects.equals(o.type().from(), o.type().to());
        if (o.onUpdateValue() != null) out.add(col + (o.onUpdateValue().to() == null ? " DROP ON UPDATE" : " SET ON UPDATE " + expression(o.onUpdateValue().to())));
        if (o.defaultExpr() != null && o.defaultExpr().to() == null) out.add(col + " DROP DEFAULT");
        if (typeChanges) out.add(col + " SET DATA TYPE " + type(o.type().to()));
        if (o.defaultExpr() != null && o.defaultExpr().to() != null) out.add(col + " SET DEFAULT " + expression(o.defaultExpr().to()));
        if (o.nullable() != null && !Objects.equals(o.nullable().from(), o.nullable().to())) {
            out.add(col + (o.nullable().to() ? " DROP NOT NULL" : " SET NOT NULL"));
        }
        if (o.identity() != null) {
            Column.Identity to = o.identity().to();
            if (to == null) out.add(col + " DROP IDENTITY");
            else {
                out.add(col + " SET GENERATED " + (to.always() ? "ALWAYS" : "BY DEFAULT"));
                // the sequence's options, as PostgreSQL takes them (H2's ALTER COLUMN has the same SET clauses)
                if (o.identity().from() != null) identityOptions(col, o.identity().from(), to, out);
            }
        }
        if (o.comment() != null) out.add(columnComment(o.schema(), o.table(), o.column(), o.comment().to()));
    }
}
