package dev.retort.api;

import dev.retort.ops.Operation.AlterDomain;
import dev.retort.ops.Operation.Change;
import dev.retort.schema.CheckConstraint;
import java.util.ArrayList;
import java.util.List;

/** Refines {@link Operations#alterDomain}: default, NOT NULL and checks. */
public final class AlterDomainBuilder {
    private final String schema, name;
    private Change<String> defaultExpr;
    private Change<Boolean> notNull;
    private final List<CheckConstraint> drop = new ArrayList<>(), add = new ArrayList<>();

    AlterDomainBuilder(String schema, String name) {
        this.schema = schema;
        this.name = name;
    }

    public AlterDomainBuilder setDefault(String expression) { defaultExpr = new Change<>(null, expression); return this; }
    public AlterDomainBuilder dropDefault() { defaultExpr = new Change<>("", null); return this; }
    public AlterDomainBuilder notNull(boolean n) { notNull = new Change<>(!n, n); return this; }
    public AlterDomainBuilder addCheck(String constraintName, String expression) { add.add(new CheckConstraint(constraintName, expression)); return this; }
    /** Drops a check; the expression (when known) makes the change reversible. */
    public AlterDomainBuilder dropCheck(String constraintName, String expression) { drop.add(new CheckConstraint(constraintName, expression)); return this; }

    AlterDomain build() { return new AlterDomain(schema, name, defaultExpr, notNull, drop, add); }
}
