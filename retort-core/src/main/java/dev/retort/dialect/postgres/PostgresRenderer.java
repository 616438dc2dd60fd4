package dev.retort.dialect.postgres;

import dev.retort.dialect.SqlRenderer;
import dev.retort.schema.SchemaObject;
import dev.retort.ops.Operation.AddColumn;
import dev.retort.ops.Operation.AddConstraint;
import dev.retort.ops.Operation.AddEnumValue;
import dev.retort.ops.Operation.CreateIndex;
import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Column;
import dev.retort.schema.ForeignKey;
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
    protected void createObject(SchemaObject o, List<String> out) {
        String q = d.qualify(o.schema(), o.name());
        switch (o.kind()) {
            case EXTENSION -> out.add("CREATE EXTENSION IF NOT EXISTS " + d.quote(o.name()) + " WITH SCHEMA " + d.quote(o.schema()));
            case FUNCTION, PROCEDURE, TRIGGER, VIEW_INDEX, PARTITION_INDEX -> out.add(o.definition());
            case PARTITION -> out.add("CREATE TABLE " + q + " PARTITION OF " + d.qualify(o.schema(), o.table()) + " " + o.definition());
            case EXCLUSION -> out.add(alterTable(o.schema(), o.table()) + " ADD CONSTRAINT " + d.quote(o.name()) + " " + o.definition());
            case VIEW -> out.add("CREATE VIEW " + q + " AS " + o.definition());
            case MATERIALIZED_VIEW -> out.add("CREATE MATERIALIZED VIEW " + q + " AS " + o.definition());
            case ROW_SECURITY -> rowSecurity(o, "DISABLE", o.definition(), out);
            case POLICY -> out.add("CREATE POLICY " + d.quote(o.name()) + " ON " + d.qualify(o.schema(), o.table()) + " " + o.definition());
            case GRANT -> grants(o, true, out);
            case COMMENT -> out.add(commentOn(o) + " IS " + d.literal(o.definition()));
        }
        if (o.kind() == SchemaObject.Kind.TRIGGER && o.state() != null) triggerState(o, o.state(), out);
    }

    @Override
    protected void dropObject(SchemaObject o, List<String> out) {
        String q = d.qualify(o.schema(), o.name());
        switch (o.kind()) {
            case EXTENSION -> out.add("DROP EXTENSION " + d.quote(o.name()));
            case FUNCTION, PROCEDURE -> out.add("DROP " + (o.kind() == SchemaObject.Kind.FUNCTION ? "FUNCTION " : "PROCEDURE ") + routine(o));
            case PARTITION, VIEW, MATERIALIZED_VIEW, VIEW_INDEX, PARTITION_INDEX -> out.add("DROP " + switch (o.kind()) {
                case PARTITION -> "TABLE ";
                case VIEW -> "VIEW ";
                case MATERIALIZED_VIEW -> "MATERIALIZED VIEW ";
                default -> "INDEX ";
            } + q);
            case EXCLUSION -> out.add(alterTable(o.schema(), o.table()) + " DROP CONSTRAINT " + d.quote(o.name()));
            case TRIGGER -> out.add("DROP TRIGGER " + d.quote(o.name()) + " ON " + d.qualify(o.schema(), o.table()));
            case ROW_SECURITY -> rowSecurity(o, o.definition() == null ? "FORCE" : o.definition(), "DISABLE", out);
            case POLICY -> out.add("DROP POLICY " + d.quote(o.name()) + " ON " + d.qualify(o.schema(), o.table()));
            case GRANT -> grants(o, false, out);
            case COMMENT -> out.add(commentOn(o) + " IS NULL");
        }
    }

    /** "COMMENT ON INDEX "s"."i"", "COMMENT ON CONSTRAINT "c" ON "s"."t"", "COMMENT ON TYPE ...", "COMMENT ON DOMAIN ...". */
    private String commentOn(SchemaObject o) {
        String[] on = o.name().split(" ", 2);
        return "COMMENT ON " + on[0] + " " + (on[0].equals("CONSTRAINT") ? d.quote(on[1]) + " ON " + d.qualify(o.schema(), o.table()) : d.qualify(o.schema(), on[1]));
    }

    /**
     * GRANT the privileges (those WITH GRANT OPTION in a statement of their own), or REVOKE each one (a column
     * privilege is revoked by name: REVOKE ALL leaves it); a revoke that names none revokes ALL.
     */
    private void grants(SchemaObject o, boolean grant, List<String> out) {
        String[] g = o.grant();
        String on = switch (g[1]) {
            case "SCHEMA" -> "SCHEMA " + d.quote(o.schema());
            case "FUNCTION", "PROCEDURE" -> g[1] + " " + d.qualify(o.schema(), g[2].substring(0, g[2].indexOf('('))) + g[2].substring(g[2].indexOf('('));
            default -> g[1] + " " + d.qualify(o.schema(), g[2]);
        };
        if (o.definition() == null) {
            out.add("REVOKE ALL ON " + on + " FROM " + g[0]);
            return;
        }
        java.util.List<String> plain = new java.util.ArrayList<>(), option = new java.util.ArrayList<>();
        for (String p : o.definition().split(",(?![^(]*\\))")) {
            String it = p.strip();
            if (it.endsWith(" WITH GRANT OPTION")) option.add(it.substring(0, it.length() - 18));
            else plain.add(it);
        }
        if (!grant) {
            plain.addAll(option);
            out.add("REVOKE " + String.join(", ", plain) + " ON " + on + " FROM " + g[0]);
            return;
        }
        if (!plain.isEmpty()) out.add("GRANT " + String.join(", ", plain) + " ON " + on + " TO " + g[0]);
        if (!option.isEmpty()) out.add("GRANT " + String.join(", ", option) + " ON " + on + " TO " + g[0] + " WITH GRANT OPTION");
    }

    @Override
    protected void replaceObject(SchemaObject from, SchemaObject to, List<String> out) {
        switch (to.kind()) {
            case FUNCTION, PROCEDURE -> out.add(to.definition().replaceFirst("(?is)^\\s*CREATE\\s+(OR\\s+REPLACE\\s+)?", "CREATE OR REPLACE "));
            case VIEW -> out.add("CREATE OR REPLACE VIEW " + d.qualify(to.schema(), to.name()) + " AS " + to.definition());
            case PARTITION -> {
                String parent = d.qualify(to.schema(), to.table());
                out.add("ALTER TABLE " + parent + " DETACH PARTITION " + d.qualify(to.schema(), to.name()));
                out.add("ALTER TABLE " + parent + " ATTACH PARTITION " + d.qualify(to.schema(), to.name()) + " " + to.definition());
            }
            case ROW_SECURITY -> {
                if (from != null && from.definition() != null) rowSecurity(to, from.definition(), to.definition(), out);
                else out.add(alterTable(to.schema(), to.table()) + ("FORCE".equals(to.definition()) ? " FORCE" : " NO FORCE") + " ROW LEVEL SECURITY");
            }
            case TRIGGER -> triggerState(to, to.state() == null ? "ENABLE" : to.state(), out);
            case COMMENT -> createObject(to, out);
            default -> super.replaceObject(from, to, out);
        }
    }

    /** The ALTER TABLE statements from one row security setting to another: DISABLE, ENABLE or FORCE (enabled for the owner too). */
    private void rowSecurity(SchemaObject o, String was, String now, List<String> out) {
        String t = alterTable(o.schema(), o.table());
        if (was.equals("DISABLE") || now.equals("DISABLE")) out.add(t + (now.equals("DISABLE") ? " DISABLE" : " ENABLE") + " ROW LEVEL SECURITY");
        if (was.equals("FORCE") && !now.equals("FORCE")) out.add(t + " NO FORCE ROW LEVEL SECURITY");
        if (now.equals("FORCE") && !was.equals("FORCE")) out.add(t + " FORCE ROW LEVEL SECURITY");
    }

    private void triggerState(SchemaObject o, String state, List<String> out) {
        String[] words = state.split(" ", 2);
        out.add(alterTable(o.schema(), o.table()) + " " + words[0] + (words.length > 1 ? " " + words[1] : "") + " TRIGGER " + d.quote(o.name()));
    }

    /** "public"."add"(integer,integer) from the signature "add(integer,integer)". */
    private String routine(SchemaObject o) {
        int p = o.name().indexOf('(');
        return d.qualify(o.schema(), o.name().substring(0, p)) + o.name().substring(p);
    }

    @Override
    protected void createIndexStep(CreateIndex o, List<String> out) {
        String sql = createIndex(o.schema(), o.table(), o.index());
        out.add(o.concurrently() ? sql.replaceFirst("^CREATE (UNIQUE )?INDEX ", "CREATE $1INDEX CONCURRENTLY ") : sql);
    }

    /** NOT VALID, then VALIDATE CONSTRAINT (a lock that lets writes go on), for foreign keys and checks asked so. */
    @Override
    protected void addConstraint(AddConstraint o, List<String> out) {
        if (!o.notValid() || !(o.constraint() instanceof ForeignKey || o.constraint() instanceof CheckConstraint)) {
            super.addConstraint(o, out);
            return;
        }
        out.add(alterTable(o.schema(), o.table()) + " ADD " + constraint(o.constraint()) + " NOT VALID");
        out.add(alterTable(o.schema(), o.table()) + " VALIDATE CONSTRAINT " + d.quote(o.constraint().name()));
    }

    /**
     * A NOT NULL column with a default, added stepwise: nullable first, existing rows filled, NOT NULL proved by a
     * validated check (which SET NOT NULL then trusts instead of scanning the table under its lock), the check dropped.
     */
    @Override
    protected void addColumn(AddColumn o, List<String> out) {
        Column c = o.column();
        if (!o.stepwise()) {
            super.addColumn(o, out);
            return;
        }
        if (c.nullable() || c.defaultExpr() == null || c.identity() != null || c.generated() != null) {
            throw new UnsupportedOperationException("stepwise() adds a NOT NULL column with a default: " + o.target()
                    + " needs notNull() and defaultValue(...), and no identity or generated expression");
        }
        String table = alterTable(o.schema(), o.table()), column = d.quote(c.name()), check = d.quote(o.table() + "_" + c.name() + "_not_null");
        super.addColumn(new AddColumn(o.schema(), o.table(), c.withNullable(true).withDefault(null).withComment(null)), out);
        out.add(table + " ALTER COLUMN " + column + " SET DEFAULT " + expression(c.defaultExpr()));
        out.add("UPDATE " + d.qualify(o.schema(), o.table()) + " SET " + column + " = " + expression(c.defaultExpr()) + " WHERE " + column + " IS NULL");
        out.add(table + " ADD CONSTRAINT " + check + " CHECK (" + column + " IS NOT NULL) NOT VALID");
        out.add(table + " VALIDATE CONSTRAINT " + check);
        out.add(table + " ALTER COLUMN " + column + " SET NOT NULL");
        out.add(table + " DROP CONSTRAINT " + check);
        if (c.comment() != null) out.add(columnComment(o.schema(), o.table(), c.name(), c.comment()));
    }

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
