package dev.retort.api;

import dev.retort.ops.Operation.EnumUsage;
import dev.retort.ops.Operation.TableIndex;
import dev.retort.schema.Index;

import java.util.ArrayList;
import java.util.List;

/** Refines {@link Operations#recreateEnum}: the columns of the type and the indexes that compare them with its values. */
public final class EnumUsageBuilder {
    final List<EnumUsage> usages = new ArrayList<>();
    final List<TableIndex> indexes = new ArrayList<>();

    EnumUsageBuilder() {}

    /** An index that compares a using column with the type's values: dropped before the change, rebuilt after. */
    public EnumUsageBuilder dependentIndex(String schema, String table, String name, boolean unique, String where, String... keys) {
        indexes.add(new TableIndex(schema, table, new Index(name, List.of(keys), unique, where, null, List.of())));
        return this;
    }

    /** A column of this enum type; {@code defaultExpr} is its server default (or null), restored after the change. */
    public EnumUsageBuilder usedBy(String schema, String table, String column, String defaultExpr) {
        usages.add(new EnumUsage(schema, table, column, defaultExpr));
        return this;
    }
}
