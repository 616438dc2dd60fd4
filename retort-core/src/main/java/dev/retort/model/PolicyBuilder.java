package dev.retort.model;

import dev.retort.schema.SchemaObject;
import dev.retort.schema.SchemaObject.Kind;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Declares a row security policy on a table: permissive or restrictive, for a command, to roles, USING and WITH CHECK. */
public final class PolicyBuilder {
    private final String schema, table, name;
    private boolean permissive = true;
    private String command = "ALL";
    private final List<String> roles = new ArrayList<>();
    private String using, check;
    private Set<String> dialects = Set.of();

    public PolicyBuilder(String schema, String table, String name) {
        this.schema = DeclarationException.requireName(schema, "schema of policy " + name);
        this.table = DeclarationException.requireName(table, "table of policy " + name);
        this.name = DeclarationException.requireName(name, "policy name");
    }

    /** AS RESTRICTIVE: rows must pass it as well as a permissive policy (the default is PERMISSIVE). */
    public PolicyBuilder restrictive() { permissive = false; return this; }

    /** FOR ALL (the default), SELECT, INSERT, UPDATE or DELETE. */
    public PolicyBuilder command(String c) {
        String cmd = c.trim().toUpperCase(Locale.ROOT);
        if (!List.of("ALL", "SELECT", "INSERT", "UPDATE", "DELETE").contains(cmd)) {
            throw new DeclarationException("policy " + name + " on " + schema + "." + table + ": command '" + c + "' is not ALL, SELECT, INSERT, UPDATE or DELETE");
        }
        command = cmd;
        return this;
    }

    /** The roles it applies to (PUBLIC when none are given). Roles are never created or dropped by Retort. */
    public PolicyBuilder to(String... roleNames) { roles.addAll(List.of(roleNames)); return this; }

    /** The rows visible (and updatable or deletable): a boolean expression. */
    public PolicyBuilder using(String expression) { using = expression; return this; }

    /** The rows that may be written: a boolean expression. */
    public PolicyBuilder withCheck(String expression) { check = expression; return this; }

    /** The databases it is made on; see {@link ObjectBuilder#only}. */
    public PolicyBuilder only(String... databases) {
        dialects = new ObjectBuilder(Kind.POLICY, schema, name, table, "x").only(databases).build().dialects();
        return this;
    }

    public SchemaObject build() {
        return new SchemaObject(Kind.POLICY, schema, name, table, SchemaObject.policyDefinition(permissive, command, roles, wrap(using), wrap(check)), null, dialects,
                List.of(), List.of(), null);
    }

    private static String wrap(String e) { return e == null ? null : "(" + e.strip() + ")"; }
}
