package dev.retort.script;

import dev.retort.ops.Operation;
import dev.retort.ops.Operation.CreateObject;
import dev.retort.ops.Operation.DropObject;
import dev.retort.ops.Operation.ReplaceObject;
import dev.retort.schema.SchemaObject;

import java.util.ArrayList;
import java.util.List;

/**
 * Views, functions, triggers, policies, partitions, ... as revision code: {@code op.createView(...)},
 * {@code op.replaceFunction(...)}, {@code op.dropTrigger(...)}, with {@code .only(...)} where the object is declared
 * for some databases only. Definitions over several lines are written as text blocks.
 */
final class ObjectSource {
    private ObjectSource() {}

    /** The call, without indentation or semicolon. */
    static String statement(Operation op) {
        if (op instanceof CreateObject c) return create(c.object()) + only(c.object());
        if (op instanceof DropObject d) return drop(d.object()) + only(d.object());
        ReplaceObject r = (ReplaceObject) op;
        return replace(r.to()) + only(r.to());
    }

    private static String create(SchemaObject o) {
        String s = o.schema(), n = o.name(), t = o.table(), def = o.definition();
        return switch (o.kind()) {
            case EXTENSION -> call("createExtension", s, n);
            case FUNCTION -> call("createFunction", s, n, def);
            case PROCEDURE -> call("createProcedure", s, n, def);
            case PARTITION -> call("createPartition", s, n, t, def);
            case EXCLUSION -> call("addExclusionConstraint", s, t, n, def);
            case VIEW -> call("createView", s, n, def) + (o.state() == null ? "" : ".state(" + RevisionSource.str(o.state()) + ")");
            case MATERIALIZED_VIEW -> call("createMaterializedView", s, n, def);
            case VIEW_INDEX -> call("createMaterializedViewIndex", s, t, n, def);
            case PARTITION_INDEX -> call("createPartitionIndex", s, t, n, def);
            case TRIGGER -> call("createTrigger", s, t, n, def) + (o.state() == null ? "" : ".state(" + RevisionSource.str(o.state()) + ")");
            case ROW_SECURITY -> call("enableRowLevelSecurity", s, t) + ("FORCE".equals(def) ? ".force()" : "");
            case POLICY -> call("createPolicy", s, t, n, def);
            case GRANT -> call("grant", s, grantOn(o), o.grant()[0], def);
            case COMMENT -> call("setComment", s, commentOn(o), def);
        };
    }

    private static String drop(SchemaObject o) {
        String s = o.schema(), n = o.name(), t = o.table();
        return switch (o.kind()) {
            case EXTENSION -> call("dropExtension", s, n);
            case FUNCTION -> call("dropFunction", s, n);
            case PROCEDURE -> call("dropProcedure", s, n);
            case PARTITION -> call("dropPartition", s, n, t);
            case EXCLUSION -> call("dropExclusionConstraint", s, t, n);
            case VIEW -> call("dropView", s, n);
            case MATERIALIZED_VIEW -> call("dropMaterializedView", s, n);
            case VIEW_INDEX -> call("dropMaterializedViewIndex", s, t, n);
            case PARTITION_INDEX -> call("dropPartitionIndex", s, t, n);
            case TRIGGER -> call("dropTrigger", s, t, n);
            case ROW_SECURITY -> call("disableRowLevelSecurity", s, t);
            case POLICY -> call("dropPolicy", s, t, n);
            case GRANT -> call("revoke", s, grantOn(o), o.grant()[0], o.definition());
            case COMMENT -> call("setComment", s, commentOn(o), null);
        };
    }

    private static String replace(SchemaObject o) {
        String s = o.schema(), n = o.name(), t = o.table(), def = o.definition();
        return switch (o.kind()) {
            case FUNCTION -> call("replaceFunction", s, n, def);
            case PROCEDURE -> call("replaceProcedure", s, n, def);
            case VIEW -> call("replaceView", s, n, def) + (o.state() == null ? "" : ".state(" + RevisionSource.str(o.state()) + ")");
            case PARTITION -> call("replacePartition", s, n, t, def);
            case ROW_SECURITY -> call("FORCE".equals(def) ? "forceRowLevelSecurity" : "noForceRowLevelSecurity", s, t);
            case TRIGGER -> call("setTriggerState", s, t, n, o.state() == null ? "ENABLE" : o.state());
            case COMMENT -> call("setComment", s, commentOn(o), def);
            default -> throw new IllegalStateException(o.describe() + " is not replaced in place");
        };
    }

    /** "INDEX ix ON account", "TYPE status": what a comment is on, as op.setComment takes it. */
    private static String commentOn(SchemaObject o) { return o.name() + (o.table() == null ? "" : " ON " + o.table()); }

    /** "TABLE account", "SCHEMA": what a grant is on, as op.grant takes it. */
    private static String grantOn(SchemaObject o) {
        String[] g = o.grant();
        return g[1].equals("SCHEMA") ? "SCHEMA" : g[1] + " " + g[2];
    }

    private static String only(SchemaObject o) {
        if (o.dialects().isEmpty()) return "";
        return ".only(" + RevisionSource.args(o.dialects().stream().sorted().toArray(String[]::new)) + ")";
    }

    private static String call(String method, String... args) {
        List<String> out = new ArrayList<>();
        for (String a : args) out.add(a != null && a.contains("\n") ? textBlock(a) : RevisionSource.str(a));
        return "op." + method + "(" + String.join(", ", out) + ")";
    }

    /**
     * A Java text block holding {@code text} exactly: backslashes and triple quotes escaped, trailing blanks kept with
     * {@code \s}, every line indented alike so that the compiler strips only that.
     */
    static String textBlock(String text) {
        for (char c : text.toCharArray()) if (c < 0x20 && c != '\n' && c != '\t' || c == 0x7f) return RevisionSource.str(text);
        String pad = "                ";
        StringBuilder b = new StringBuilder("\"\"\"\n");
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].replace("\\", "\\\\").replace("\"\"\"", "\\\"\"\"");
            if (l.endsWith(" ") || l.endsWith("\t")) l = l.substring(0, l.length() - 1) + (l.endsWith(" ") ? "\\s" : "\\t");
            if (!l.isEmpty()) b.append(pad).append(l);
            b.append(i == lines.length - 1 ? "" : "\n");
        }
        return b.append("\"\"\"").toString();
    }
}
