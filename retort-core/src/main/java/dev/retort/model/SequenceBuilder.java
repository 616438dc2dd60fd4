package dev.retort.model;

import dev.retort.schema.Sequence;

/** Declares a sequence (models) or the options of one being created (revisions). */
public final class SequenceBuilder {
    final String schema, name;
    String type, ownedBy;
    Long start, increment, minValue, maxValue, cache;
    boolean cycle;

    public SequenceBuilder(String schema, String name) {
        this.schema = DeclarationException.requireName(schema, "schema of sequence " + name);
        this.name = DeclarationException.requireName(name, "sequence name");
    }

    public SequenceBuilder type(String t) { type = t; return this; }
    public SequenceBuilder start(long v) { start = v; return this; }
    public SequenceBuilder increment(long v) { increment = v; return this; }
    public SequenceBuilder minValue(long v) { minValue = v; return this; }
    public SequenceBuilder maxValue(long v) { maxValue = v; return this; }
    public SequenceBuilder cache(long v) { cache = v; return this; }
    public SequenceBuilder cycle() { cycle = true; return this; }
    /** "table.column" in the sequence's schema: the sequence is dropped with that column. */
    public SequenceBuilder ownedBy(String tableDotColumn) { ownedBy = tableDotColumn; return this; }

    public Sequence build() { return new Sequence(schema, name, type, start, increment, minValue, maxValue, cache, cycle, ownedBy); }
}
