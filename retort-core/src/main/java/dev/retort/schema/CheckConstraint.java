package dev.retort.schema;

/** A check constraint; {@code expression} is the boolean SQL expression without the CHECK keyword. */
public record CheckConstraint(String name, String expression) implements Constraint {
    @Override public CheckConstraint withName(String n) { return new CheckConstraint(n, expression); }
}
