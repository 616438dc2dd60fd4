package dev.retort.schema;

import java.util.List;

/** A named table constraint. */
public sealed interface Constraint permits PrimaryKey, UniqueConstraint, ForeignKey, CheckConstraint {
    String name();

    Constraint withName(String name);

    /** The columns this constraint covers (empty for a check). */
    default List<String> columns() { return List.of(); }
}
