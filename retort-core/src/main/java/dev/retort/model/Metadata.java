package dev.retort.model;

import dev.retort.schema.Domain;
import dev.retort.schema.Catalog;
import dev.retort.schema.EnumType;
import dev.retort.schema.Schema;
import dev.retort.schema.Sequence;
import dev.retort.schema.Table;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** Collects what the models declare; {@link #toCatalog()} gives the target schema. */
public final class Metadata {
    private final Set<String> schemas = new LinkedHashSet<>();
    private final Map<String, TableBuilder> tables = new LinkedHashMap<>();
    private final Map<String, EnumType> enums = new LinkedHashMap<>();
    private final Map<String, SequenceBuilder> sequences = new LinkedHashMap<>();
    private final Map<String, DomainBuilder> domains = new LinkedHashMap<>();

    public Metadata schema(String name) {
        schemas.add(DeclarationException.requireName(name, "schema name"));
        return this;
    }

    public Metadata table(String schema, String name, Consumer<TableBuilder> body) {
        TableBuilder t = new TableBuilder(schema, name);
        body.accept(t);
        t.build(); // checks the declaration now, while the model that made it is known
        if (tables.putIfAbsent(schema + "." + name, t) != null) {
            throw new DeclarationException("table " + schema + "." + name + " is declared twice");
        }
        schemas.add(schema);
        return this;
    }

    public Metadata enumType(String schema, String name, String... values) {
        if (values.length == 0) throw new DeclarationException("enum " + schema + "." + name + " needs at least one value");
        if (enums.putIfAbsent(schema + "." + name, new EnumType(schema, name, List.of(values))) != null) {
            throw new DeclarationException("enum " + schema + "." + name + " is declared twice");
        }
        schemas.add(schema);
        return this;
    }

    public SequenceBuilder sequence(String schema, String name) {
        SequenceBuilder s = new SequenceBuilder(schema, name);
        if (sequences.putIfAbsent(schema + "." + name, s) != null) {
            throw new DeclarationException("sequence " + schema + "." + name + " is declared twice");
        }
        schemas.add(schema);
        return s;
    }

    /** A domain over a base type; refine it with the returned builder (default, NOT NULL, checks). */
    public DomainBuilder domain(String schema, String name, String baseType) {
        DomainBuilder d = new DomainBuilder(schema, name, baseType);
        if (domains.putIfAbsent(schema + "." + name, d) != null) throw new DeclarationException("domain " + schema + "." + name + " is declared twice");
        schemas.add(schema);
        return d;
    }

    public Catalog toCatalog() {
        Map<String, Map<String, Table>> t = new HashMap<>();
        Map<String, Map<String, EnumType>> e = new HashMap<>();
        Map<String, Map<String, Sequence>> s = new HashMap<>();
        tables.values().forEach(b -> t.computeIfAbsent(b.schema(), k -> new HashMap<>()).put(b.name(), b.build()));
        enums.values().forEach(v -> e.computeIfAbsent(v.schema(), k -> new HashMap<>()).put(v.name(), v));
        sequences.values().forEach(v -> s.computeIfAbsent(v.schema, k -> new HashMap<>()).put(v.name, v.build()));
        Map<String, Map<String, Domain>> d = new HashMap<>();
        domains.values().forEach(v -> d.computeIfAbsent(v.schema, k -> new HashMap<>()).put(v.name, v.build()));
        Map<String, Schema> out = new HashMap<>();
        for (String name : schemas) {
            out.put(name, new Schema(name, t.getOrDefault(name, Map.of()), s.getOrDefault(name, Map.of()), e.getOrDefault(name, Map.of()), d.getOrDefault(name, Map.of())));
        }
        return new Catalog(out, false);
    }
}
