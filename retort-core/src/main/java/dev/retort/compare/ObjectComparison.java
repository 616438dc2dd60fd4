package dev.retort.compare;

import dev.retort.compare.Plan.Phase;
import dev.retort.ops.Operation;
import dev.retort.ops.Operation.AlterColumn;
import dev.retort.ops.Operation.CreateObject;
import dev.retort.ops.Operation.DropColumn;
import dev.retort.ops.Operation.DropObject;
import dev.retort.ops.Operation.EnumUsage;
import dev.retort.ops.Operation.RecreateEnum;
import dev.retort.ops.Operation.ReplaceObject;
import dev.retort.schema.Catalog;
import dev.retort.schema.Column;
import dev.retort.schema.Index;
import dev.retort.schema.Schema;
import dev.retort.schema.SchemaObject;
import dev.retort.schema.SchemaObject.Kind;
import dev.retort.schema.Table;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Views, functions, triggers, policies, partitions and the rest kept as definitions. Runs after the tables are compared,
 * because a view over a table whose column is dropped or retyped must be dropped before and made again after (the
 * database refuses the change while the view stands), and so must every view over such a view.
 *
 * <p>Order: functions a table's default, check or index uses come before the tables; the rest after them, views in
 * dependency order, then triggers, row security and policies. Drops run the other way round, functions last.
 */
final class ObjectComparison {
    private final Plan plan;
    private final boolean exact;
    private final Catalog from, to;
    private final String dialect;

    ObjectComparison(Plan plan, boolean exact, Catalog from, Catalog to, String dialect) {
        this.plan = plan;
        this.exact = exact;
        this.from = from;
        this.to = to;
        this.dialect = dialect;
    }

    void compare() {
        Map<String, SchemaObject> before = all(from), after = all(to);
        if (before.isEmpty() && after.isEmpty()) return;
        Map<String, SchemaObject> drops = new LinkedHashMap<>(), creates = new LinkedHashMap<>();
        Map<String, SchemaObject[]> replaces = new LinkedHashMap<>();
        for (var e : before.entrySet()) if (!after.containsKey(e.getKey())) drops.put(e.getKey(), e.getValue());
        Set<String> remadeTargets = remadeTargets();
        for (var e : after.entrySet()) {
            SchemaObject f = before.get(e.getKey()), t = e.getValue();
            if (f == null) creates.put(e.getKey(), t);
            // a comment goes with the index, constraint or type it is on: when that is made again, so is the comment
            else if (!f.sameAs(t, exact) || t.kind() == Kind.COMMENT && remadeTargets.contains(t.schema() + "." + (t.table() == null ? "" : t.table() + ".") + t.name())) {
                if (inPlace(f, t)) replaces.put(e.getKey(), new SchemaObject[] {f, t});
                else {
                    drops.put(e.getKey(), f);
                    creates.put(e.getKey(), t);
                }
            }
        }
        recreateDependants(before, after, drops, creates, replaces);

        List<SchemaObject> dropOrder = new ArrayList<>(drops.values());
        dropOrder.sort(Comparator.comparing((SchemaObject o) -> o.kind().ordinal()).reversed());
        Set<String> usedByTypesBefore = routinesUsedBy(from, true);
        for (SchemaObject o : viewsFirst(dropOrder, from, true)) {
            SchemaObject d = forDialects(o, after.get(qualifiedKey(o)));
            boolean remade = creates.containsKey(qualifiedKey(o));
            Phase p = switch (o.kind()) {
                // one made again goes first, before it is made; one no longer wanted goes after what used it
                case FUNCTION, PROCEDURE -> remade ? Phase.DROP_OBJECTS
                        : usedByTypesBefore.contains(o.schema() + "." + bareName(o.name())) ? Phase.DROP_ROUTINES_FOR_TYPES : Phase.DROP_ROUTINES;
                case EXTENSION -> Phase.DROP_EXTENSIONS;
                default -> Phase.DROP_OBJECTS;
            };
            plan.add(p, new DropObject(d));
        }
        Set<String> usedByTables = routinesUsedBy(to, false), usedByTypes = routinesUsedBy(to, true);
        Map<SchemaObject, Operation> made = new java.util.IdentityHashMap<>();
        for (SchemaObject t : creates.values()) made.put(t, new CreateObject(t));
        for (SchemaObject[] r : replaces.values()) made.put(r[1], new ReplaceObject(forDialects(r[0], r[1]), r[1]));
        List<SchemaObject> order = new ArrayList<>(creates.values());
        replaces.values().forEach(r -> order.add(r[1]));
        order.sort(Comparator.comparing((SchemaObject o) -> o.kind().ordinal()));
        for (SchemaObject o : viewsFirst(order, to, false)) {
            Operation op = made.get(o);
            Phase p = switch (o.kind()) {
                case EXTENSION -> Phase.CREATE_EXTENSIONS;
                case FUNCTION, PROCEDURE -> {
                    String n = o.schema() + "." + bareName(o.name());
                    yield usedByTypes.contains(n) ? Phase.CREATE_ROUTINES_FOR_TYPES : usedByTables.contains(n) ? Phase.CREATE_ROUTINES_FOR_TABLES : Phase.CREATE_OBJECTS;
                }
                default -> Phase.CREATE_OBJECTS;
            };
            plan.add(p, op);
        }
    }

    /** Whether a change is made without dropping: CREATE OR REPLACE, DETACH/ATTACH, ALTER TABLE. */
    private boolean inPlace(SchemaObject f, SchemaObject t) {
        return switch (f.kind()) {
            // CREATE OR REPLACE FUNCTION cannot change what it returns (read from the catalog into columns)
            case FUNCTION, PROCEDURE -> f.columns().isEmpty() || t.columns().isEmpty() || f.columns().equals(t.columns());
            case PARTITION, ROW_SECURITY, COMMENT -> true;
            // CREATE OR REPLACE VIEW keeps the old columns and may only add more after them; MySQL's replaces any view
            // (one declared for MySQL alone: elsewhere the revision's replace could meet PostgreSQL's rule)
            case VIEW -> dialect.equals("mysql") && t.dialects().equals(Set.of("mysql")) || !f.columns().isEmpty() && t.columns().size() >= f.columns().size() && t.columns().subList(0, f.columns().size()).equals(f.columns());
            case TRIGGER -> f.compared() != null && t.compared() != null && SchemaObject.collapse(f.compared()).equals(SchemaObject.collapse(t.compared()));
            default -> false;
        };
    }

    /**
     * Views that read a column that is dropped or retyped (or converted to a recreated enum type), or a view that is
     * dropped, are dropped and made again; so are a recreated materialized view's indexes and a recreated view's
     * triggers.
     */
    private void recreateDependants(Map<String, SchemaObject> before, Map<String, SchemaObject> after, Map<String, SchemaObject> drops,
                                    Map<String, SchemaObject> creates, Map<String, SchemaObject[]> replaces) {
        Set<String> columns = changedColumns(), views = new HashSet<>();
        Set<String> tables = new HashSet<>();
        for (String c : columns) tables.add(c.substring(0, c.lastIndexOf('.')));
        for (SchemaObject o : drops.values()) if (isView(o)) views.add(o.schema() + "." + o.name());
        boolean grew = true;
        while (grew) {
            grew = false;
            for (var e : before.entrySet()) {
                SchemaObject o = e.getValue();
                if (!isView(o) || drops.containsKey(e.getKey()) || !after.containsKey(e.getKey())) continue;
                // the catalog says which columns a view reads; without it (H2, SQLite, the history), a view whose text
                // names a changed column of a table it names counts
                boolean affected = !o.dependsOn().isEmpty()
                        ? o.dependsOn().stream().anyMatch(d -> columns.contains(d) || views.contains(d))
                        : dependencies(o, from).stream().anyMatch(d -> views.contains(d)
                                || tables.contains(d) && columns.stream().anyMatch(c -> c.startsWith(d + ".") && mentions(o.definition(), c.substring(d.length() + 1))));
                if (affected) {
                    replaces.remove(e.getKey());
                    drops.put(e.getKey(), o);
                    creates.put(e.getKey(), after.get(e.getKey()));
                    views.add(o.schema() + "." + o.name());
                    grew = true;
                }
            }
        }
        // a trigger over a function that is made again goes before it and comes back after it
        Set<String> remadeRoutines = new HashSet<>();
        for (SchemaObject o : drops.values()) {
            if ((o.kind() == Kind.FUNCTION || o.kind() == Kind.PROCEDURE) && after.containsKey(qualifiedKey(o))) remadeRoutines.add(bareName(o.name()));
        }
        for (var e : before.entrySet()) {
            SchemaObject o = e.getValue();
            if (o.kind() != Kind.TRIGGER || drops.containsKey(e.getKey()) || !after.containsKey(e.getKey()) || o.definition() == null) continue;
            for (String r : remadeRoutines) {
                if (calls(o.definition(), r)) {
                    replaces.remove(e.getKey());
                    drops.put(e.getKey(), o);
                    creates.put(e.getKey(), after.get(e.getKey()));
                }
            }
        }
        // what stands on a recreated view goes with it and comes back after it
        for (var e : before.entrySet()) {
            SchemaObject o = e.getValue();
            if (o.table() == null || isView(o) || drops.containsKey(e.getKey())) continue;
            if (views.contains(o.schema() + "." + o.table()) && before.values().stream().anyMatch(v -> isView(v) && v.schema().equals(o.schema())
                    && v.name().equals(o.table())) && after.containsKey(e.getKey())) {
                replaces.remove(e.getKey());
                drops.put(e.getKey(), o);
                creates.put(e.getKey(), after.get(e.getKey()));
            }
        }
    }

    /** "schema.[table.]TYPE name" of the indexes, constraints, enum types and domains the plan drops and makes again. */
    private Set<String> remadeTargets() {
        Set<String> dropped = new HashSet<>(), made = new HashSet<>();
        for (Operation o : plan.operations()) {
            if (o instanceof Operation.DropIndex x) dropped.add(x.schema() + "." + x.table() + ".INDEX " + x.name());
            if (o instanceof Operation.CreateIndex x) made.add(x.schema() + "." + x.table() + ".INDEX " + x.index().name());
            if (o instanceof Operation.DropConstraint x) dropped.add(x.schema() + "." + x.table() + ".CONSTRAINT " + x.name());
            if (o instanceof Operation.AddConstraint x) made.add(x.schema() + "." + x.table() + ".CONSTRAINT " + x.constraint().name());
            if (o instanceof Operation.DropEnum x) dropped.add(x.schema() + ".TYPE " + x.name());
            if (o instanceof Operation.CreateEnum x) made.add(x.type().schema() + ".TYPE " + x.type().name());
            if (o instanceof RecreateEnum x) {
                dropped.add(x.schema() + ".TYPE " + x.name());
                made.add(x.schema() + ".TYPE " + x.name());
            }
            if (o instanceof Operation.DropDomain x) dropped.add(x.schema() + ".DOMAIN " + x.name());
            if (o instanceof Operation.CreateDomain x) made.add(x.domain().schema() + ".DOMAIN " + x.domain().name());
        }
        dropped.retainAll(made);
        return dropped;
    }

    /** "schema.table.column" of the columns the plan drops or retypes, or converts to a recreated enum type. */
    private Set<String> changedColumns() {
        Set<String> out = new HashSet<>();
        for (Operation o : plan.in(Phase.DROP_COLUMNS)) if (o instanceof DropColumn d) out.add(d.schema() + "." + d.table() + "." + d.name());
        for (Operation o : plan.in(Phase.ALTER_COLUMNS)) {
            if (o instanceof AlterColumn a && a.type() != null) out.add(a.schema() + "." + a.table() + "." + a.column());
        }
        for (Phase p : List.of(Phase.CREATE_TYPES, Phase.ALTER_COLUMNS)) {
            for (Operation o : plan.in(p)) {
                if (o instanceof RecreateEnum r) for (EnumUsage u : r.usedBy()) out.add(u.schema() + "." + u.table() + "." + u.column());
            }
        }
        return out;
    }

    private static boolean isView(SchemaObject o) { return o.kind() == Kind.VIEW || o.kind() == Kind.MATERIALIZED_VIEW; }

    /**
     * The relations a view reads: as the catalog recorded them, or else every table and view of the catalog its text
     * names (more than it reads at worst, which only orders more strictly).
     */
    private static List<String> dependencies(SchemaObject o, Catalog c) {
        if (!o.dependsOn().isEmpty() || o.definition() == null) return o.dependsOn();
        List<String> out = new ArrayList<>();
        for (Schema s : c.schemas().values()) {
            Set<String> names = new LinkedHashSet<>(s.tables().keySet());
            s.objects().values().stream().filter(ObjectComparison::isView).forEach(v -> names.add(v.name()));
            for (String n : names) {
                if (n.equals(o.name()) && s.name().equals(o.schema())) continue;
                if (mentions(o.definition(), n)) out.add(s.name() + "." + n);
            }
        }
        return out;
    }

    /** The list with its views and materialized views in dependency order among themselves (or the reverse, for drops). */
    private static List<SchemaObject> viewsFirst(List<SchemaObject> objects, Catalog c, boolean reverse) {
        List<SchemaObject> views = objects.stream().filter(ObjectComparison::isView).toList();
        if (views.size() < 2) return objects;
        Map<String, SchemaObject> byName = new TreeMap<>();
        for (SchemaObject v : views) byName.put(v.schema() + "." + v.name(), v);
        List<SchemaObject> ordered = new ArrayList<>();
        Set<String> done = new HashSet<>(), visiting = new HashSet<>();
        for (SchemaObject v : views) visit(v, c, byName, done, visiting, ordered);
        if (reverse) java.util.Collections.reverse(ordered);
        List<SchemaObject> out = new ArrayList<>();
        int next = 0;
        for (SchemaObject o : objects) out.add(isView(o) ? ordered.get(next++) : o);
        return out;
    }

    private static void visit(SchemaObject v, Catalog c, Map<String, SchemaObject> byName, Set<String> done, Set<String> visiting, List<SchemaObject> out) {
        String id = v.schema() + "." + v.name();
        if (done.contains(id) || !visiting.add(id)) return; // a cycle can only come from text that merely names another view
        for (String d : dependencies(v, c)) if (byName.containsKey(d)) visit(byName.get(d), c, byName, done, visiting, out);
        visiting.remove(id);
        done.add(id);
        out.add(v);
    }

    /**
     * "schema.name" of every function a domain's check or default names ({@code types}), or else a table's default,
     * generated column, check or index expression.
     */
    private static Set<String> routinesUsedBy(Catalog c, boolean types) {
        Set<String> out = new HashSet<>();
        StringBuilder text = new StringBuilder();
        for (Schema s : c.schemas().values()) {
            if (types) {
                s.domains().values().forEach(dm -> {
                    text.append(' ').append(dm.defaultExpr());
                    dm.checks().forEach(k -> text.append(' ').append(k.expression()));
                });
                continue;
            }
            for (Table t : s.tables().values()) {
                for (Column col : t.columns()) text.append(' ').append(col.defaultExpr()).append(' ').append(col.generated());
                t.checks().forEach(k -> text.append(' ').append(k.expression()));
                for (Index i : t.indexes()) text.append(' ').append(String.join(" ", i.keys())).append(' ').append(i.where());
            }
        }
        String all = text.toString();
        for (Schema s : c.schemas().values()) {
            for (SchemaObject o : s.objects().values()) {
                if (o.kind() == Kind.FUNCTION && calls(all, bareName(o.name()))) out.add(s.name() + "." + bareName(o.name()));
            }
        }
        return out;
    }

    /** Whether SQL text names an identifier, bare or quoted, as a word of its own. */
    private static boolean mentions(String sql, String name) {
        return sql != null && Pattern.compile("(?i)(?<![\\w$])\"?" + Pattern.quote(name) + "\"?(?![\\w$])").matcher(sql).find();
    }

    /** Whether SQL text calls a routine of that name, bare or quoted. */
    private static boolean calls(String sql, String routine) {
        return sql != null && Pattern.compile("(?i)(?<![\\w$])\"?" + Pattern.quote(routine) + "\"?\\s*\\(").matcher(sql).find();
    }

    /** "touch(integer)" → "touch" */
    static String bareName(String signature) {
        int p = signature.indexOf('(');
        return p < 0 ? signature : signature.substring(0, p);
    }

    /**
     * An object read from the database carries no databases of its own; what changes it is written for the databases
     * the model declares it for, else (for everything but a plain view, which every database has) for this one.
     */
    private SchemaObject forDialects(SchemaObject o, SchemaObject declared) {
        if (!o.dialects().isEmpty()) return o;
        if (declared != null && !declared.dialects().isEmpty()) return o.withDialects(declared.dialects());
        // a view read from the database is made again everywhere, unless it is in MySQL's spelling (backquotes)
        return o.kind() == Kind.VIEW && !dialect.equals("mysql") ? o : o.withDialects(Set.of(dialect));
    }

    private static String qualifiedKey(SchemaObject o) { return o.schema() + "|" + o.key(); }

    private static Map<String, SchemaObject> all(Catalog c) {
        Map<String, SchemaObject> out = new TreeMap<>();
        for (Schema s : c.schemas().values()) for (SchemaObject o : s.objects().values()) out.put(qualifiedKey(o), o);
        return out;
    }
}
