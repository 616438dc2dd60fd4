package dev.retort.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A table with its columns, keys, constraints and indexes. Lists keep declaration order. {@code partitionBy}: a
 * partitioned table's key as PostgreSQL spells it after PARTITION BY ("RANGE (created_at)"), or null.
 */
public record Table(String schema, String name, List<Column> columns, PrimaryKey primaryKey,
                    List<UniqueConstraint> uniques, List<ForeignKey> foreignKeys, List<CheckConstraint> checks,
                    List<Index> indexes, String comment, String partitionBy) {
    public Table {
        columns = List.copyOf(columns);
        uniques = List.copyOf(uniques);
        foreignKeys = List.copyOf(foreignKeys);
        checks = List.copyOf(checks);
        indexes = List.copyOf(indexes);
    }

    public Table(String schema, String name, List<Column> columns, PrimaryKey primaryKey, List<UniqueConstraint> uniques,
                 List<ForeignKey> foreignKeys, List<CheckConstraint> checks, List<Index> indexes, String comment) {
        this(schema, name, columns, primaryKey, uniques, foreignKeys, checks, indexes, comment, null);
    }

    public Optional<Column> column(String n) {
        return columns.stream().filter(c -> c.name().equals(n)).findFirst();
    }

    public QualifiedName qualifiedName() { return new QualifiedName(schema, name); }

    /** Every constraint, primary key first. */
    public List<Constraint> constraints() {
        List<Constraint> all = new ArrayList<>();
        if (primaryKey != null) all.add(primaryKey);
        all.addAll(uniques);
        all.addAll(checks);
        all.addAll(foreignKeys);
        return all;
    }

    public Table withForeignKeys(List<ForeignKey> fks) {
        return new Table(schema, name, columns, primaryKey, uniques, fks, checks, indexes, comment, partitionBy);
    }

    public Table withName(String newName) { return new Table(schema, newName, columns, primaryKey, uniques, foreignKeys, checks, indexes, comment, partitionBy); }

    public Table withColumns(List<Column> cols) { return new Table(schema, name, cols, primaryKey, uniques, foreignKeys, checks, indexes, comment, partitionBy); }

    public Table withIndexes(List<Index> idx) { return new Table(schema, name, columns, primaryKey, uniques, foreignKeys, checks, idx, comment, partitionBy); }

    public Table withComment(String text) { return new Table(schema, name, columns, primaryKey, uniques, foreignKeys, checks, indexes, text, partitionBy); }

    public Table withPartitionBy(String key) { return new Table(schema, name, columns, primaryKey, uniques, foreignKeys, checks, indexes, comment, key); }
}
