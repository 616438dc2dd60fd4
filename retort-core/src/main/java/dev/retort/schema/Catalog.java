package dev.retort.schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A database schema as data: the schemas with everything in them. {@code fromDatabase} says whether expressions
 * (defaults, checks, index predicates) are in the database's own normalised spelling, so they may be compared as text.
 */
public record Catalog(Map<String, Schema> schemas, boolean fromDatabase) {
    public Catalog {
        schemas = Collections.unmodifiableMap(new TreeMap<>(schemas));
    }

    public static Catalog empty(boolean fromDatabase) { return new Catalog(Map.of(), fromDatabase); }

    public Optional<Table> table(String schema, String name) {
        Schema s = schemas.get(schema);
        return s == null ? Optional.empty() : Optional.ofNullable(s.tables().get(name));
    }

    public List<Table> tables() {
        List<Table> all = new ArrayList<>();
        schemas.values().forEach(s -> all.addAll(s.tables().values()));
        return all;
    }

    public List<EnumType> enums() {
        List<EnumType> all = new ArrayList<>();
        schemas.values().forEach(s -> all.addAll(s.enums().values()));
        return all;
    }
}
