package dev.retort.dialect;

import dev.retort.api.RetortException;
import dev.retort.dialect.postgres.PostgresDialect;

/** The dialect a URL's scheme names. */
public final class Dialects {
    private Dialects() {}

    /** The dialect of a URL, knowing what the URL says that rendering needs (MySQL: the database "public" is). */
    public static Dialect forUrl(dev.retort.config.DatabaseUrl url) {
        if (url.dialect().equals("mysql")) {
            boolean mariadb = url.toString().toLowerCase(java.util.Locale.ROOT).matches("^(jdbc:|r2dbc:(pool:)?)?mariadb.*");
            return new dev.retort.dialect.mysql.MySqlDialect(url.database(), mariadb);
        }
        if (url.dialect().equals("sqlite")) return new dev.retort.dialect.sqlite.SqliteDialect(url.jdbcUrl().substring("jdbc:sqlite:".length()).replaceFirst("\\?.*$", ""));
        return forName(url.dialect());
    }

    public static Dialect forName(String name) {
        if (name.equals("postgresql")) return new PostgresDialect();
        if (name.equals("h2")) return new dev.retort.dialect.h2.H2Dialect();
        if (name.equals("mysql")) return new dev.retort.dialect.mysql.MySqlDialect();
        if (name.equals("sqlite")) return new dev.retort.dialect.sqlite.SqliteDialect();
        throw new RetortException("no dialect for '" + name + "'");
    }
}
