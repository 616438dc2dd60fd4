package dev.retort.compare;

import dev.retort.compare.Plan.Phase;
import dev.retort.dialect.Dialect;
import dev.retort.ops.Operation.*;
import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Constraint;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.Index;
import dev.retort.schema.Table;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Keys, checks, foreign keys and indexes of a table present on both sides, matched by name. A changed one is
 * dropped and created again. Expressions written by a model (check bodies, index expressions and predicates) are
 * compared tolerantly, since the database re-spells them.
 */
final class ConstraintComparison {
    private final Plan plan;
    private final Dialect dialect;
    private final boolean exact;

    ConstraintComparison(Plan plan, Dialect dialect, boolean exact) {
        this.plan = plan;
        this.dialect = dialect;
        this.exact = exact;
    }

    void compare(Table current, Table target) {
        Map<String, Constraint> old = byName(current.constraints());
        Map<String, Constraint> now = byName(target.constraints());
        // a name the database made up for a constraint its DDL left unnamed (H2's CONSTRAINT_8A) matches the same
        // constraint under the name the other side gives it
        for (Constraint c : List.copyOf(old.values())) {
            if (!dialect.generatedName(c.name()) || now.containsKey(c.name())) continue;
            for (Constraint t : now.values()) {
                if (!old.containsKey(t.name()) && same(c.withName(t.name()), t)) {
                    old.remove(c.name());
                    old.put(t.name(), c.withName(t.name()));
                    break;
                }
            }
        }
        for (Constraint c : old.values()) {
            Constraint t = now.get(c.name());
            if (t == null || !same(c, t)) {
                Phase phase = c instanceof ForeignKey ? Phase.DROP_FOREIGN_KEYS : Phase.DROP_INDEXES_AND_CONSTRAINTS;
                plan.add(phase, new DropConstraint(current.schema(), current.name(), c.name(), c));
            }
        }
        for (Constraint t : now.values()) {
            Constraint c = old.get(t.name());
            if (c == null || !same(c, t)) {
                Phase phase = t instanceof ForeignKey ? Phase.ADD_FOREIGN_KEYS : Phase.ADD_INDEXES_AND_CONSTRAINTS;
                plan.add(phase, new AddConstraint(target.schema(), target.name(), t));
            }
        }
        Map<String, Index> oldIdx = new LinkedHashMap<>();
        current.indexes().forEach(i -> oldIdx.put(i.name(), i));
        Map<String, Index> newIdx = new LinkedHashMap<>();
        target.indexes().forEach(i -> newIdx.put(i.name(), i));
        for (Index i : oldIdx.values()) {
            Index t = newIdx.get(i.name());
            if (t == null || !same(i, t)) plan.add(Phase.DROP_INDEXES_AND_CONSTRAINTS, new DropIndex(current.schema(), current.name(), i.name(), i));
        }
        for (Index t : newIdx.values()) {
            Index i = oldIdx.get(t.name());
            if (i == null || !same(i, t)) plan.add(Phase.ADD_INDEXES_AND_CONSTRAINTS, new CreateIndex(target.schema(), target.name(), t));
        }
    }

    private static Map<String, Constraint> byName(List<Constraint> list) {
        Map<String, Constraint> m = new LinkedHashMap<>();
        list.forEach(c -> m.put(c.name(), c));
        return m;
    }

    private boolean same(Constraint a, Constraint b) {
        if (a.getClass() != b.getClass()) return false;
        if (a instanceof CheckConstraint x && b instanceof CheckConstraint y) {
            return x.noInherit() == y.noInherit() && dialect.sameExpression(x.expression(), y.expression(), exact);
        }
        return a.equals(b);
    }

    private boolean same(Index a, Index b) {
        if (a.unique() != b.unique() || !Objects.equals(a.using(), b.using()) || !a.include().equals(b.include())) return false;
        if (a.nullsNotDistinct() != b.nullsNotDistinct() || !Objects.equals(a.with(), b.with())) return false;
        if (a.keys().size() != b.keys().size()) return false;
        for (int i = 0; i < a.keys().size(); i++) {
            if (!dialect.sameExpression(a.keys().get(i), b.keys().get(i), exact)) return false;
        }
        return dialect.sameExpression(a.where(), b.where(), exact);
    }
}
