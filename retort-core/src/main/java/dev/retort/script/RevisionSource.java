package dev.retort.script;

import java.util.HashSet;
import java.util.Set;
import dev.retort.dialect.Dialect;
import dev.retort.portable.Names;
import dev.retort.ops.Operation;
import dev.retort.ops.Operation.*;
import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Column;
import dev.retort.schema.Constraint;
import dev.retort.schema.Domain;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.Index;
import dev.retort.schema.PrimaryKey;
import dev.retort.schema.Sequence;
import dev.retort.schema.Table;
import dev.retort.schema.UniqueConstraint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders operations as the Java a careful engineer would write in a revision: the same builders the models use,
 * names left out where they are the default ones, types in their usual short spelling.
 */
public final class RevisionSource {
    private static final String INDENT = "        ";
    private final Dialect dialect;

    public RevisionSource(Dialect dialect) { this.dialect = dialect; }

    /** The database whose type spellings this writes. */
    String dialectName() { return dialect.name(); }

    /** A whole revision file, from the default template. */
    public String file(RevisionInfo r, List<Operation> upgrade, List<Operation> downgrade) { return new RevisionFile(this).file(r, upgrade, downgrade); }

    /**
     * Autogenerate's render_as_batch: the changes to each existing table gathered into one {@code op.batch} at the
     * place of the first, so that SQLite rebuilds the table once for all of them. Other operations keep their places.
     */
    public static List<Operation> batched(List<Operation> ops) {
        Map<String, List<Operation>> perTable = new LinkedHashMap<>();
        for (Operation o : ops) {
            String t = alteredTable(o);
            if (t != null) perTable.computeIfAbsent(t, k -> new ArrayList<>()).add(o);
        }
        List<Operation> out = new ArrayList<>();
        Set<String> emitted = new HashSet<>();
        for (Operation o : ops) {
            String t = alteredTable(o);
            if (t == null) out.add(o);
            else if (emitted.add(t)) {
                List<Operation> group = perTable.get(t);
                if (group.size() == 1) out.add(group.get(0));
                else {
                    int dot = t.indexOf('\u0000');
                    out.add(new Batch(t.substring(0, dot), t.substring(dot + 1), group));
                }
            }
        }
        return out;
    }

    private static String alteredTable(Operation o) {
        if (o instanceof AddColumn x) return x.schema() + '\u0000' + x.table();
        if (o instanceof DropColumn x) return x.schema() + '\u0000' + x.table();
        if (o instanceof AlterColumn x) return x.schema() + '\u0000' + x.table();
        if (o instanceof RenameColumn x) return x.schema() + '\u0000' + x.table();
        if (o instanceof AddConstraint x) return x.schema() + '\u0000' + x.table();
        if (o instanceof DropConstraint x) return x.schema() + '\u0000' + x.table();
        return null;
    }

    String body(List<Operation> ops) {
        if (ops.isEmpty()) return INDENT + "// nothing to do\n";
        StringBuilder b = new StringBuilder();
        for (Operation op : ops) b.append(statement(op));
        return b.toString();
    }

    /** One operation as one Java statement (a lambda block for a new table), indented, with its line end. */
    public String statement(Operation op) {
        if (op instanceof CreateSchema o) return call("createSchema", o.name());
        if (op instanceof DropSchema o) return call("dropSchema", o.name());
        if (op instanceof CreateTable o) return createTable(o.table());
        if (op instanceof DropTable o) return call("dropTable", o.schema(), o.name());
        if (op instanceof RenameTable o) return call("renameTable", o.schema(), o.from(), o.to());
        if (op instanceof AddColumn o) return INDENT + "op.addColumn(" + args(o.schema(), o.table(), o.column().name(), type(o.column().type())) + ")"
                    + columnOptions(o.column()) + (o.stepwise() ? ".stepwise()" : "") + ";\n";
        if (op instanceof DropColumn o) {
            // a generated column holds nothing of its own: saying so spares the reader a data-loss review
            String note = o.column() != null && o.column().generated() != null ? INDENT + "// " + o.name()
                    + " is a generated column: its values are computed from its expression, so dropping and adding it loses nothing\n" : "";
            return note + call("dropColumn", o.schema(), o.table(), o.name());
        }
        if (op instanceof RenameColumn o) return call("renameColumn", o.schema(), o.table(), o.from(), o.to());
        if (op instanceof AlterColumn o) return alterColumn(o);
        if (op instanceof CreateIndex o) return INDENT + "op.createIndex(" + args(o.schema(), o.table(), o.index().name()) + ", "
                    + args(o.index().keys().toArray(String[]::new)) + ")" + indexOptions(o.index()) + (o.concurrently() ? ".concurrently()" : "") + ";\n";
        if (op instanceof DropIndex o) return call("dropIndex", o.schema(), o.table(), o.name());
        if (op instanceof AddConstraint o) return addConstraint(o.schema(), o.table(), o.constraint(), o.notValid() ? ".notValid()" : "");
        if (op instanceof DropConstraint o) return call("dropConstraint", o.schema(), o.table(), o.name());
        if (op instanceof SetTableComment o) return call("setTableComment", o.schema(), o.table(), o.comment().to());
        if (op instanceof CreateSequence o) return INDENT + "op.createSequence(" + args(o.sequence().schema(), o.sequence().name()) + ")" + sequenceOptions(o.sequence()) + ";\n";
        if (op instanceof AlterSequence o) return INDENT + "op.alterSequence(" + args(o.to().schema(), o.to().name()) + ")" + sequenceOptions(o.to()) + ";\n";
        if (op instanceof DropSequence o) return call("dropSequence", o.schema(), o.name());
        if (op instanceof CreateEnum o) {
            List<String> a = new ArrayList<>(List.of(o.type().schema(), o.type().name()));
            a.addAll(o.type().values());
            return call("createEnum", a.toArray(String[]::new));
        }
        if (op instanceof DropEnum o) return call("dropEnum", o.schema(), o.name());
        if (op instanceof AddEnumValue o) return INDENT + "op.addEnumValue(" + args(o.schema(), o.name(), o.value()) + ")"
                    + (o.before() != null ? ".before(" + str(o.before()) + ")" : "") + (o.after() != null ? ".after(" + str(o.after()) + ")" : "") + ";\n";
        if (op instanceof RecreateEnum o) {
            List<String> a = new ArrayList<>(List.of(o.schema(), o.name()));
            a.addAll(o.values());
            StringBuilder s = new StringBuilder(INDENT + "op.recreateEnum(" + args(a.toArray(String[]::new)) + ")");
            for (EnumUsage u : o.usedBy()) {
                s.append("\n").append(INDENT).append("        .usedBy(").append(args(u.schema(), u.table(), u.column(), u.defaultExpr())).append(")");
            }
            for (TableIndex i : o.indexes()) {
                s.append("\n").append(INDENT).append("        .dependentIndex(").append(args(i.schema(), i.table(), i.index().name()))
                        .append(", ").append(i.index().unique()).append(", ").append(str(i.index().where())).append(", ")
                        .append(args(i.index().keys().toArray(String[]::new))).append(")");
            }
            return s + ";\n";
        }
        if (op instanceof CreateDomain o) {
            Domain dm = o.domain();
            StringBuilder s = new StringBuilder(INDENT + "op.createDomain(" + args(dm.schema(), dm.name(), type(dm.baseType())) + ")");
            if (dm.notNull()) s.append(".notNull()");
            if (dm.defaultExpr() != null) s.append(".defaultValue(").append(str(dm.defaultExpr())).append(")");
            if (dm.collation() != null) s.append(".collation(").append(str(dm.collation())).append(")");
            for (CheckConstraint c : dm.checks()) s.append(".check(").append(args(c.name(), c.expression())).append(")");
            if (dm.comment() != null) s.append(".comment(").append(str(dm.comment())).append(")");
            return s + ";\n";
        }
        if (op instanceof DropDomain o) return call("dropDomain", o.schema(), o.name());
        if (op instanceof AlterDomain o) {
            StringBuilder s = new StringBuilder(INDENT + "op.alterDomain(" + args(o.schema(), o.name()) + ")");
            for (CheckConstraint c : o.dropChecks()) s.append(".dropCheck(").append(args(c.name(), c.expression())).append(")");
            if (o.defaultExpr() != null) s.append(o.defaultExpr().to() == null ? ".dropDefault()" : ".setDefault(" + str(o.defaultExpr().to()) + ")");
            if (o.notNull() != null) s.append(".notNull(").append(o.notNull().to()).append(")");
            for (CheckConstraint c : o.addChecks()) s.append(".addCheck(").append(args(c.name(), c.expression())).append(")");
            return s + ";\n";
        }
        if (op instanceof Batch o) {
            if (o.copyFrom() != null) throw new UnsupportedOperationException("batches given a table definition are written by hand");
            StringBuilder s = new StringBuilder(INDENT + "op.batch(" + args(o.schema(), o.table()) + ", b -> {\n");
            for (Operation inner : o.operations()) {
                String body = statement(inner).replaceFirst("^" + INDENT + "op\\.", INDENT + "b.");
                body.lines().forEach(l -> s.append("    ").append(l).append('\n'));
            }
            return s.append(INDENT).append("});\n").toString();
        }
        if (op instanceof CreateObject || op instanceof DropObject || op instanceof ReplaceObject) return INDENT + ObjectSource.statement(op) + ";\n";
        if (op instanceof Execute o) return call("execute", o.sql());
        if (op instanceof SetTimeout o) return call(o.kind() == SetTimeout.Timeout.LOCK ? "lockTimeout" : "statementTimeout", o.value().toMillis() + "ms");
        if (op instanceof BulkInsert || op instanceof RunJava) throw new UnsupportedOperationException((op instanceof RunJava ? "Java steps" : "bulk inserts") + " are written by hand");
        throw new IllegalStateException("unknown operation " + op);
    }

    private String createTable(Table t) {
        StringBuilder b = new StringBuilder(INDENT + "op.createTable(" + args(t.schema(), t.name()) + ", t -> {\n");
        String in = INDENT + "    ";
        if (t.partitionBy() != null) b.append(in).append("t.partitionBy(").append(str(t.partitionBy())).append(");\n");
        PrimaryKey pk = t.primaryKey();
        boolean pkOnColumn = pk != null && pk.columns().size() == 1 && pk.name().equals(Names.primaryKey(t.name()));
        List<UniqueConstraint> tableUniques = new ArrayList<>();
        List<String> columnUniques = new ArrayList<>();
        for (UniqueConstraint u : t.uniques()) {
            if (u.columns().size() == 1 && !u.deferrable() && !u.nullsNotDistinct() && u.name().equals(Names.unique(t.name(), u.columns()))) {
                columnUniques.add(u.columns().get(0));
            }
            else tableUniques.add(u);
        }
        List<ForeignKey> tableFks = new ArrayList<>();
        List<ForeignKey> columnFks = new ArrayList<>();
        for (ForeignKey f : t.foreignKeys()) {
            boolean simple = f.columns().size() == 1 && !f.deferrable() && !f.matchFull() && f.name().equals(Names.foreignKey(t.name(), f.columns()))
                    && t.foreignKeys().stream().filter(g -> g.columns().equals(f.columns())).count() == 1;
            (simple ? columnFks : tableFks).add(f);
        }
        for (Column c : t.columns()) {
            b.append(in).append("t.column(").append(args(c.name(), type(c.type()))).append(")");
            Column shown = c;
            if (pkOnColumn && pk.columns().get(0).equals(c.name())) {
                shown = c.withNullable(true);
                b.append(columnOptions(shown)).append(".primaryKey()");
            } else {
                b.append(columnOptions(shown));
            }
            if (columnUniques.contains(c.name())) b.append(".unique()");
            for (ForeignKey f : columnFks) {
                if (f.columns().get(0).equals(c.name())) {
                    b.append(".references(").append(args(f.refSchema(), f.refTable(), f.refColumns().get(0))).append(")").append(actions(f));
                }
            }
            b.append(";\n");
        }
        if (pk != null && !pkOnColumn) {
            b.append(in).append("t.primaryKey(").append(args(pk.columns().toArray(String[]::new))).append(")").append(nameUnless(pk.name(), Names.primaryKey(t.name()))).append(";\n");
        }
        for (UniqueConstraint u : tableUniques) {
            b.append(in).append("t.unique(").append(args(u.columns().toArray(String[]::new))).append(")")
                    .append(nameUnless(u.name(), Names.unique(t.name(), u.columns()))).append(uniqueOptions(u)).append(";\n");
        }
        int checkNo = 0;
        for (CheckConstraint c : t.checks()) {
            String dflt = t.name() + "_check" + (checkNo == 0 ? "" : String.valueOf(checkNo - 1));
            checkNo++;
            b.append(in).append("t.check(").append(str(c.expression())).append(")").append(nameUnless(c.name(), dflt))
                    .append(c.noInherit() ? ".noInherit()" : "").append(";\n");
        }
        for (ForeignKey f : tableFks) {
            b.append(in).append("t.foreignKey(").append(args(f.columns().toArray(String[]::new))).append(")")
                    .append(".references(").append(args(f.refSchema(), f.refTable())).append(", ").append(args(f.refColumns().toArray(String[]::new))).append(")")
                    .append(nameUnless(f.name(), Names.foreignKey(t.name(), f.columns()))).append(actions(f))
                    .append(f.deferrable() ? ".deferrable(" + f.initiallyDeferred() + ")" : "").append(";\n");
        }
        for (Index i : t.indexes()) {
            b.append(in).append("t.index(").append(args(i.keys().toArray(String[]::new))).append(")")
                    .append(nameUnless(i.name(), Names.index(t.name(), i.keys()))).append(indexOptions(i)).append(";\n");
        }
        if (t.comment() != null) b.append(in).append("t.comment(").append(str(t.comment())).append(");\n");
        return b.append(INDENT).append("});\n").toString();
    }

    private static String nameUnless(String name, String dflt) {
        return name.equals(dflt) ? "" : ".name(" + str(name) + ")";
    }

    private static String actions(ForeignKey f) {
        return (f.onDelete() != null ? ".onDelete(" + str(f.onDelete()) + ")" : "") + (f.onUpdate() != null ? ".onUpdate(" + str(f.onUpdate()) + ")" : "")
                + (f.matchFull() ? ".matchFull()" : "");
    }

    private static String uniqueOptions(UniqueConstraint u) {
        return (u.initiallyDeferred() ? ".initiallyDeferred()" : u.deferrable() ? ".deferrable()" : "") + (u.nullsNotDistinct() ? ".nullsNotDistinct()" : "");
    }

    /** "true" or, with any sequence option, "true, 100L, null, null, null" (and the CACHE where it is not the default). */
    private static String identityArgs(Column.Identity i) {
        if (i.start() == null && i.increment() == null && i.min() == null && i.max() == null && i.cache() == null) return String.valueOf(i.always());
        return i.always() + ", " + lng(i.start()) + ", " + lng(i.increment()) + ", " + lng(i.min()) + ", " + lng(i.max())
                + (i.cache() == null ? "" : ", " + lng(i.cache()));
    }

    private String columnOptions(Column c) {
        StringBuilder b = new StringBuilder();
        if (c.identity() != null) {
            Column.Identity i = c.identity();
            if (i.min() != null || i.max() != null || i.cache() != null) {
                b.append(".identity(").append(identityArgs(i)).append(")");
            } else if (i.start() != null || i.increment() != null) {
                b.append(".identity(").append(i.always()).append(", ").append(lng(i.start())).append(", ").append(lng(i.increment())).append(")");
            }
            else b.append(i.always() ? ".identityAlways()" : ".identity()");
        } else if (!c.nullable()) {
            b.append(".notNull()");
        }
        if (c.defaultExpr() != null) b.append(".defaultValue(").append(str(c.defaultExpr())).append(")");
        if (c.generated() != null) b.append(".generated(").append(str(c.generated())).append(")");
        if (c.collation() != null) b.append(".collation(").append(str(c.collation())).append(")");
        if (c.comment() != null) b.append(".comment(").append(str(c.comment())).append(")");
        if (c.onUpdateValue() != null) b.append(".onUpdateValue(").append(str(c.onUpdateValue())).append(")");
        return b.toString();
    }

    private static String lng(Long v) { return v == null ? "null" : v + "L"; }

    private static String indexOptions(Index i) {
        return (i.unique() ? ".unique()" : "") + (i.using() != null ? ".using(" + str(i.using()) + ")" : "")
                + (i.include().isEmpty() ? "" : ".include(" + args(i.include().toArray(String[]::new)) + ")")
                + (i.nullsNotDistinct() ? ".nullsNotDistinct()" : "") + (i.with() != null ? ".with(" + str(i.with()) + ")" : "")
                + (i.where() != null ? ".where(" + str(i.where()) + ")" : "");
    }

    private String alterColumn(AlterColumn o) {
        StringBuilder b = new StringBuilder(INDENT + "op.alterColumn(" + args(o.schema(), o.table(), o.column()) + ")");
        if (o.type() != null) {
            if (o.type().from() != null && !o.type().from().equals(o.type().to())) b.append(".existingType(").append(str(type(o.type().from()))).append(")");
            b.append(".type(").append(str(type(o.type().to()))).append(")");
        }
        if (o.collation() != null) {
            if (o.collation().from() != null) b.append(".existingCollation(").append(str(o.collation().from())).append(")");
            b.append(".collation(").append(o.collation().to() == null ? "null" : str(o.collation().to())).append(")");
        }
        if (o.using() != null) b.append(".using(").append(str(o.using())).append(")");
        if (o.nullable() != null) b.append(".nullable(").append(o.nullable().to()).append(")");
        if (o.defaultExpr() != null) {
            b.append(o.defaultExpr().to() == null ? ".dropDefault()" : ".setDefault(" + str(o.defaultExpr().to()) + ")");
        }
        if (o.identity() != null) {
            if (o.identity().to() == null) b.append(".dropIdentity()");
            else {
                if (o.identity().from() != null) b.append(".existingIdentity(").append(identityArgs(o.identity().from())).append(")");
                b.append(".identity(").append(identityArgs(o.identity().to())).append(")");
            }
        }
        if (o.comment() != null) b.append(".comment(").append(str(o.comment().to())).append(")");
        if (o.onUpdateValue() != null) {
            b.append(o.onUpdateValue().to() == null ? ".dropOnUpdateValue()" : ".setOnUpdateValue(" + str(o.onUpdateValue().to()) + ")");
        }
        return b + ";\n";
    }

    private String addConstraint(String schema, String table, Constraint c, String extra) {
        if (c instanceof PrimaryKey p) return INDENT + "op.createPrimaryKey(" + args(concat(List.of(schema, table, p.name()), p.columns())) + ")" + extra + ";\n";
        if (c instanceof UniqueConstraint u) {
            return INDENT + "op.createUniqueConstraint(" + args(concat(List.of(schema, table, u.name()), u.columns())) + ")" + uniqueOptions(u) + extra + ";\n";
        }
        if (c instanceof CheckConstraint k) {
            return INDENT + "op.createCheckConstraint(" + args(schema, table, k.name(), k.expression()) + ")" + (k.noInherit() ? ".noInherit()" : "") + extra + ";\n";
        }
        ForeignKey f = (ForeignKey) c;
        return INDENT + "op.createForeignKey(" + args(concat(List.of(schema, table, f.name()), f.columns())) + ")"
                    + ".references(" + args(concat(List.of(f.refSchema(), f.refTable()), f.refColumns())) + ")" + actions(f)
                    + (f.deferrable() ? ".deferrable(" + f.initiallyDeferred() + ")" : "") + extra + ";\n";
    }

    private static String sequenceOptions(Sequence s) {
        StringBuilder b = new StringBuilder();
        if (s.type() != null) b.append(".type(").append(str(s.type())).append(")");
        if (s.start() != null) b.append(".start(").append(s.start()).append("L)");
        if (s.increment() != null) b.append(".increment(").append(s.increment()).append("L)");
        if (s.minValue() != null) b.append(".minValue(").append(s.minValue()).append("L)");
        if (s.maxValue() != null) b.append(".maxValue(").append(s.maxValue()).append("L)");
        if (s.cache() != null) b.append(".cache(").append(s.cache()).append("L)");
        if (s.cycle()) b.append(".cycle()");
        if (s.ownedBy() != null) b.append(".ownedBy(").append(str(s.ownedBy())).append(")");
        return b.toString();
    }

    private String type(String canonical) { return dialect.displayType(canonical); }

    private static String[] concat(List<String> head, List<String> tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(tail);
        return all.toArray(String[]::new);
    }

    private static String call(String method, String... a) {
        return INDENT + "op." + method + "(" + args(a) + ");\n";
    }

    static String args(String... a) {
        List<String> out = new ArrayList<>();
        for (String s : a) out.add(str(s));
        return String.join(", ", out);
    }

    /** A Java string literal. */
    public static String str(String s) {
        if (s == null) return "null";
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
                }
            }
        }
        return b.append('"').toString();
    }
}
