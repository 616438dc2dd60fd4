package dev.retort.ops;

import java.util.function.UnaryOperator;
import dev.retort.ops.Operation.*;
import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Column;
import dev.retort.schema.Constraint;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.Index;
import dev.retort.schema.PrimaryKey;
import dev.retort.schema.Table;
import dev.retort.schema.UniqueConstraint;

import java.util.ArrayList;
import java.util.List;

/** One table after one change to its columns or constraints: the edits the revision history makes. */
final class TableEdits {
    private TableEdits() {}

    static Table withColumns(Table t, List<Column> cols) {
        return t.withColumns(cols);
    }

    static Table renameColumn(Table t, String from, String to) {
        UnaryOperator<List<String>> r = l -> l.stream().map(c -> c.equals(from) ? to : c).toList();
        List<Column> cols = t.columns().stream().map(c -> c.name().equals(from) ? c.withName(to) : c).toList();
        PrimaryKey pk = t.primaryKey() == null ? null : new PrimaryKey(t.primaryKey().name(), r.apply(t.primaryKey().columns()));
        List<UniqueConstraint> uq = t.uniques().stream().map(u -> new UniqueConstraint(u.name(), r.apply(u.columns()), u.deferrable(),
                u.initiallyDeferred(), u.nullsNotDistinct())).toList();
        List<ForeignKey> fks = t.foreignKeys().stream().map(f -> new ForeignKey(f.name(), r.apply(f.columns()), f.refSchema(), f.refTable(),
                f.refColumns(), f.onDelete(), f.onUpdate(), f.deferrable(), f.initiallyDeferred(), f.matchFull())).toList();
        List<Index> idx = t.indexes().stream().map(i -> new Index(i.name(), i.keys().stream().map(k -> SchemaState.keyColumn(k).equals(from)
                ? (to.contains(" ") || to.contains("\"") ? '"' + to.replace("\"", "\"\"") + '"' : to) + k.trim().substring(k.trim().startsWith("\"") ? k.trim().indexOf('"', 1) + 1 : SchemaState.keyColumn(k).length())
                : k.trim().startsWith("(") ? ExpressionColumns.renamed(k, from, to) : k).toList(),
                i.unique(), ExpressionColumns.renamed(i.where(), from, to), i.using(), r.apply(i.include()), i.nullsNotDistinct(), i.with())).toList();
        List<CheckConstraint> checks = t.checks().stream()
                .map(k -> new CheckConstraint(k.name(), ExpressionColumns.renamed(k.expression(), from, to), k.noInherit())).toList();
        return new Table(t.schema(), t.name(), cols, pk, uq, fks, checks, idx, t.comment(), t.partitionBy());
    }

    static Table withConstraint(Table t, Constraint c) {
        PrimaryKey pk = t.primaryKey();
        List<UniqueConstraint> uq = new ArrayList<>(t.uniques());
        List<ForeignKey> fks = new ArrayList<>(t.foreignKeys());
        List<CheckConstraint> checks = new ArrayList<>(t.checks());
        if (c instanceof PrimaryKey p) pk = p;
        else if (c instanceof UniqueConstraint u) uq.add(u);
        else if (c instanceof ForeignKey f) fks.add(f);
        else if (c instanceof CheckConstraint k) checks.add(k);
        return new Table(t.schema(), t.name(), t.columns(), pk, uq, fks, checks, t.indexes(), t.comment(), t.partitionBy());
    }

    static Table withoutConstraint(Table t, String name) {
        PrimaryKey pk = t.primaryKey() != null && t.primaryKey().name().equals(name) ? null : t.primaryKey();
        return new Table(t.schema(), t.name(), t.columns(), pk,
                t.uniques().stream().filter(u -> !u.name().equals(name)).toList(),
                t.foreignKeys().stream().filter(f -> !f.name().equals(name)).toList(),
                t.checks().stream().filter(k -> !k.name().equals(name)).toList(), t.indexes(), t.comment(), t.partitionBy());
    }
}
