package dev.retort.schema;

public record QualifiedName(String schema, String name) implements Comparable<QualifiedName> {
    @Override public String toString() { return schema == null ? name : schema + "." + name; }

    @Override public int compareTo(QualifiedName o) { return toString().compareTo(o.toString()); }
}
