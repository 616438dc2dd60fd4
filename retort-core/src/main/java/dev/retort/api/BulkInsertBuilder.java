package dev.retort.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Refines {@link Operations#bulkInsert}: the columns, then one call per row. */
public final class BulkInsertBuilder {
    List<String> columns = List.of();
    final List<List<Object>> rows = new ArrayList<>();

    BulkInsertBuilder() {}

    public BulkInsertBuilder columns(String... cols) { columns = List.of(cols); return this; }

    public BulkInsertBuilder row(Object... values) {
        if (values.length != columns.size()) {
            throw new RetortException("bulkInsert row has " + values.length + " values for " + columns.size() + " columns " + columns);
        }
        rows.add(Arrays.asList(values));
        return this;
    }
}
