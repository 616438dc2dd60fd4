package dev.retort.schema;

import java.util.Locale;
import java.util.List;

/**
 * A foreign key. Actions are SQL spellings ("CASCADE", "SET NULL", "RESTRICT", "SET DEFAULT"), or null for NO ACTION.
 */
public record ForeignKey(String name, List<String> columns, String refSchema, String refTable, List<String> refColumns,
                         String onDelete, String onUpdate, boolean deferrable, boolean initiallyDeferred, boolean matchFull) implements Constraint {
    public ForeignKey(String name, List<String> columns, String refSchema, String refTable, List<String> refColumns,
                      String onDelete, String onUpdate, boolean deferrable, boolean initiallyDeferred) {
        this(name, columns, refSchema, refTable, refColumns, onDelete, onUpdate, deferrable, initiallyDeferred, false);
    }

    public ForeignKey {
        columns = List.copyOf(columns);
        refColumns = List.copyOf(refColumns);
        onDelete = action(onDelete);
        onUpdate = action(onUpdate);
    }

    private static String action(String a) {
        if (a == null) return null;
        String up = a.trim().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
        return up.isEmpty() || up.equals("NO ACTION") ? null : up;
    }

    @Override public ForeignKey withName(String n) {
        return new ForeignKey(n, columns, refSchema, refTable, refColumns, onDelete, onUpdate, deferrable, initiallyDeferred, matchFull);
    }
}
