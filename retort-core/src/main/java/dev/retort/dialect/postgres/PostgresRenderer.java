package dev.retort.dialect.postgres;

import dev.retort.dialect.SqlRenderer;
import dev.retort.ops.Operation.AddEnumValue;
import dev.retort.ops.Operation.CreateEnum;
import dev.retort.ops.Operation.DropEnum;
import dev.retort.ops.Operation.EnumUsage;
import dev.retort.ops.Operation.RecreateEnum;
import dev.retort.ops.Operation.TableIndex;

import java.util.List;
import java.util.stream.Collectors;

/** PostgreSQL's statements: the shared SQL, with enums as types of their own ({@code CREATE TYPE ... AS ENUM}). */
final class PostgresRenderer extends SqlRenderer {
    PostgresRenderer(PostgresDialect d) { super(d); }

    @Override
    protected void createEnum(CreateEnum o, List<String> out) {
        out.add("CREATE TYPE " + d.qualify(o.type().schema(), o.type().name()) + " AS ENUM ("
                + o.type().values().stream().map(d::literal).collect(Collectors.joining(", ")) + ")");
    }

    @Override
    protected void dropEnum(DropEnum o, List<String> out) { out.add("DROP TYPE " + d.qualify(o.schema(), o.name())); }

    @Override
    protected void addEnumValue(AddEnumValue o, List<String> out) {
        out.add("ALTER TYPE " + d.qualify(o.schema(), o.name()) + " ADD VALUE " + d.literal(o.value())
                + (o.before() != null ? " BEFORE " + d.literal(o.before()) : o.after() != null ? " AFTER " + d.literal(o.after()) : ""));
    }

    @Override
    protected void recreateEnum(RecreateEnum o, List<String> out) {
        String old = o.name() + "__retort_old";
        String type = d.qualify(o.schema(), o.name());
        for (TableIndex i : o.indexes()) out.add("DROP INDEX " + d.qualify(i.schema(), i.index().name()));
        out.add("ALTER TYPE " + type + " RENAME TO " + d.quote(old));
        out.add("CREATE TYPE " + type + " AS ENUM (" + o.values().stream().map(d::literal).collect(Collectors.joining(", ")) + ")");
        for (EnumUsage u : o.usedBy()) {
            String col = alterTable(u.schema(), u.table()) + " ALTER COLUMN " + d.quote(u.column());
            if (u.defaultExpr() != null) out.add(col + " DROP DEFAULT");
            out.add(col + " TYPE " + type + " USING " + d.quote(u.column()) + "::text::" + type);
            if (u.defaultExpr() != null) out.add(col + " SET DEFAULT " + u.defaultExpr());
        }
        for (TableIndex i : o.indexes()) out.add(createIndex(i.schema(), i.table(), i.index()));
        out.add("DROP TYPE " + d.qualify(o.schema(), old));
    }
}
