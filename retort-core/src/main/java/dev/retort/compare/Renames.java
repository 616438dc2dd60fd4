package dev.retort.compare;

import dev.retort.api.RetortException;
import dev.retort.ops.Operation;
import dev.retort.ops.Operation.*;
import dev.retort.schema.Catalog;
import dev.retort.schema.Column;
import dev.retort.schema.Schema;
import dev.retort.schema.Table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Rename hints for autogenerate: a table dropped and one created in the same schema with the same columns, or a
 * column dropped and one added to the same table with the same type, nullability and default, are most likely one
 * thing renamed, and dropping it would lose its data. Such a pair becomes a rename (when it is the only candidate on
 * both sides), to be confirmed; {@code forced} names pairs to take as renames whatever their shape ("public.note" =
 * "public.memo", "public.account.name" = "public.account.full_name"), with what else differs changed after the rename.
 */
public final class Renames {
    /** Asks whether a pair is a rename ({@code revision --interactive}). */
    public interface Confirm { boolean rename(String what, String from, String to); }

    /** The operations with renames in place, and the renames Retort guessed (not forced or confirmed), to be commented. */
    public record Result(List<Operation> operations, List<Operation> guessed) {}

    private final Compare compare;

    public Renames(Compare compare) { this.compare = compare; }

    public Result apply(List<Operation> ops, Map<String, String> forced, Confirm confirm) {
        List<Operation> out = new ArrayList<>(ops);
        List<Operation> guessed = new ArrayList<>();
        Map<String, String> left = new LinkedHashMap<>(forced);
        tables(out, left, confirm, guessed);
        columns(out, left, confirm, guessed);
        if (!left.isEmpty()) {
            Map.Entry<String, String> e = left.entrySet().iterator().next();
            throw new RetortException("--rename " + e.getKey() + "=" + e.getValue() + ": autogenerate neither drops " + e.getKey() + " nor adds "
                    + e.getValue() + " (name a table as schema.table, a column as schema.table.column)");
        }
        return new Result(out, guessed);
    }

    private void tables(List<Operation> out, Map<String, String> forced, Confirm confirm, List<Operation> guessed) {
        for (Operation o : List.copyOf(out)) {
            if (!(o instanceof DropTable drop) || drop.table() == null) continue;
            String from = drop.schema() + "." + drop.name();
            CreateTable create;
            boolean sure = forced.containsKey(from);
            if (sure) {
                String to = forced.remove(from);
                create = out.stream().filter(x -> x instanceof CreateTable c && (c.table().schema() + "." + c.table().name()).equals(to))
                        .map(x -> (CreateTable) x).findFirst().orElseThrow(() -> new RetortException("--rename " + from + "=" + to
                                + ": autogenerate creates no table " + to));
            } else {
                List<CreateTable> like = out.stream().filter(x -> x instanceof CreateTable c && c.table().schema().equals(drop.schema())
                        && shape(c.table()).equals(shape(drop.table()))).map(x -> (CreateTable) x).toList();
                long drops = out.stream().filter(x -> x instanceof DropTable d && d.table() != null && d.schema().equals(drop.schema())
                        && shape(d.table()).equals(shape(drop.table()))).count();
                if (like.size() != 1 || drops != 1) continue;
                create = like.get(0);
                if (confirm != null && !confirm.rename("table", from, create.table().schema() + "." + create.table().name())) continue;
            }
            RenameTable rename = new RenameTable(drop.schema(), drop.name(), create.table().name());
            List<Operation> rest = differences(drop.table().withName(create.table().name()), create.table());
            int at = Math.min(out.indexOf(drop), out.indexOf(create));
            out.remove(drop);
            out.remove(create);
            out.add(at, rename);
            out.addAll(at + 1, rest);
            if (!sure && confirm == null) guessed.add(rename);
        }
    }

    private void columns(List<Operation> out, Map<String, String> forced, Confirm confirm, List<Operation> guessed) {
        for (Operation o : List.copyOf(out)) {
            if (!(o instanceof DropColumn drop) || drop.column() == null) continue;
            String from = drop.target();
            AddColumn add;
            boolean sure = forced.containsKey(from);
            if (sure) {
                String to = forced.remove(from);
                add = out.stream().filter(x -> x instanceof AddColumn a && a.target().equals(to)).map(x -> (AddColumn) x).findFirst()
                        .orElseThrow(() -> new RetortException("--rename " + from + "=" + to + ": autogenerate adds no column " + to));
                if (!add.schema().equals(drop.schema()) || !add.table().equals(drop.table())) {
                    throw new RetortException("--rename " + from + "=" + to + ": a column is renamed within its table");
                }
            } else {
                List<AddColumn> like = out.stream().filter(x -> x instanceof AddColumn a && a.schema().equals(drop.schema()) && a.table().equals(drop.table())
                        && same(a.column(), drop.column())).map(x -> (AddColumn) x).toList();
                long drops = out.stream().filter(x -> x instanceof DropColumn d && d.column() != null && d.schema().equals(drop.schema())
                        && d.table().equals(drop.table()) && same(d.column(), drop.column())).count();
                if (like.size() != 1 || drops != 1) continue;
                add = like.get(0);
                if (confirm != null && !confirm.rename("column", from, add.target())) continue;
            }
            RenameColumn rename = new RenameColumn(drop.schema(), drop.table(), drop.name(), add.column().name());
            List<Operation> rest = differences(single(drop.schema(), drop.table(), drop.column().withName(add.column().name())),
                    single(drop.schema(), drop.table(), add.column()));
            int at = Math.min(out.indexOf(drop), out.indexOf(add));
            out.remove(drop);
            out.remove(add);
            out.add(at, rename);
            out.addAll(at + 1, rest);
            if (!sure && confirm == null) guessed.add(rename);
        }
    }

    /** What turns {@code from} into {@code to}, both one table. */
    private List<Operation> differences(Table from, Table to) {
        return compare.compare(catalog(from), catalog(to));
    }

    private static Catalog catalog(Table t) {
        return new Catalog(Map.of(t.schema(), new Schema(t.schema(), Map.of(t.name(), t), Map.of(), Map.of(), Map.of())), false);
    }

    private static Table single(String schema, String table, Column c) {
        return new Table(schema, table, List.of(c), null, List.of(), List.of(), List.of(), List.of(), null);
    }

    /** A table's columns as name, type and nullability: what two tables must share to be taken for one renamed. */
    private static Set<String> shape(Table t) {
        return t.columns().stream().map(c -> c.name() + " " + c.type() + " " + c.nullable()).collect(Collectors.toSet());
    }

    private static boolean same(Column a, Column b) {
        return a.type().equals(b.type()) && a.nullable() == b.nullable() && Objects.equals(a.defaultExpr(), b.defaultExpr())
                && Objects.equals(a.identity(), b.identity()) && Objects.equals(a.generated(), b.generated());
    }

    /** The comment autogenerate writes above a rename it guessed. */
    public static String note(Operation rename) {
        if (rename instanceof RenameTable t) {
            return "// Retort takes " + t.schema() + "." + t.from() + " (dropped) and " + t.schema() + "." + t.to() + " (created, same columns) for one table"
                    + " renamed, which keeps its rows. If they are two tables, replace this with dropTable and createTable.";
        }
        RenameColumn c = (RenameColumn) rename;
        return "// Retort takes " + c.from() + " (dropped) and " + c.to() + " (added, same type) for one column of " + c.schema() + "." + c.table()
                + " renamed, which keeps its values. If they are two columns, replace this with dropColumn and addColumn.";
    }
}
