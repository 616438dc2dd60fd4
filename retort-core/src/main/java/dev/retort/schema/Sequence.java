package dev.retort.schema;

/** A sequence. Null options mean the database default; {@code ownedBy} is "table.column" in the same schema, or null. */
public record Sequence(String schema, String name, String type, Long start, Long increment, Long minValue, Long maxValue,
                       Long cache, boolean cycle, String ownedBy) {
    public Sequence withOwnedBy(String o) { return new Sequence(schema, name, type, start, increment, minValue, maxValue, cache, cycle, o); }
}
