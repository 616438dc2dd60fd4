package dev.retort.compare;

import java.util.Collection;
import java.util.Collections;
import java.util.regex.Pattern;
import dev.retort.compare.Plan.Phase;
import dev.retort.dialect.Dialect;
import dev.retort.ops.Operation.*;
import dev.retort.schema.Catalog;
import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Column;
import dev.retort.schema.Domain;
import dev.retort.schema.EnumType;
import dev.retort.schema.Index;
import dev.retort.schema.Schema;
import dev.retort.schema.Sequence;
import dev.retort.schema.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Enum types and sequences. */
final class TypeComparison {
    private final Plan plan;
    private final Dialect dialect;
    private final boolean exact;
    private final Catalog from, to;

    TypeComparison(Plan plan, Dialect dialect, boolean exact, Catalog from, Catalog to) {
        this.exact = exact;
        this.plan = plan;
        this.dialect = dialect;
        this.from = from;
        this.to = to;
    }

    void compare() {
        for (Schema target : to.schemas().values()) {
            Schema current = from.schemas().getOrDefault(target.name(), Schema.empty(target.name()));
            for (EnumType e : target.enums().values()) {
                EnumType old = current.enums().get(e.name());
                if (old == null) plan.add(Phase.CREATE_TYPES, new CreateEnum(e));
                else if (!old.values().equals(e.values())) alterEnum(old, e);
            }
            for (Domain d : dependencyOrder(target.domains().values())) {
                Domain old = current.domains().get(d.name());
                if (old == null || !Objects.equals(old.baseType(), d.baseType()) || !Objects.equals(old.collation(), d.collation())) {
                    if (old != null) plan.add(Phase.DROP_TYPES, new DropDomain(old.schema(), old.name(), old));
                    plan.add(Phase.CREATE_TYPES, new CreateDomain(d));
                } else {
                    alterDomain(old, d);
                }
            }
            for (Sequence s : target.sequences().values()) {
                Sequence old = current.sequences().get(s.name());
                if (old == null) {
                    plan.add(Phase.CREATE_TYPES, new CreateSequence(s.withOwnedBy(null)));
                    if (s.ownedBy() != null) plan.add(Phase.ALTER_SEQUENCES, new AlterSequence(s.withOwnedBy(null), s));
                } else if (!old.equals(s)) {
                    plan.add(Phase.ALTER_SEQUENCES, new AlterSequence(old, s));
                }
            }
        }
        for (Schema current : from.schemas().values()) {
            Schema target = to.schemas().getOrDefault(current.name(), Schema.empty(current.name()));
            for (Sequence s : current.sequences().values()) {
                if (!target.sequences().containsKey(s.name()) && !droppedWithItsOwner(s)) {
                    plan.add(Phase.DROP_TYPES, new DropSequence(s.schema(), s.name(), s));
                }
            }
            List<Domain> drops = new ArrayList<>(dependencyOrder(current.domains().values()));
            Collections.reverse(drops);
            for (Domain d : drops) {
                if (!target.domains().containsKey(d.name())) plan.add(Phase.DROP_TYPES, new DropDomain(d.schema(), d.name(), d));
            }
            for (EnumType e : current.enums().values()) {
                if (!target.enums().containsKey(e.name())) plan.add(Phase.DROP_TYPES, new DropEnum(e.schema(), e.name(), e));
            }
        }
    }

    private void alterDomain(Domain old, Domain d) {
        Change<String> def = dialect.sameExpression(old.defaultExpr(), d.defaultExpr(), exact) ? null : new Change<>(old.defaultExpr(), d.defaultExpr());
        Change<Boolean> notNull = old.notNull() == d.notNull() ? null : new Change<>(old.notNull(), d.notNull());
        List<CheckConstraint> drop = new ArrayList<>(), add = new ArrayList<>();
        for (CheckConstraint c : old.checks()) {
            CheckConstraint n = d.checks().stream().filter(x -> x.name().equals(c.name())).findFirst().orElse(null);
            if (n == null || !dialect.sameExpression(c.expression(), n.expression(), exact)) drop.add(c);
        }
        for (CheckConstraint c : d.checks()) {
            CheckConstraint o = old.checks().stream().filter(x -> x.name().equals(c.name())).findFirst().orElse(null);
            if (o == null || !dialect.sameExpression(c.expression(), o.expression(), exact)) add.add(c);
        }
        if (def != null || notNull != null || !drop.isEmpty() || !add.isEmpty()) {
            plan.add(Phase.CREATE_TYPES, new AlterDomain(d.schema(), d.name(), def, notNull, drop, add));
        }
    }

    /** Domains over other domains of the same set come after them. */
    private List<Domain> dependencyOrder(Collection<Domain> domains) {
        List<Domain> out = new ArrayList<>();
        List<Domain> remaining = new ArrayList<>(domains);
        while (!remaining.isEmpty()) {
            Domain next = remaining.stream().filter(d -> remaining.stream().noneMatch(o -> o != d
                    && d.baseType().equals(dialect.qualify(o.schema(), o.name())))).findFirst().orElse(remaining.get(0));
            out.add(next);
            remaining.remove(next);
        }
        return out;
    }

    /** A sequence owned by a column goes with that column's table or the column itself. */
    private boolean droppedWithItsOwner(Sequence s) {
        if (s.ownedBy() == null) return false;
        int dot = s.ownedBy().lastIndexOf('.');
        String table = s.ownedBy().substring(0, dot), column = s.ownedBy().substring(dot + 1);
        return to.table(s.schema(), table).flatMap(t -> t.column(column)).isEmpty();
    }

    private void alterEnum(EnumType old, EnumType e) {
        List<EnumUsage> usedBy = usages(dialect, to, e);
        if (isSubsequence(old.values(), e.values())) {
            // undoing an added value rebuilds the type where the downgrade has undone everything after it and nothing
            // before it: the columns that use the type then are the ones both sides have, unchanged
            List<EnumUsage> kept = usages(dialect, from, old).stream().filter(u -> usedBy.stream().anyMatch(a -> a.schema().equals(u.schema())
                    && a.table().equals(u.table()) && a.column().equals(u.column()))).toList();
            for (AddEnumValue a : valuesAdded(old, e, kept, dependentIndexes(from, kept))) plan.add(Phase.CREATE_TYPES, a);
        } else {
            plan.add(Phase.DROP_TYPES, new RecreateEnum(e.schema(), e.name(), e.values(), usedBy, dependentIndexes(to, usedBy)));
        }
    }

    /**
     * One ADD VALUE per value of {@code e} that {@code old} lacks, each placed BEFORE the value after it or AFTER the one
     * before it, so the type ends with e's order; {@code old}'s values must be in e in the same order.
     */
    static List<AddEnumValue> valuesAdded(EnumType old, EnumType e, List<EnumUsage> usedBy, List<TableIndex> indexes) {
        List<AddEnumValue> out = new ArrayList<>();
        List<String> values = new ArrayList<>(old.values());
        for (int i = 0; i < e.values().size(); i++) {
            String v = e.values().get(i);
            if (values.contains(v)) continue;
            String before = i + 1 < e.values().size() && values.contains(e.values().get(i + 1)) ? e.values().get(i + 1) : null;
            String after = before == null && i > 0 ? e.values().get(i - 1) : null;
            if (before == null && i == e.values().size() - 1) after = null;
            out.add(new AddEnumValue(e.schema(), e.name(), v, before, after, List.copyOf(values), usedBy, indexes));
            values.add(before != null ? values.indexOf(before) : after != null ? values.indexOf(after) + 1 : values.size(), v);
        }
        return out;
    }

    /** The columns of {@code catalog} whose type is the enum (or an array of it). */
    static List<EnumUsage> usages(Dialect dialect, Catalog catalog, EnumType e) {
        List<EnumUsage> out = new ArrayList<>();
        String q = dialect.qualify(e.schema(), e.name());
        for (Table t : catalog.tables()) {
            for (Column c : t.columns()) {
                if (Objects.equals(c.type(), q)) out.add(new EnumUsage(t.schema(), t.name(), c.name(), c.defaultExpr()));
            }
        }
        return out;
    }

    /** Indexes on the using tables whose expressions or predicate mention a using column. */
    static List<TableIndex> dependentIndexes(Catalog catalog, List<EnumUsage> usedBy) {
        List<TableIndex> out = new ArrayList<>();
        for (Table t : catalog.tables()) {
            List<String> cols = usedBy.stream().filter(u -> u.schema().equals(t.schema()) && u.table().equals(t.name())).map(EnumUsage::column).toList();
            if (cols.isEmpty()) continue;
            for (Index i : t.indexes()) {
                List<String> exprs = new ArrayList<>(i.keys().stream().filter(k -> k.startsWith("(")).toList());
                if (i.where() != null) exprs.add(i.where());
                boolean mentions = exprs.stream().anyMatch(x -> cols.stream().anyMatch(c -> Pattern.compile(
                        "(?<![\\w$])\"?" + Pattern.quote(c) + "\"?(?![\\w$])").matcher(x).find()));
                if (mentions) out.add(new TableIndex(t.schema(), t.name(), i));
            }
        }
        return out;
    }

    static boolean isSubsequence(List<String> small, List<String> big) {
        int i = 0;
        for (String v : big) if (i < small.size() && small.get(i).equals(v)) i++;
        return i == small.size();
    }
}
