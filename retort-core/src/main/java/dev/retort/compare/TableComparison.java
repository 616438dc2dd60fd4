package dev.retort.compare;

import dev.retort.compare.Plan.Phase;
import dev.retort.ops.ExpressionColumns;
import dev.retort.dialect.Dialect;
import dev.retort.ops.Operation.*;
import dev.retort.schema.Catalog;
import dev.retort.schema.Column;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.QualifiedName;
import dev.retort.schema.Table;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/** Tables and their columns; constraints and indexes of tables on both sides go to {@link ConstraintComparison}. */
final class TableComparison {
    private final Plan plan;
    private final Dialect dialect;
    private final CompareOptions options;
    private final boolean exact;
    private final Catalog from, to;

    TableComparison(Plan plan, Dialect dialect, CompareOptions options, boolean exact, Catalog from, Catalog to) {
        this.plan = plan;
        this.dialect = dialect;
        this.options = options;
        this.exact = exact;
        this.from = from;
        this.to = to;
    }

    void compare() {
        Map<QualifiedName, Table> created = new TreeMap<>();
        Map<QualifiedName, Table> dropped = new TreeMap<>();
        for (Table t : to.tables()) if (from.table(t.schema(), t.name()).isEmpty()) created.put(t.qualifiedName(), t);
        for (Table t : from.tables()) if (to.table(t.schema(), t.name()).isEmpty()) dropped.put(t.qualifiedName(), t);

        createInOrder(created);
        dropInOrder(dropped);

        ConstraintComparison constraints = new ConstraintComparison(plan, dialect, exact);
        for (Table target : to.tables()) {
            Table current = from.table(target.schema(), target.name()).orElse(null);
            if (current == null) continue;
            if (!Objects.equals(partitioning(current), partitioning(target))) {
                throw new dev.retort.api.RetortException("table " + target.qualifiedName() + ": its partitioning would change from "
                        + (current.partitionBy() == null ? "none" : "PARTITION BY " + current.partitionBy()) + " to "
                        + (target.partitionBy() == null ? "none" : "PARTITION BY " + target.partitionBy())
                        + ", which PostgreSQL cannot alter; write that revision by hand (a new table, the rows moved, the names swapped)");
            }
            compareColumns(current, target);
            constraints.compare(current, target);
            if (!Objects.equals(current.comment(), target.comment())) {
                plan.add(Phase.COMMENTS, new SetTableComment(target.schema(), target.name(), new Change<>(current.comment(), target.comment())));
            }
        }
    }

    private static String partitioning(Table t) {
        return t.partitionBy() == null ? null : dev.retort.schema.SchemaObject.collapse(t.partitionBy()).toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * New tables in foreign key order, their foreign keys inline; a key that closes a cycle among new tables is added
     * after all of them exist.
     */
    private void createInOrder(Map<QualifiedName, Table> created) {
        Set<QualifiedName> done = new HashSet<>();
        for (Table t : dependencyOrder(created)) {
            List<ForeignKey> inline = new ArrayList<>();
            for (ForeignKey fk : t.foreignKeys()) {
                QualifiedName ref = new QualifiedName(fk.refSchema(), fk.refTable());
                if (!created.containsKey(ref) || done.contains(ref) || ref.equals(t.qualifiedName())) inline.add(fk);
                else plan.add(Phase.ADD_FOREIGN_KEYS, new AddConstraint(t.schema(), t.name(), fk));
            }
            plan.add(Phase.CREATE_TABLES, new CreateTable(t.withForeignKeys(inline)));
            done.add(t.qualifiedName());
        }
    }

    /** Dropped tables, referencing ones first; a key that closes a cycle among them is dropped beforehand. */
    private void dropInOrder(Map<QualifiedName, Table> dropped) {
        List<Table> order = dependencyOrder(dropped);
        Set<QualifiedName> gone = new HashSet<>();
        List<DropTable> drops = new ArrayList<>();
        for (int i = order.size() - 1; i >= 0; i--) {
            Table t = order.get(i);
            for (ForeignKey fk : t.foreignKeys()) {
                QualifiedName ref = new QualifiedName(fk.refSchema(), fk.refTable());
                if (dropped.containsKey(ref) && gone.contains(ref) && !ref.equals(t.qualifiedName())) {
                    plan.add(Phase.DROP_FOREIGN_KEYS, new DropConstraint(t.schema(), t.name(), fk.name(), fk));
                }
            }
            gone.add(t.qualifiedName());
            drops.add(new DropTable(t.schema(), t.name(), t));
        }
        drops.forEach(d -> plan.add(Phase.DROP_TABLES, d));
    }

    /** Referenced tables before referencing ones; within a cycle, by name. */
    static List<Table> dependencyOrder(Map<QualifiedName, Table> tables) {
        List<Table> out = new ArrayList<>();
        Set<QualifiedName> placed = new HashSet<>();
        Map<QualifiedName, Table> remaining = new LinkedHashMap<>(tables);
        while (!remaining.isEmpty()) {
            Table next = null;
            for (Table t : remaining.values()) {
                boolean ready = t.foreignKeys().stream().map(fk -> new QualifiedName(fk.refSchema(), fk.refTable()))
                        .allMatch(r -> r.equals(t.qualifiedName()) || !tables.containsKey(r) || placed.contains(r));
                if (ready) { next = t; break; }
            }
            if (next == null) next = remaining.values().iterator().next();
            out.add(next);
            placed.add(next.qualifiedName());
            remaining.remove(next.qualifiedName());
        }
        return out;
    }

    /** A generated column's expression cannot be altered, so a change of it drops and adds the column. */
    private boolean sameGeneration(Column a, Column b) {
        if (a.generated() == null || b.generated() == null) return a.generated() == null && b.generated() == null;
        return dialect.sameExpression(a.generated(), b.generated(), exact);
    }

    private void compareColumns(Table current, Table target) {
        Set<String> retyped = new HashSet<>();
        for (Column t : target.columns()) {
            Column c = current.column(t.name()).orElse(null);
            if (c != null && sameGeneration(c, t) && options.compareType() && !c.type().equals(t.type())) retyped.add(t.name());
        }
        for (Column c : current.columns()) {
            Column t = target.column(c.name()).orElse(null);
            // a generated column that reads a column whose type changes blocks the change: it goes, and comes back after
            if (t != null && c.generated() != null && sameGeneration(c, t) && retyped.stream().anyMatch(r -> ExpressionColumns.mentions(c.generated(), r))) {
                plan.add(Phase.DROP_COLUMNS, new DropColumn(current.schema(), current.name(), c.name(), c));
                plan.add(Phase.READD_GENERATED_COLUMNS, new AddColumn(target.schema(), target.name(), t));
            }
        }
        for (Column c : current.columns()) {
            Column t = target.column(c.name()).orElse(null);
            if (t == null || !sameGeneration(c, t)) {
                plan.add(Phase.DROP_COLUMNS, new DropColumn(current.schema(), current.name(), c.name(), c));
            }
        }
        for (Column t : target.columns()) {
            Column c = current.column(t.name()).orElse(null);
            if (c == null || !sameGeneration(c, t)) {
                plan.add(Phase.ADD_COLUMNS, new AddColumn(target.schema(), target.name(), t));
                continue;
            }
            Change<String> type = options.compareType() && !c.type().equals(t.type()) ? new Change<>(c.type(), t.type()) : null;
            Change<Boolean> nullable = c.nullable() != t.nullable() ? new Change<>(c.nullable(), t.nullable()) : null;
            Change<String> def = null;
            boolean identity = c.identity() != null || t.identity() != null;
            if (!identity && options.compareServerDefault() && !dialect.sameExpression(c.defaultExpr(), t.defaultExpr(), exact)) {
                def = new Change<>(c.defaultExpr(), t.defaultExpr());
            }
            // a column cannot have both: the default goes before the identity comes, and comes back after it goes
            if (c.identity() == null && t.identity() != null && c.defaultExpr() != null) def = new Change<>(c.defaultExpr(), null);
            if (c.identity() != null && t.identity() == null && t.defaultExpr() != null) def = new Change<>(null, t.defaultExpr());
            Change<Column.Identity> id = Objects.equals(c.identity(), t.identity()) ? null : new Change<>(c.identity(), t.identity());
            Change<String> comment = Objects.equals(c.comment(), t.comment()) ? null : new Change<>(c.comment(), t.comment());
            if (type != null && def == null && c.defaultExpr() != null && !identity) {
                // the old default may not cast to the new type: drop it before and set it again after
                def = new Change<>(c.defaultExpr(), t.defaultExpr());
            }
            Change<String> onUpdate = dialect.sameExpression(c.onUpdateValue(), t.onUpdateValue(), exact) ? null
                    : new Change<>(c.onUpdateValue(), t.onUpdateValue());
            Change<String> collation = !options.compareType() || Objects.equals(c.collation(), t.collation()) ? null
                    : new Change<>(c.collation(), t.collation());
            // PostgreSQL restates the type to change a collation: the operation carries it, unchanged
            if (collation != null && type == null) type = new Change<>(t.type(), t.type());
            if (type != null || nullable != null || def != null || id != null || comment != null || onUpdate != null) {
                plan.add(Phase.ALTER_COLUMNS, new AlterColumn(target.schema(), target.name(), t.name(), type, nullable, def, id, comment, null, onUpdate,
                        collation));
            }
        }
    }
}
