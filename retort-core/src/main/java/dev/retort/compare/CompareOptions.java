package dev.retort.compare;

/** What compare looks at beyond names: column types (Alembic's compare_type) and server defaults. */
public record CompareOptions(boolean compareType, boolean compareServerDefault) {
    public static CompareOptions defaults() { return new CompareOptions(true, true); }
}
