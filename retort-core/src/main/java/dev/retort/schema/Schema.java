package dev.retort.schema;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One schema (namespace): its tables, sequences, enum types, domains, and the objects kept as their SQL (views,
 * functions, triggers, policies, ...), each keyed by name ({@link SchemaObject#key()} for the last).
 */
public record Schema(String name, Map<String, Table> tables, Map<String, Sequence> sequences, Map<String, EnumType> enums,
                     Map<String, Domain> domains, Map<String, SchemaObject> objects) {
    public Schema {
        tables = Collections.unmodifiableMap(new TreeMap<>(tables));
        sequences = Collections.unmodifiableMap(new TreeMap<>(sequences));
        enums = Collections.unmodifiableMap(new TreeMap<>(enums));
        domains = Collections.unmodifiableMap(new TreeMap<>(domains));
        objects = Collections.unmodifiableMap(new TreeMap<>(objects));
    }

    public Schema(String name, Map<String, Table> tables, Map<String, Sequence> sequences, Map<String, EnumType> enums, Map<String, Domain> domains) {
        this(name, tables, sequences, enums, domains, Map.of());
    }

    public static Schema empty(String name) { return new Schema(name, Map.of(), Map.of(), Map.of(), Map.of()); }

    public Schema withTables(Map<String, Table> t) { return new Schema(name, t, sequences, enums, domains, objects); }

    public Schema withObjects(Map<String, SchemaObject> o) { return new Schema(name, tables, sequences, enums, domains, o); }
}
