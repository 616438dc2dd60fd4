package dev.retort.schema;

import java.util.List;

public record UniqueConstraint(String name, List<String> columns, boolean deferrable) implements Constraint {
    public UniqueConstraint { columns = List.copyOf(columns); }
    @Override public UniqueConstraint withName(String n) { return new UniqueConstraint(n, columns, deferrable); }
}
