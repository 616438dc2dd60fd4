package dev.retort.script;

import dev.retort.ops.Operation;
import dev.retort.ops.Operation.AddEnumValue;

import java.util.List;
import java.util.stream.Collectors;

import static dev.retort.script.RevisionSource.str;

/** A whole revision file: the @Revision block and the bodies {@link RevisionSource} writes, put in a template. */
public final class RevisionFile {
    private final RevisionSource source;

    public RevisionFile(RevisionSource source) { this.source = source; }

    /** The template a revision file is written from unless the project has its own (migrations/revision.java.tmpl). */
    public static final String DEFAULT_TEMPLATE = """
            import dev.retort.api.Migration;
            import dev.retort.api.Operations;
            import dev.retort.api.Revision;

            {{annotation}}
            class {{class}} implements Migration {

                @Override
                public void upgrade(Operations op) {
            {{upgrade}}    }

                @Override
                public void downgrade(Operations op) {
            {{downgrade}}    }
            }
            """;

    /** A whole revision file. */
    public String file(RevisionInfo r, List<Operation> upgrade, List<Operation> downgrade) { return file(DEFAULT_TEMPLATE, r, upgrade, downgrade); }

    /**
     * A whole revision file from a template: {@code {{annotation}}} (the @Revision block, with the comment that says
     * why when it is not transactional), {{class}}, {{upgrade}} and {{downgrade}} (the bodies), {{id}}, {{message}}.
     */
    public String file(String template, RevisionInfo r, List<Operation> upgrade, List<Operation> downgrade) {
        StringBuilder b = new StringBuilder();
        b.append("@Revision(\n");
        b.append("        id = ").append(str(r.id())).append(",\n");
        element(b, "parents", r.parents());
        element(b, "branchLabels", r.branchLabels());
        element(b, "dependsOn", r.dependsOn());
        b.append("        message = ").append(str(r.message())).append(",\n");
        String valueUsed = addedEnumValueUsed(upgrade);
        if (!r.transactional() || valueUsed != null) b.append("        transactional = false,\n");
        b.append("        created = ").append(str(r.created())).append(")");
        if (valueUsed != null) {
            b.append("\n// transactional = false: PostgreSQL cannot use an enum value (").append(valueUsed)
                    .append(") in the transaction that added it,\n// so each statement commits as it runs (a failure is resumed from the statement that failed)");
        }
        return template.replace("{{annotation}}", b).replace("{{class}}", r.className()).replace("{{upgrade}}", source.body(upgrade))
                .replace("{{downgrade}}", source.body(downgrade)).replace("{{id}}", r.id()).replace("{{message}}", r.message());
    }

    /** One string-array element of @Revision, left out when empty: {@code name = "a"} or {@code name = {"a", "b"}}. */
    private static void element(StringBuilder b, String name, List<String> values) {
        if (values.isEmpty()) return;
        b.append("        ").append(name).append(" = ").append(values.size() == 1 ? str(values.get(0))
                : "{" + values.stream().map(RevisionSource::str).collect(Collectors.joining(", ")) + "}").append(",\n");
    }

    /**
     * On PostgreSQL, an enum value added by the revision and used by a later operation of it ('drama' as a default or
     * in a check): "type.value", or null. ALTER TYPE ... ADD VALUE commits its value only with its transaction.
     */
    private String addedEnumValueUsed(List<Operation> upgrade) {
        if (!source.dialectName().equals("postgresql")) return null;
        for (int i = 0; i < upgrade.size(); i++) {
            if (!(upgrade.get(i) instanceof AddEnumValue a)) continue;
            String literal = "'" + a.value().replace("'", "''") + "'";
            for (Operation later : upgrade.subList(i + 1, upgrade.size())) {
                if (!(later instanceof AddEnumValue) && source.statement(later).contains(literal)) return a.name() + "." + a.value();
            }
        }
        return null;
    }

}
