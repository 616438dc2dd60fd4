package dev.retort.schema;

/**
 * Something in a database that Retort's schema model does not hold (an aggregate, a partition that is partitioned
 * again, an index a partition has on its own): check and diff name it rather than let it vanish from what they
 * report or write. {@code table}: the table it belongs to, or null; {@code definition}: what the database says it is.
 */
public record Unrepresented(String schema, String name, String kind, String table, String definition) {
    /** "public.events: partitioned table (PARTITION BY RANGE (at))" */
    public String describe() {
        return schema + "." + name + ": " + kind + (table == null ? "" : " on " + schema + "." + table)
                + (definition == null || definition.isBlank() ? "" : " (" + definition.replaceAll("\\s+", " ").strip() + ")");
    }

    /** Whether a CREATE of its table, as Retort writes it, would lose it (the table is partitioned, a partition, or has it: a trigger, a constraint). */
    public boolean changesTable() { return kind.startsWith("partition") || table != null; }

    /** The table a CREATE of which would lose it: the table itself, or the one it is on. */
    public String tableName() { return table != null ? table : name; }
}
