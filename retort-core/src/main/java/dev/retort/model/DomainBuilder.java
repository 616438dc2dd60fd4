package dev.retort.model;

import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Domain;

import java.util.ArrayList;
import java.util.List;

/** Declares a domain (models) or one being created (revisions). */
public final class DomainBuilder {
    final String schema, name, baseType;
    boolean notNull;
    String defaultExpr, collation, comment;
    final List<CheckConstraint> checks = new ArrayList<>();

    public DomainBuilder(String schema, String name, String baseType) {
        this.schema = DeclarationException.requireName(schema, "schema of domain " + name);
        this.name = DeclarationException.requireName(name, "domain name");
        this.baseType = DeclarationException.requireName(baseType, "base type of domain " + name);
    }

    public DomainBuilder notNull() { notNull = true; return this; }
    public DomainBuilder defaultValue(String sqlExpression) { defaultExpr = sqlExpression; return this; }
    public DomainBuilder collation(String c) { collation = c; return this; }
    public DomainBuilder comment(String c) { comment = c; return this; }

    /** A named check on VALUE, e.g. {@code check("positive", "VALUE > 0")}. */
    public DomainBuilder check(String constraintName, String expression) {
        checks.add(new CheckConstraint(constraintName, expression));
        return this;
    }

    public Domain build() { return new Domain(schema, name, baseType, notNull, defaultExpr, collation, checks, comment); }
}
