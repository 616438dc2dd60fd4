package dev.retort.property;

import net.jqwik.api.Tag;
import dev.retort.dialect.Dialect;
import dev.retort.dialect.postgres.PostgresDialect;
import dev.retort.testing.PgDatabase;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** The diff properties on PostgreSQL, views and functions included, 200 pairs per run. */
@Tag("database")
class DiffPropertyTest extends DiffProperties {
    static final PostgresDialect PG = new PostgresDialect();
    static PgDatabase a, b;

    @BeforeContainer
    static void databases() {
        a = PgDatabase.create();
        b = PgDatabase.create();
    }

    @AfterContainer
    static void dropDatabases() {
        a.close();
        b.close();
    }

    @Override Dialect dialect() { return PG; }
    @Override boolean objects() { return true; }
    @Override Connection connectA() throws SQLException { return a.connect(); }
    @Override Connection connectB() throws SQLException { return b.connect(); }

    @Override
    void reset(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA public CASCADE");
            s.execute("CREATE SCHEMA public");
        }
    }

    @Property(tries = 200)
    @net.jqwik.api.statistics.StatisticsReport(format = net.jqwik.api.statistics.Histogram.class)
    void diffApplyThenNoDiffAndRowsSurvive(@ForAll("pairs") Pair pair) throws Exception {
        check(pair);
    }
}
