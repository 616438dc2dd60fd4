package dev.retort.schema;

import java.util.List;

public record UniqueConstraint(String name, List<String> columns, boolean deferrable, boolean initiallyDeferred,
                               boolean nullsNotDistinct) implements Constraint {
    public UniqueConstraint {
        columns = List.copyOf(columns);
    }

    public UniqueConstraint(String name, List<String> columns, boolean deferrable) { this(name, columns, deferrable, false, false); }

    @Override public UniqueConstraint withName(String n) { return new UniqueConstraint(n, columns, deferrable, initiallyDeferred, nullsNotDistinct); }
}
