package dev.retort.schema;

import java.util.Locale;
import java.util.List;

/**
 * An index. Each of {@code keys} is a column name (double-quoted when it holds a space or a quote) or a parenthesised
 * expression, optionally followed by COLLATE, an operator class and ASC/DESC/NULLS; {@code where} is the predicate of
 * a partial index; {@code using} the access method (null means btree); {@code with} its storage parameters as written
 * in WITH (...), or null.
 */
public record Index(String name, List<String> keys, boolean unique, String where, String using, List<String> include,
                    boolean nullsNotDistinct, String with) {
    public Index {
        keys = List.copyOf(keys);
        include = include == null ? List.of() : List.copyOf(include);
        if (using != null && (using.isBlank() || using.equalsIgnoreCase("btree"))) using = null;
        if (using != null) using = using.toLowerCase(Locale.ROOT);
        if (with != null && with.isBlank()) with = null;
    }

    public Index(String name, List<String> keys, boolean unique, String where, String using, List<String> include) {
        this(name, keys, unique, where, using, include, false, null);
    }

    public Index withName(String n) { return new Index(n, keys, unique, where, using, include, nullsNotDistinct, with); }
}
