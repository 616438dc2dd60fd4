package dev.retort.ops;

import dev.retort.schema.Catalog;
import dev.retort.schema.Schema;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.retort.ops.Operation.*;
import dev.retort.schema.Column;
import dev.retort.schema.Constraint;
import dev.retort.schema.EnumType;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.Index;
import dev.retort.schema.PrimaryKey;
import dev.retort.schema.QualifiedName;
import dev.retort.schema.Table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The schema the revision history implies: tables and enum types as they stand after the operations applied so far.
 * Dialects that must restate a whole column or table to change part of it (MySQL's MODIFY COLUMN, SQLite's move and
 * copy) and those that spell enums inline render against it, online and offline alike. Raw SQL ({@code execute})
 * is opaque to it; {@link #opaque()} says whether any was seen.
 */
public final class SchemaState {
    private final Map<QualifiedName, Table> tables = new LinkedHashMap<>();
    private final Map<QualifiedName, EnumType> enums = new LinkedHashMap<>();
    /**
     * CREATE TRIGGER and CREATE INDEX statements seen in raw SQL, by "trigger:name" or "index:name", each as {schema,
     * table it is on, statement}: the history cannot read them, but a rebuild of their table must make them again.
     */
    private final Map<String, String[]> raw = new LinkedHashMap<>();
    private boolean opaque;
    /** Every table the history has made, dropped ones included: what Retort manages, or did. */
    private final Set<QualifiedName> known = new HashSet<>();
    private final ObjectState objects = new ObjectState();

    /** The state of a catalog read from a database or declared by models. */
    public static SchemaState of(Catalog c) {
        SchemaState s = new SchemaState();
        for (Table t : c.tables()) s.put(t);
        for (EnumType e : c.enums()) s.enums.put(new QualifiedName(e.schema(), e.name()), e);
        c.schemas().values().forEach(x -> x.objects().values().forEach(s.objects::put));
        return s;
    }

    /** An independent copy, to render a sequence against without moving this one. */
    public SchemaState copy() {
        SchemaState s = new SchemaState();
        s.tables.putAll(tables);
        s.enums.putAll(enums);
        s.raw.putAll(raw);
        s.opaque = opaque;
        s.known.addAll(known);
        s.objects.bySchemaFrom(objects);
        return s;
    }

    public Optional<Table> table(String schema, String name) { return Optional.ofNullable(tables.get(new QualifiedName(schema, name))); }

    public Optional<EnumType> enumType(String schema, String name) { return Optional.ofNullable(enums.get(new QualifiedName(schema, name))); }

    /** The enum a column type names ("stratsim"."run_status", stratsim.run_status or run_status in the column's schema). */
    public Optional<EnumType> enumOf(String type, String defaultSchema) {
        String t = type.replace("\"", "").trim();
        if (t.endsWith("[]")) return Optional.empty();
        int dot = t.indexOf('.');
        return dot < 0 ? enumType(defaultSchema, t) : enumType(t.substring(0, dot), t.substring(dot + 1));
    }

    private static final String NAME = "(\"(?:[^\"]|\"\")+\"(?:\\.\"(?:[^\"]|\"\")+\")?|[\\w.]+)";
    private static final Pattern CREATE_RAW = Pattern.compile(
            "(?is)^\\s*CREATE\\s+(?:TEMP\\s+|TEMPORARY\\s+|UNIQUE\\s+)?(TRIGGER|INDEX)\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?" + NAME
                    + ".*?\\s+ON\\s+" + NAME + "[\\s(].*");
    private static final Pattern DROP_RAW = Pattern.compile(
            "(?is)^\\s*DROP\\s+(TRIGGER|INDEX)\\s+(?:IF\\s+EXISTS\\s+)?" + NAME + "\\s*;?\\s*$");

    /** Records a trigger or index created (or forgets one dropped) by raw SQL, so a rebuild of its table can recreate it. */
    private void rawObject(String sql) {
        Matcher c = CREATE_RAW.matcher(sql);
        if (c.matches()) {
            String[] name = unquoteQualified(c.group(2)), on = unquoteQualified(c.group(3));
            String schema = nameParts(c.group(2)).size() > 1 ? name[0] : on[0]; // SQLite qualifies the index, not its table
            raw.put(c.group(1).toLowerCase(Locale.ROOT) + ":" + name[1], new String[] {schema, on[1], sql.strip()});
            return;
        }
        Matcher d = DROP_RAW.matcher(sql);
        if (d.matches()) raw.remove(d.group(1).toLowerCase(Locale.ROOT) + ":" + unquoteQualified(d.group(2))[1]);
    }

    private static String[] unquoteQualified(String name) {
        List<String> parts = nameParts(name);
        return parts.size() == 1 ? new String[] {"public", parts.get(0)} : new String[] {parts.get(0), parts.get(1)};
    }

    /** The parts of a possibly qualified, possibly quoted name, unquoted. */
    private static List<String> nameParts(String name) {
        List<String> parts = new ArrayList<>();
        Matcher m = NAME_PART.matcher(name);
        while (m.find()) parts.add(m.group(1) != null ? m.group(1).replace("\"\"", "\"") : m.group(2));
        return parts;
    }

    private static final Pattern NAME_PART = Pattern.compile("\"((?:[^\"]|\"\")+)\"|([^.\"]+)");

    /**
     * The CREATE INDEX and then CREATE TRIGGER statements of a table that revisions wrote as raw SQL, then its triggers
     * made by {@code op.createTrigger} for SQLite (what a SQLite rebuild makes again).
     */
    public List<String> rawObjects(String schema, String table) {
        List<String> out = new ArrayList<>();
        for (String kind : List.of("index:", "trigger:")) {
            for (Map.Entry<String, String[]> e : raw.entrySet()) {
                String[] t = e.getValue();
                if (e.getKey().startsWith(kind) && t[0].equals(schema) && t[1].equals(table)) out.add(t[2]);
            }
        }
        out.addAll(objects.triggersOn(schema, table, "sqlite"));
        return out;
    }

    /** Tables with a foreign key to the given one (the table itself excluded). */
    public List<Table> referencing(String schema, String name) {
        List<Table> out = new ArrayList<>();
        for (Table t : tables.values()) {
            if (t.schema().equals(schema) && t.name().equals(name)) continue;
            if (t.foreignKeys().stream().anyMatch(f -> f.refSchema().equals(schema) && f.refTable().equals(name))) out.add(t);
        }
        return out;
    }

    public boolean opaque() { return opaque; }

    /** Takes a table as a revision describes it (a batch's {@code copyFrom}), in place of what the history implied. */
    public void assume(Table t) {
        put(t);
        for (Index i : t.indexes()) raw.remove("index:" + i.name()); // the definition given now describes them
    }

    /**
     * The one table an operation changed, from the state before it ({@code earlier}) to this one: its name and both
     * definitions (null where it did not exist); empty when the operation changed no table or several.
     */
    public Optional<TableChange> changeSince(SchemaState earlier) {
        Set<QualifiedName> names = new HashSet<>(tables.keySet());
        names.addAll(earlier.tables.keySet());
        TableChange found = null;
        for (QualifiedName q : names) {
            Table was = earlier.tables.get(q), now = tables.get(q);
            if (Objects.equals(was, now)) continue;
            if (found != null) return Optional.empty();
            found = new TableChange(q.schema(), q.name(), was, now);
        }
        return Optional.ofNullable(found);
    }

    /** A table before and after an operation; either side null where the table did not exist. */
    public record TableChange(String schema, String name, Table before, Table after) {}

    /** The declared catalog of one table as it stood (empty if absent), with the state's enum types in its schema. */
    public Catalog catalogOf(String schema, Table table) {
        Map<String, EnumType> schemaEnums = new HashMap<>();
        enums.forEach((q, e) -> { if (q.schema().equals(schema)) schemaEnums.put(q.name(), e); });
        Map<String, Table> one = table == null ? Map.of() : Map.of(table.name(), table);
        return new Catalog(Map.of(schema, new Schema(schema, one, Map.of(), schemaEnums, Map.of())), false);
    }

    /** Every table, in the order the history created them. */
    public List<Table> tables() { return List.copyOf(tables.values()); }

    /** What the history knows as a catalog: its tables and enum types, by schema (it does not follow sequences or domains). */
    public Catalog catalog() {
        Map<String, Map<String, Table>> byTable = new LinkedHashMap<>();
        Map<String, Map<String, EnumType>> byEnum = new LinkedHashMap<>();
        tables.forEach((q, t) -> byTable.computeIfAbsent(q.schema(), k -> new LinkedHashMap<>()).put(q.name(), t));
        enums.forEach((q, e) -> byEnum.computeIfAbsent(q.schema(), k -> new LinkedHashMap<>()).put(q.name(), e));
        Map<String, Schema> out = new LinkedHashMap<>();
        Set<String> names = new java.util.TreeSet<>(byTable.keySet());
        names.addAll(byEnum.keySet());
        names.addAll(objects.schemas());
        for (String n : names) {
            out.put(n, new Schema(n, byTable.getOrDefault(n, Map.of()), Map.of(), byEnum.getOrDefault(n, Map.of()), Map.of(), objects.of(n)));
        }
        return new Catalog(out, false);
    }

    public void apply(Operation op) {
        if (op instanceof CreateTable o) put(o.table());
        else if (objects.apply(op)) {
            // views, functions, triggers, ...: kept as their definitions; a view is known as a table is (MySQL's drop guard)
            if (op instanceof Operation.CreateObject o && o.object().kind() == dev.retort.schema.SchemaObject.Kind.VIEW) known.add(new QualifiedName(o.object().schema(), o.object().name()));
        }
        else if (op instanceof DropTable o) {
            tables.remove(new QualifiedName(o.schema(), o.name()));
            objects.removeOn(o.schema(), o.name());
            raw.values().removeIf(t -> t[0].equals(o.schema()) && t[1].equals(o.name()));
        }
        else if (op instanceof RenameTable o) {
            Table t = tables.remove(new QualifiedName(o.schema(), o.from()));
            known.add(new QualifiedName(o.schema(), o.to()));
            if (t != null) put(t.withName(o.to()));
            // foreign keys follow the table they reference, and so do its triggers and indexes, as the database keeps them
            retarget(o.schema(), o.from(), f -> new ForeignKey(f.name(), f.columns(), f.refSchema(), o.to(), f.refColumns(), f.onDelete(), f.onUpdate(),
                    f.deferrable(), f.initiallyDeferred(), f.matchFull()));
            moveRaw(o.schema(), o.from(), o.to());
            objects.renameTable(o.schema(), o.from(), o.to());
        }
        else if (op instanceof AddColumn o) change(o.schema(), o.table(), t -> {
            List<Column> cols = new ArrayList<>(t.columns());
            cols.add(o.column());
            return TableEdits.withColumns(t, cols);
        });
        else if (op instanceof DropColumn o) change(o.schema(), o.table(), t -> {
            List<Column> cols = new ArrayList<>(t.columns());
            cols.removeIf(c -> c.name().equals(o.name()));
            // as PostgreSQL does: indexes and constraints that involve the column go with it
            String gone = o.name();
            rawIndexesAfter(o.schema(), o.table(), gone, null);
            List<Index> idx = new ArrayList<>(t.indexes());
            idx.removeIf(i -> i.keys().stream().anyMatch(k -> keyColumn(k).equals(gone) || k.trim().startsWith("(") && ExpressionColumns.mentions(k, gone))
                    || i.include().contains(gone) || ExpressionColumns.mentions(i.where(), gone));
            PrimaryKey pk = t.primaryKey() != null && t.primaryKey().columns().contains(gone) ? null : t.primaryKey();
            return new Table(t.schema(), t.name(), cols, pk,
                    t.uniques().stream().filter(u -> !u.columns().contains(gone)).toList(),
                    t.foreignKeys().stream().filter(f -> !f.columns().contains(gone)).toList(),
                    t.checks().stream().filter(k -> !ExpressionColumns.mentions(k.expression(), gone)).toList(), idx, t.comment(), t.partitionBy());
        });
        else if (op instanceof RenameColumn o) {
            change(o.schema(), o.table(), t -> TableEdits.renameColumn(t, o.from(), o.to()));
            rawIndexesAfter(o.schema(), o.table(), o.from(), o.to());
            retarget(o.schema(), o.table(), f -> new ForeignKey(f.name(), f.columns(), f.refSchema(), f.refTable(),
                    f.refColumns().stream().map(c -> c.equals(o.from()) ? o.to() : c).toList(), f.onDelete(), f.onUpdate(),
                    f.deferrable(), f.initiallyDeferred(), f.matchFull()));
        }
        else if (op instanceof AlterColumn o) change(o.schema(), o.table(), t -> {
            List<Column> cols = new ArrayList<>();
            for (Column c : t.columns()) cols.add(c.name().equals(o.column()) ? altered(c, o) : c);
            return TableEdits.withColumns(t, cols);
        });
        else if (op instanceof CreateIndex o) change(o.schema(), o.table(), t -> {
            List<Index> idx = new ArrayList<>(t.indexes());
            idx.add(o.index());
            return t.withIndexes(idx);
        });
        else if (op instanceof DropIndex o) {
            String[] made = raw.get("index:" + o.name());
            if (made != null && made[0].equals(o.schema())) raw.remove("index:" + o.name());
            for (Table t : List.copyOf(tables.values())) {
                if (!t.schema().equals(o.schema()) || o.table() != null && !o.table().equals(t.name())) continue;
                if (t.indexes().stream().noneMatch(i -> i.name().equals(o.name()))) continue;
                List<Index> idx = new ArrayList<>(t.indexes());
                idx.removeIf(i -> i.name().equals(o.name()));
                put(t.withIndexes(idx));
            }
        }
        else if (op instanceof AddConstraint o) change(o.schema(), o.table(), t -> TableEdits.withConstraint(t, o.constraint()));
        else if (op instanceof DropConstraint o) change(o.schema(), o.table(), t -> TableEdits.withoutConstraint(t, o.name()));
        else if (op instanceof SetTableComment o) change(o.schema(), o.table(), t ->
                t.withComment(o.comment().to()));
        else if (op instanceof CreateEnum o) enums.put(new QualifiedName(o.type().schema(), o.type().name()), o.type());
        else if (op instanceof DropEnum o) enums.remove(new QualifiedName(o.schema(), o.name()));
        else if (op instanceof AddEnumValue o) {
            QualifiedName q = new QualifiedName(o.schema(), o.name());
            EnumType e = enums.get(q);
            if (e != null) enums.put(q, new EnumType(e.schema(), e.name(), withValue(e.values(), o.value(), o.before(), o.after())));
        }
        else if (op instanceof RecreateEnum o) enums.put(new QualifiedName(o.schema(), o.name()), new EnumType(o.schema(), o.name(), o.values()));
        else if (op instanceof DropSchema o) {
            tables.keySet().removeIf(q -> q.schema().equals(o.name()));
            enums.keySet().removeIf(q -> q.schema().equals(o.name()));
            objects.dropSchema(o.name());
        }
        else if (op instanceof Batch o) {
            if (o.copyFrom() != null) assume(o.copyFrom());
            o.operations().forEach(this::apply);
        }
        else if (op instanceof Execute o) {
            opaque = true;
            rawObject(o.sql());
        }
        else if (op instanceof RunJava) opaque = true; // Java may change anything
        else if (op instanceof CreateSchema || op instanceof CreateSequence || op instanceof DropSequence || op instanceof AlterSequence
                || op instanceof CreateDomain || op instanceof DropDomain || op instanceof AlterDomain || op instanceof BulkInsert
                || op instanceof SetTimeout) {
            // schemas, sequences, domains and rows change nothing the dialects restate
        }
        else throw new IllegalStateException("unknown operation " + op);
    }

    /** A column after a change to it. */
    public static Column altered(Column c, AlterColumn o) {
        Column n = c;
        if (o.type() != null) n = n.withType(o.type().to());
        if (o.nullable() != null) n = n.withNullable(o.nullable().to());
        if (o.defaultExpr() != null) n = n.withDefault(o.defaultExpr().to());
        if (o.identity() != null) n = n.withIdentity(o.identity().to());
        if (o.comment() != null) n = n.withComment(o.comment().to());
        if (o.onUpdateValue() != null) n = n.withOnUpdateValue(o.onUpdateValue().to());
        if (o.collation() != null) n = n.withCollation(o.collation().to());
        return n;
    }

    /** Enum values with one more, placed before or after another one, or last. */
    public static List<String> withValue(List<String> values, String value, String before, String after) {
        List<String> out = new ArrayList<>(values);
        int at = before != null ? out.indexOf(before) : after != null ? out.indexOf(after) + 1 : out.size();
        out.add(at < 0 ? out.size() : at, value);
        return out;
    }

    /** The column a plain index key names ("name", "name DESC", "\"Name\""); expressions give "". */
    public static String keyColumn(String key) {
        String k = key.trim();
        if (k.startsWith("(")) return "";
        if (k.startsWith("\"")) return k.substring(1, k.indexOf('"', 1));
        int space = k.indexOf(' ');
        return space < 0 ? k : k.substring(0, space);
    }

    private void put(Table t) {
        QualifiedName q = new QualifiedName(t.schema(), t.name());
        tables.put(q, t);
        known.add(q);
    }

    /** The names of the tables and views in a schema that the history has made at any time, dropped ones included. */
    public SortedSet<String> knownTables(String schema) {
        SortedSet<String> out = new TreeSet<>();
        for (QualifiedName q : known) if (q.schema().equals(schema)) out.add(q.name());
        return out;
    }

    /** Whether the history has made the object (a view, a function, ...) at any time. */
    public boolean madeObject(dev.retort.schema.SchemaObject o) { return objects.made(o); }

    /** Changes every foreign key (in any table) that references the given table. */
    private void retarget(String schema, String table, UnaryOperator<ForeignKey> change) {
        for (Map.Entry<QualifiedName, Table> e : tables.entrySet()) {
            Table t = e.getValue();
            if (t.foreignKeys().stream().noneMatch(f -> f.refSchema().equals(schema) && f.refTable().equals(table))) continue;
            List<ForeignKey> fks = t.foreignKeys().stream().map(f -> f.refSchema().equals(schema) && f.refTable().equals(table) ? change.apply(f) : f).toList();
            e.setValue(t.withForeignKeys(fks));
        }
    }

    /** The raw triggers and indexes of a renamed table, with the table named anew in their ON clause (as SQLite rewrites them). */
    private void moveRaw(String schema, String from, String to) {
        for (Map.Entry<String, String[]> e : raw.entrySet()) {
            String[] t = e.getValue();
            if (!t[0].equals(schema) || !t[1].equals(from)) continue;
            Matcher m = CREATE_RAW.matcher(t[2]);
            String quoted = '"' + to.replace("\"", "\"\"") + '"';
            String sql = !m.matches() ? t[2] : t[2].substring(0, m.start(3))
                    + (nameParts(m.group(3)).size() > 1 ? '"' + schema.replace("\"", "\"\"") + "\"." + quoted : quoted) + t[2].substring(m.end(3));
            e.setValue(new String[] {schema, to, sql});
        }
    }

    /**
     * A raw index after a column of its table is dropped (gone with it, as PostgreSQL drops it) or renamed (named anew
     * in its keys, as SQLite rewrites it).
     */
    private void rawIndexesAfter(String schema, String table, String column, String renamedTo) {
        for (Iterator<Map.Entry<String, String[]>> it = raw.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, String[]> e = it.next();
            String[] t = e.getValue();
            if (!e.getKey().startsWith("index:") || !t[0].equals(schema) || !t[1].equals(table)) continue;
            Matcher m = CREATE_RAW.matcher(t[2]);
            if (!m.matches()) continue;
            String keys = t[2].substring(m.end(3));
            if (!ExpressionColumns.mentions(keys, column)) continue;
            if (renamedTo == null) it.remove();
            else e.setValue(new String[] {schema, table, t[2].substring(0, m.end(3)) + ExpressionColumns.renamed(keys, column, renamedTo)});
        }
    }

    private void change(String schema, String table, UnaryOperator<Table> f) {
        Table t = tables.get(new QualifiedName(schema, table));
        if (t != null) put(f.apply(t));
    }

    /** The constraint of that name on the table, if the history declares it. */
    public Optional<Constraint> constraint(String schema, String table, String name) {
        return table(schema, table).flatMap(t -> t.constraints().stream().filter(c -> c.name().equals(name)).findFirst());
    }
}
