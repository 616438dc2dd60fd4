package dev.retort.schema;

import java.util.List;

/**
 * An index. {@code keys} are column names or parenthesised expressions, each possibly followed by DESC / NULLS FIRST;
 * {@code where} is the predicate of a partial index; {@code using} the access method (null means the default).
 */
public record Index(String name, List<String> keys, boolean unique, String where, String using, List<String> include) {
    public Index {
        keys = List.copyOf(keys);
        include = include == null ? List.of() : List.copyOf(include);
        if (using != null && (using.isBlank() || using.equalsIgnoreCase("btree"))) using = null;
        if (using != null) using = using.toLowerCase(java.util.Locale.ROOT);
    }

    public Index withName(String n) { return new Index(n, keys, unique, where, using, include); }
}
