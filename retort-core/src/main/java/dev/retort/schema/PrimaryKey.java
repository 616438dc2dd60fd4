package dev.retort.schema;

import java.util.List;

public record PrimaryKey(String name, List<String> columns) implements Constraint {
    public PrimaryKey { columns = List.copyOf(columns); }
    @Override public PrimaryKey withName(String n) { return new PrimaryKey(n, columns); }
}
