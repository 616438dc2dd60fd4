package dev.retort.script;

import dev.retort.api.Migration;
import dev.retort.api.Operations;
import dev.retort.config.DatabaseUrl;
import dev.retort.dialect.Dialect;
import dev.retort.dialects.Dialects;
import dev.retort.ops.Operation;
import dev.retort.ops.SchemaState;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every kind of {@link Operation} (each permitted subclass) through every place that dispatches on the kind: Java
 * source, the interpreter reading it back, equality, {@code reverse().reverse()}, SQL for each database and the
 * revision history's {@link SchemaState}. A new kind of operation fails here until each of them knows it.
 */
class EveryOperationTest {
    /** MySQL with a database name: the "public" schema is that database, so references into it can be written. */
    private static final List<String> DATABASES = List.of("postgresql://localhost/app", "mysql://localhost/app", "sqlite:///app.db", "h2:mem:app");

    /** One example of each kind: the kitchen-sink revision's operations, the ones inside its batches, and their reverses. */
    private static Map<Class<?>, Operation> examples() {
        Migration m = RevisionInterpreter.read(RevisionInterpreterTest.KITCHEN_SINK).orElseThrow();
        List<Operation> all = new ArrayList<>();
        for (boolean up : List.of(true, false)) all.addAll(RevisionInterpreterTest.ops(m, up));
        for (Operation o : List.copyOf(all)) if (o instanceof Operation.Batch b) all.addAll(b.operations());
        // Java steps are never read from source (their code is a lambda): op.jdbc records one
        Operations jdbc = new Operations();
        jdbc.jdbc("backfill names", c -> { }).offline("UPDATE \"public\".\"account\" SET \"name\" = 'x'");
        jdbc.lockTimeout("5s");
        all.addAll(jdbc.operations());
        for (Operation o : List.copyOf(all)) {
            try {
                all.add(o.reverse());
            } catch (UnsupportedOperationException irreversible) {
                // a drop without the definition it drops, or raw SQL
            }
        }
        Map<Class<?>, Operation> out = new LinkedHashMap<>();
        for (Operation o : all) out.putIfAbsent(o.getClass(), o);
        return out;
    }

    @Test
    void everyKindOfOperationHasAnExample() {
        Set<String> kinds = Arrays.stream(Operation.class.getPermittedSubclasses()).map(Class::getSimpleName).collect(Collectors.toCollection(TreeSet::new));
        Set<String> covered = examples().keySet().stream().map(Class::getSimpleName).collect(Collectors.toCollection(TreeSet::new));
        assertThat(kinds).hasSize(32);
        assertThat(covered).containsExactlyElementsOf(kinds);
    }

    @Test
    void eachKindReadsBackFromTheJavaItIsWrittenAs() {
        RevisionSource java = new RevisionSource(Dialects.forName("postgresql"));
        RevisionInfo info = new RevisionInfo("e1", List.of(), "every kind", "2026-12-03T00:00:00Z", true, Path.of("e1.java"), "Re1", "x");
        for (Operation o : examples().values()) {
            if (o instanceof Operation.BulkInsert || o instanceof Operation.RunJava || o instanceof Operation.Batch b && b.copyFrom() != null) {
                // rows, Java steps, and a batch given the table it copies, are written by hand: the writer says so by name
                assertThatThrownBy(() -> java.file(info, List.of(o), List.of())).isInstanceOf(UnsupportedOperationException.class)
                        .hasMessageContaining("by hand");
                continue;
            }
            String source = java.file(info, List.of(o), List.of());
            Migration m = RevisionInterpreter.read(source).orElseThrow(() -> new AssertionError("not readable: " + source));
            Operations op = new Operations();
            m.upgrade(op);
            assertThat(op.operations()).as(source).containsExactly(o);
        }
    }

    @Test
    void eachReversibleKindReversesBackToItself() {
        int reversible = 0;
        for (Operation o : examples().values()) {
            Operation back;
            try {
                back = o.reverse();
            } catch (UnsupportedOperationException e) {
                assertThat(e.getMessage()).as(o.toString()).contains(o.target());
                continue;
            }
            reversible++;
            // a type change's USING expression converts one way only: the reverse has none to give back
            Operation expected = o instanceof Operation.AlterColumn a && a.using() != null
                    ? new Operation.AlterColumn(a.schema(), a.table(), a.column(), a.type(), a.nullable(), a.defaultExpr(), a.identity(), a.comment(),
                            null, a.onUpdateValue(), a.collation())
                    : o;
            assertThat(back.reverse()).as(o.toString()).isEqualTo(expected);
        }
        assertThat(reversible).isGreaterThanOrEqualTo(14);
    }

    @Test
    void eachKindRendersOrIsRefusedByNameOnEveryDatabase() {
        Map<Class<?>, Operation> examples = examples();
        Map<String, Integer> renderedBy = new LinkedHashMap<>();
        for (String db : DATABASES) {
            Dialect d = Dialects.forUrl(DatabaseUrl.parse(db));
            int rendered = 0;
            for (Operation o : examples.values()) {
                SchemaState state = historyFor(examples.values());
                try {
                    List<String> sql = d.renderStep(o, state);
                    // elsewhere an enum lives in its columns, so creating or dropping the type alone can be no statement
                    if (db.startsWith("postgresql") && !(o instanceof Operation.BulkInsert)) assertThat(sql).as(db + ": " + o).isNotEmpty();
                    rendered++;
                } catch (UnsupportedOperationException refused) {
                    // a database without the feature (MySQL's domains, SQLite's sequences) says which and where
                    assertThat(refused.getMessage()).as(db + ": " + o).isNotBlank().doesNotContain("unknown operation");
                }
            }
            renderedBy.put(db.substring(0, db.indexOf(':')), rendered);
        }
        // what each database renders today, of the 32 kinds (the others it refuses by name)
        assertThat(renderedBy).isEqualTo(Map.of("postgresql", 32, "mysql", 25, "sqlite", 24, "h2", 30));
    }

    @Test
    void theHistoryAppliesEveryKind() {
        SchemaState state = new SchemaState();
        for (Operation o : examples().values()) state.apply(o);
        assertThat(state.copy()).isNotNull();
    }

    /** The tables, enums and indexes the examples touch, as the revision history would hold them. */
    private static SchemaState historyFor(java.util.Collection<Operation> examples) {
        SchemaState state = new SchemaState();
        for (Operation o : examples) {
            if (o instanceof Operation.CreateTable || o instanceof Operation.CreateEnum) state.apply(o);
        }
        return state;
    }
}
