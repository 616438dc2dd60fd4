package dev.retort.property;

import net.jqwik.api.Tag;
import dev.retort.dialect.Dialect;
import dev.retort.dialect.h2.H2Dialect;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The diff properties on H2, 1,000 pairs per run, on two in-memory databases of the test's own. H2 reads a string
 * literal into a JSON column as a JSON string, so JSON values are written as JSON literals.
 */
@Tag("database")
class H2DiffPropertyTest extends DiffProperties {
    static final H2Dialect H2 = new H2Dialect();
    static final String A = "jdbc:h2:mem:prop_a_" + UUID.randomUUID().toString().substring(0, 8) + ";DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1";
    static final String B = "jdbc:h2:mem:prop_b_" + UUID.randomUUID().toString().substring(0, 8) + ";DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1";

    @Override Dialect dialect() { return H2; }
    @Override Connection connectA() throws SQLException { return DriverManager.getConnection(A); }
    @Override Connection connectB() throws SQLException { return DriverManager.getConnection(B); }

    @Override
    void reset(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("DROP ALL OBJECTS");
        }
    }

    @Override
    String valueFor(String type, int i) {
        String v = super.valueFor(type, i);
        return type.equals("jsonb") ? "JSON " + v : v;
    }

    @Property(tries = 1000)
    @net.jqwik.api.statistics.StatisticsReport(format = net.jqwik.api.statistics.Histogram.class)
    void diffApplyThenNoDiffAndRowsSurvive(@ForAll("pairs") Pair pair) throws Exception {
        check(pair);
    }
}
