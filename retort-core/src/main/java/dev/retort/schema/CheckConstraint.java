package dev.retort.schema;

/** A check constraint; {@code expression} is the boolean SQL expression without the CHECK keyword. */
public record CheckConstraint(String name, String expression, boolean noInherit) implements Constraint {
    public CheckConstraint(String name, String expression) { this(name, expression, false); }

    @Override public CheckConstraint withName(String n) { return new CheckConstraint(n, expression, noInherit); }
}
