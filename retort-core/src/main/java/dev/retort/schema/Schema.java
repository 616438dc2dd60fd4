package dev.retort.schema;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** One schema (namespace): its tables, sequences, enum types and domains, each keyed by name. */
public record Schema(String name, Map<String, Table> tables, Map<String, Sequence> sequences, Map<String, EnumType> enums,
                     Map<String, Domain> domains) {
    public Schema {
        tables = Collections.unmodifiableMap(new TreeMap<>(tables));
        sequences = Collections.unmodifiableMap(new TreeMap<>(sequences));
        enums = Collections.unmodifiableMap(new TreeMap<>(enums));
        domains = Collections.unmodifiableMap(new TreeMap<>(domains));
    }

    public static Schema empty(String name) { return new Schema(name, Map.of(), Map.of(), Map.of(), Map.of()); }

    public Schema withTables(Map<String, Table> t) { return new Schema(name, t, sequences, enums, domains); }
}
