package dev.retort.compare;

import dev.retort.compare.Plan.Phase;
import dev.retort.dialect.Dialect;
import dev.retort.ops.Operation;
import dev.retort.ops.Operation.*;
import dev.retort.schema.Catalog;
import dev.retort.schema.Schema;

import java.util.List;

/**
 * Compares two catalogs and gives the operations that turn {@code from} (usually the database) into {@code to}
 * (usually the models), ordered so that each can run after the ones before it.
 */
public final class Compare {
    private final Dialect dialect;
    private final CompareOptions options;

    public Compare(Dialect dialect, CompareOptions options) {
        this.dialect = dialect;
        this.options = options;
    }

    public List<Operation> compare(Catalog from, Catalog to) {
        Plan plan = new Plan();
        boolean exact = from.fromDatabase() && to.fromDatabase();
        for (Schema s : to.schemas().values()) {
            if (!from.schemas().containsKey(s.name())) plan.add(Phase.CREATE_SCHEMAS, new CreateSchema(s.name()));
        }
        new TypeComparison(plan, dialect, exact, from, to).compare();
        new TableComparison(plan, dialect, options, exact, from, to).compare();
        new ObjectComparison(plan, exact, from, to, dialect.name()).compare();
        for (Schema s : from.schemas().values()) {
            if (!to.schemas().containsKey(s.name()) && !s.name().equals(dialect.defaultSchema())) {
                plan.add(Phase.DROP_SCHEMAS, new DropSchema(s.name()));
            }
        }
        return plan.operations();
    }
}
