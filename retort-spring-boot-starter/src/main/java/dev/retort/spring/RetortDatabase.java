package dev.retort.spring;

import dev.retort.api.RetortException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;

import javax.sql.DataSource;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;

/**
 * Which database Retort migrates in a Spring Boot application, and as whom: {@code retort.url}, else the JDBC
 * settings ({@code spring.datasource.*}), else the application's DataSource, else the R2DBC settings
 * ({@code spring.r2dbc.*}) turned into their JDBC form. Retort always migrates on a connection of its own.
 */
record RetortDatabase(String url, String user, String password, String source) {
    static RetortDatabase resolve(RetortProperties p, Environment env, ObjectProvider<DataSource> dataSource) {
        String[][] settings = {{"retort.url", p.getUrl(), "retort.user", p.getUser(), "retort.password", p.getPassword()},
                {"spring.datasource.url", env.getProperty("spring.datasource.url"), "spring.datasource.username",
                        env.getProperty("spring.datasource.username"), "spring.datasource.password", env.getProperty("spring.datasource.password")}};
        for (String[] s : settings) {
            if (s[1] == null) continue;
            if (s[1].isBlank()) throw new RetortException(s[0] + " is set but empty: give a database URL there, or remove it");
            return new RetortDatabase(s[1], first(p.getUser(), s[3]), first(p.getPassword(), s[5]), s[0]);
        }
        DataSource ds = dataSource.getIfAvailable();
        if (ds != null) return fromDataSource(ds, p);
        String r2dbc = env.getProperty("spring.r2dbc.url");
        if (r2dbc != null) {
            if (r2dbc.isBlank()) throw new RetortException("spring.r2dbc.url is set but empty: give a database URL there, or remove it");
            return new RetortDatabase(r2dbc, first(p.getUser(), env.getProperty("spring.r2dbc.username")),
                    first(p.getPassword(), env.getProperty("spring.r2dbc.password")), "spring.r2dbc.url");
        }
        throw new RetortException("no database to migrate: set retort.url, spring.datasource.url or spring.r2dbc.url,"
                + " define a DataSource, or set retort.enabled=false");
    }

    /**
     * The DataSource's URL, user and password as it was configured (Hikari's getJdbcUrl, Spring's and most drivers'
     * getUrl, getUsername or getUser, getPassword); where it does not say, the URL and user its driver reports.
     */
    private static RetortDatabase fromDataSource(DataSource ds, RetortProperties p) {
        String url = first(property(ds, "getJdbcUrl"), property(ds, "getUrl"));
        String user = first(property(ds, "getUsername"), property(ds, "getUser"));
        if (url == null) {
            try (Connection c = ds.getConnection()) {
                DatabaseMetaData m = c.getMetaData();
                url = m.getURL();
                user = first(user, m.getUserName());
            } catch (SQLException e) {
                throw new RetortException("cannot connect through the application's DataSource to find its database: " + e.getMessage(), e);
            }
        }
        return new RetortDatabase(url, first(p.getUser(), user), first(p.getPassword(), property(ds, "getPassword")), "the application's DataSource");
    }

    private static String property(DataSource ds, String getter) {
        try {
            Method m = ds.getClass().getMethod(getter);
            return m.getReturnType() == String.class ? (String) m.invoke(ds) : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static String first(String a, String b) { return a != null ? a : b; }
}
