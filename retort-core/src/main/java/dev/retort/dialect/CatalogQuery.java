package dev.retort.dialect;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

/** The one way inspectors read the catalog: a query with parameters, each row handed to a reader, timed at debug level. */
public final class CatalogQuery {
    private static final Logger log = LoggerFactory.getLogger("dev.retort");

    private CatalogQuery() {}

    public interface RowReader { void read(ResultSet rs) throws SQLException; }

    /** The first two columns of each row, as text. */
    public static List<String[]> pairs(Connection c, String sql, Object... params) throws SQLException {
        List<String[]> out = new java.util.ArrayList<>();
        query(c, sql, params, rs -> out.add(new String[] {rs.getString(1), rs.getString(2)}));
        return out;
    }

    public static void query(Connection c, String sql, RowReader reader) throws SQLException { query(c, sql, List.of(), reader); }

    public static void query(Connection c, String sql, Object[] params, RowReader reader) throws SQLException {
        query(c, sql, Arrays.asList(params), reader);
    }

    public static void query(Connection c, String sql, List<?> params, RowReader reader) throws SQLException {
        long start = System.nanoTime();
        int rows = 0;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) ps.setObject(i + 1, params.get(i));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    reader.read(rs);
                    rows++;
                }
            }
        }
        if (log.isDebugEnabled()) {
            log.debug("catalog query read {} rows in {} ms: {}", rows, (System.nanoTime() - start) / 1_000_000, sql.substring(0, Math.min(60, sql.length())));
        }
    }
}
