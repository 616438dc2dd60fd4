package dev.retort.cli;

import java.util.Objects;
import dev.retort.ops.Operation;
import dev.retort.ops.Operation.AlterColumn;

import java.util.ArrayList;
import java.util.List;

/** One line per operation for people: "add column public.account.nickname". */
final class Describe {
    private Describe() {}

    static String of(Operation op) {
        String line = dev.retort.lint.Linter.describe(op);
        if (op instanceof AlterColumn a) {
            List<String> what = new ArrayList<>();
            if (a.type() != null && !Objects.equals(a.type().from(), a.type().to())) what.add("type " + a.type().from() + " -> " + a.type().to());
            if (a.collation() != null) what.add("collation " + a.collation().from() + " -> " + a.collation().to());
            if (a.nullable() != null) what.add(a.nullable().to() ? "nullable" : "not null");
            if (a.defaultExpr() != null) what.add("default " + a.defaultExpr().from() + " -> " + a.defaultExpr().to());
            if (a.identity() != null) what.add(a.identity().to() == null ? "drop identity" : "identity");
            if (a.comment() != null) what.add("comment");
            if (a.onUpdateValue() != null) what.add("on update " + a.onUpdateValue().from() + " -> " + a.onUpdateValue().to());
            line += " (" + String.join(", ", what) + ")";
        }
        return line;
    }
}
