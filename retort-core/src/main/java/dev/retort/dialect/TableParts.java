package dev.retort.dialect;

import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Column;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.Index;
import dev.retort.schema.PrimaryKey;
import dev.retort.schema.Table;
import dev.retort.schema.UniqueConstraint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A table as an inspector collects it, one catalog query at a time; constraints and indexes keyed by name. */
public final class TableParts {
    public final String schema, name, comment;
    public final List<Column> columns = new ArrayList<>();
    public PrimaryKey pk;
    public final Map<String, UniqueConstraint> uniques = new LinkedHashMap<>();
    public final Map<String, ForeignKey> fks = new LinkedHashMap<>();
    public final List<CheckConstraint> checks = new ArrayList<>();
    public final Map<String, Index> indexes = new LinkedHashMap<>();
    /** A partitioned table's key, or null. */
    public String partitionBy;

    public TableParts(String schema, String name, String comment) {
        this.schema = schema;
        this.name = name;
        this.comment = comment;
    }

    /** Adds one key to the index of that name, creating it on its first key (rows come in key order). */
    public void indexKey(String index, String key, boolean unique) { indexKey(index, key, unique, null); }

    /** The same, for an index of a kind of its own ({@code using}: MySQL's "fulltext" or "spatial"; null is the default). */
    public void indexKey(String index, String key, boolean unique, String using) {
        Index old = indexes.get(index);
        List<String> keys = new ArrayList<>(old == null ? List.of() : old.keys());
        keys.add(key);
        indexes.put(index, new Index(index, keys, unique, null, using, List.of(), false, null));
    }

    public Table build() {
        return new Table(schema, name, columns, pk, new ArrayList<>(uniques.values()), new ArrayList<>(fks.values()), checks,
                new ArrayList<>(indexes.values()), comment, partitionBy);
    }
}
