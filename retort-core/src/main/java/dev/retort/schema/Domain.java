package dev.retort.schema;

import java.util.List;

/** A domain: a base type with an optional default, NOT NULL and named check constraints (on VALUE). */
public record Domain(String schema, String name, String baseType, boolean notNull, String defaultExpr, String collation,
                     List<CheckConstraint> checks, String comment) {
    public Domain {
        checks = List.copyOf(checks);
    }
}
