package dev.retort.model;

import dev.retort.schema.Domain;
import dev.retort.schema.Catalog;
import dev.retort.schema.EnumType;
import dev.retort.schema.Schema;
import dev.retort.schema.SchemaObject;
import dev.retort.schema.SchemaObject.Kind;
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
    private final List<java.util.function.Supplier<SchemaObject>> objects = new java.util.ArrayList<>();

    public Metadata schema(String name) {
        schemas.add(DeclarationException.requireName(name, "schema name"));
        return this;
    }

    public Metadata table(String schema, String name, Consumer<TableBuilder> body) {
        TableBuilder t = new TableBuilder(schema, name);
        body.accept(t);
        Table built = t.build(); // checks the declaration now, while the model that made it is known
        String text = dev.retort.portable.SqlText.tableProblem(built);
        if (text != null) throw new DeclarationException("table " + schema + "." + name + ": " + text);
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

    /** A view: {@code select} is its query. */
    public ObjectBuilder view(String schema, String name, String select) { return object(new ObjectBuilder(Kind.VIEW, schema, name, null, select)); }

    /** A materialized view (PostgreSQL): {@code select} is its query; it is created WITH DATA. */
    public ObjectBuilder materializedView(String schema, String name, String select) {
        return object(new ObjectBuilder(Kind.MATERIALIZED_VIEW, schema, name, null, select));
    }

    /** An index on a materialized view, as its whole CREATE INDEX statement. */
    public ObjectBuilder materializedViewIndex(String schema, String view, String name, String createIndex) {
        return object(new ObjectBuilder(Kind.VIEW_INDEX, schema, name, view, createIndex));
    }

    /**
     * A function, as its whole CREATE [OR REPLACE] FUNCTION statement, any language. {@code signature} is its name and
     * argument types as PostgreSQL writes them, "touch_updated_at()", "price_with_tax(numeric,integer)": overloads are
     * told apart by it.
     */
    public ObjectBuilder function(String schema, String signature, String createFunction) {
        return object(new ObjectBuilder(Kind.FUNCTION, schema, ObjectBuilder.signature(signature), null, createFunction));
    }

    /** A procedure, as its whole CREATE [OR REPLACE] PROCEDURE statement; {@code signature} as for {@link #function}. */
    public ObjectBuilder procedure(String schema, String signature, String createProcedure) {
        return object(new ObjectBuilder(Kind.PROCEDURE, schema, ObjectBuilder.signature(signature), null, createProcedure));
    }

    /**
     * Privileges on an object for a role (with manage_grants; roles are never created or dropped): {@code on} is
     * "TABLE name" (views too), "SEQUENCE name", "FUNCTION name(types)", "PROCEDURE name(types)" or "SCHEMA".
     */
    public ObjectBuilder grant(String schema, String on, String role, String... privileges) {
        return object(ObjectBuilder.grant(schema, on, role, String.join(", ", privileges)));
    }

    /** A comment on an enum type (PostgreSQL); a domain's is given with {@code domain(...).comment(text)}. */
    public ObjectBuilder commentOnType(String schema, String type, String text) { return object(ObjectBuilder.comment(schema, "TYPE " + type, text)); }

    /** An extension, installed into {@code schema} (CREATE EXTENSION IF NOT EXISTS); what it owns is never compared. */
    public ObjectBuilder extension(String schema, String name) { return object(new ObjectBuilder(Kind.EXTENSION, schema, name, null, "")); }

    private ObjectBuilder object(ObjectBuilder b) {
        objects.add(b::build);
        return b;
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
        Map<String, Map<String, SchemaObject>> o = new HashMap<>();
        List<SchemaObject> all = new java.util.ArrayList<>();
        tables.values().forEach(b -> all.addAll(b.objects()));
        objects.forEach(b -> all.add(b.get()));
        for (SchemaObject x : all) {
            if (o.computeIfAbsent(x.schema(), k -> new HashMap<>()).putIfAbsent(x.key(), x) != null) {
                throw new DeclarationException(x.describe() + " is declared twice");
            }
            schemas.add(x.schema());
        }
        Map<String, Schema> out = new HashMap<>();
        for (String name : schemas) {
            out.put(name, new Schema(name, t.getOrDefault(name, Map.of()), s.getOrDefault(name, Map.of()), e.getOrDefault(name, Map.of()), d.getOrDefault(name, Map.of()),
                    o.getOrDefault(name, Map.of())));
        }
        return new Catalog(out, false);
    }
}
