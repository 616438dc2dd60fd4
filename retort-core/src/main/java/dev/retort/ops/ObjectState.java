package dev.retort.ops;

import dev.retort.ops.Operation.CreateObject;
import dev.retort.ops.Operation.DropObject;
import dev.retort.ops.Operation.ReplaceObject;
import dev.retort.schema.SchemaObject;
import dev.retort.schema.SchemaObject.Kind;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The views, functions, triggers, policies, partitions, ... the revision history has made, by schema and key. What
 * the database drops with a table (its triggers, policies, row security, exclusion constraints and partitions) goes
 * with it here, and follows it when it is renamed.
 */
final class ObjectState {
    private final Map<String, Map<String, SchemaObject>> bySchema = new TreeMap<>();

    /** Takes a copy of what another holds. */
    void bySchemaFrom(ObjectState other) {
        other.bySchema.forEach((k, v) -> bySchema.put(k, new TreeMap<>(v)));
        made.addAll(other.made);
    }

    /** Every object (schema and key) ever put here, dropped ones included: what the history made. */
    private final java.util.Set<String> made = new java.util.HashSet<>();

    void put(SchemaObject o) {
        bySchema.computeIfAbsent(o.schema(), k -> new TreeMap<>()).put(o.key(), o);
        made.add(o.schema() + "\0" + o.key());
    }

    boolean made(SchemaObject o) { return made.contains(o.schema() + "\0" + o.key()); }

    /** Applies an operation on objects; false when it is not one. */
    boolean apply(Operation op) {
        if (op instanceof CreateObject o) put(o.object());
        else if (op instanceof ReplaceObject o) {
            // a state change written by hand names the trigger only: its definition stays
            SchemaObject was = of(o.to().schema()).get(o.to().key());
            put(o.to().definition() == null && was != null ? was.withState(o.to().state()) : o.to());
        }
        else if (op instanceof DropObject o) {
            Map<String, SchemaObject> s = bySchema.getOrDefault(o.object().schema(), new HashMap<>());
            s.remove(o.object().key());
            Kind k = o.object().kind();
            if (k == Kind.MATERIALIZED_VIEW || k == Kind.VIEW || k == Kind.PARTITION) removeOn(o.object().schema(), o.object().name());
            // a routine's grants go with it
            if (o.object().kind() == Kind.FUNCTION || o.object().kind() == Kind.PROCEDURE) {
                s.values().removeIf(g -> g.kind() == Kind.GRANT && g.name().endsWith(" ON " + o.object().kind().name() + " " + o.object().name()));
            }
        } else return false;
        return true;
    }

    /** What belongs to a table or view goes when it is dropped. */
    void removeOn(String schema, String table) {
        Map<String, SchemaObject> s = bySchema.get(schema);
        if (s != null) s.values().removeIf(o -> table.equals(o.table()) && o.kind() != Kind.VIEW);
    }

    void renameTable(String schema, String from, String to) {
        Map<String, SchemaObject> s = bySchema.get(schema);
        if (s == null) return;
        for (SchemaObject o : s.values().stream().filter(x -> from.equals(x.table())).toList()) {
            s.remove(o.key());
            String name = o.kind() == Kind.ROW_SECURITY ? to : o.name();
            SchemaObject moved = new SchemaObject(o.kind(), o.schema(), name, to, o.definition(), o.state(), o.dialects(), o.dependsOn(), o.columns(), o.normalized());
            s.put(moved.key(), moved);
        }
    }

    void dropSchema(String name) { bySchema.remove(name); }

    /** The CREATE TRIGGER statements of a table's triggers that are made on {@code dialect}, for a rebuild to make again. */
    List<String> triggersOn(String schema, String table, String dialect) {
        List<String> out = new java.util.ArrayList<>();
        for (SchemaObject o : of(schema).values()) {
            if (o.kind() == Kind.TRIGGER && table.equals(o.table()) && o.definition() != null && o.isFor(dialect)) out.add(o.definition());
        }
        return out;
    }

    Set<String> schemas() { return bySchema.keySet(); }

    Map<String, SchemaObject> of(String schema) { return bySchema.getOrDefault(schema, Map.of()); }
}
