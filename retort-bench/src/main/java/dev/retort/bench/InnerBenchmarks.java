package dev.retort.bench;

import dev.retort.compare.Compare;
import dev.retort.compare.CompareOptions;
import dev.retort.dialect.postgres.PostgresDialect;
import dev.retort.model.Metadata;
import dev.retort.ops.Operation;
import dev.retort.schema.Catalog;
import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Column;
import dev.retort.schema.Index;
import dev.retort.schema.Table;
import dev.retort.script.RevisionGraph;
import dev.retort.script.RevisionInfo;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The inner parts the whole-process workloads spend their time in, without a database: comparing two 2,000-table
 * catalogs (W1's shape: ~8 columns of mixed types, a primary key, a foreign key, two indexes, a unique constraint,
 * defaults and comments, across public and stratsim), resolving targets in a 5,000-revision graph, and rendering
 * 10,000 operations to PostgreSQL SQL.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class InnerBenchmarks {
    static final int TABLES = 2000, REVISIONS = 5000, OPERATIONS = 10_000;

    final PostgresDialect pg = new PostgresDialect();
    Catalog declared, sameAsDeclared, tenDifferent;
    Compare compare;
    RevisionGraph graph;
    String middle;
    List<Operation> operations;

    @Setup(Level.Trial)
    public void setUp() {
        declared = pg.normalize(catalog(TABLES, 0));
        sameAsDeclared = pg.normalize(catalog(TABLES, 0));
        tenDifferent = pg.normalize(catalog(TABLES, 10));
        compare = new Compare(pg, new CompareOptions(true, true));

        List<RevisionInfo> revisions = new ArrayList<>();
        revisions.add(RevisionInfo.of("r00000"));
        for (int i = 1; i < REVISIONS; i++) revisions.add(RevisionInfo.of(String.format("r%05d", i), String.format("r%05d", i - 1)));
        graph = new RevisionGraph(revisions);
        middle = String.format("r%05d", REVISIONS / 2);

        operations = operations(declared, OPERATIONS);
    }

    /** {@code n} operations of five kinds over the catalog's tables: whole tables, columns, indexes, type changes, checks. */
    static List<Operation> operations(Catalog c, int n) {
        List<Table> tables = c.tables();
        List<Operation> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Table t = tables.get(i % tables.size());
            out.add(switch (i % 5) {
                case 0 -> new Operation.CreateTable(t);
                case 1 -> new Operation.AddColumn(t.schema(), t.name(), new Column("extra_" + i, "character varying(100)", true, "'x'", null, null, null, "added"));
                case 2 -> new Operation.CreateIndex(t.schema(), t.name(), new Index("ix_" + i, List.of("code", "created_at DESC"), false, "active", null,
                        List.of(), false, null));
                case 3 -> new Operation.AlterColumn(t.schema(), t.name(), "title", new Operation.Change<>("text", "character varying(500)"),
                        new Operation.Change<>(true, false), null, null, null, null);
                default -> new Operation.AddConstraint(t.schema(), t.name(), new CheckConstraint("ck_" + i, "amount >= 0"));
            });
        }
        return out;
    }

    /** W1's catalog: tables alternately in public and stratsim; {@code differences} of them lack their second index. */
    static Catalog catalog(int tables, int differences) {
        Metadata m = new Metadata();
        m.schema("public");
        m.schema("stratsim");
        for (int i = 1; i <= tables; i++) {
            String schema = i % 2 == 0 ? "stratsim" : "public";
            int n = i;
            m.table(schema, "w1_t" + i, t -> {
                t.column("id", "bigint").identity().primaryKey();
                t.column("code", "varchar(40)").notNull().unique();
                t.column("title", "text");
                t.column("amount", "numeric(10,2)").defaultValue("0");
                t.column("active", "boolean").notNull().defaultValue("true");
                t.column("created_at", "timestamptz").notNull().defaultValue("now()");
                t.column("payload", "jsonb");
                if (n > 1) {
                    int ref = n - 1;
                    t.column("parent_id", "bigint").references(ref % 2 == 0 ? "stratsim" : "public", "w1_t" + ref, "id");
                }
                t.index("created_at");
                if (n > differences) t.index("title");
                t.comment("table " + n);
            });
        }
        return m.toCatalog();
    }

    @Benchmark
    public List<Operation> compareEqualCatalogsOf2000Tables() { return compare.compare(sameAsDeclared, declared); }

    @Benchmark
    public List<Operation> compare2000TablesWith10Differences() { return compare.compare(tenDifferent, declared); }

    @Benchmark
    public Set<String> resolveTargetsIn5000Revisions() {
        graph.resolveTarget("head", Set.of());
        graph.resolveTarget(middle + "+100", Set.of());
        return graph.resolveTarget("-2000", Set.of("r04999"));
    }

    @Benchmark
    public int render10000OperationsToSql() {
        int statements = 0;
        for (Operation o : operations) statements += pg.render(o).size();
        return statements;
    }
}
