package dev.retort.dialects;

import dev.retort.api.RetortException;
import dev.retort.config.DatabaseUrl;
import dev.retort.dialect.Dialect;
import dev.retort.dialect.h2.H2Dialect;
import dev.retort.dialect.mysql.MySqlDialect;
import dev.retort.dialect.postgres.PostgresDialect;
import dev.retort.dialect.sqlite.SqliteDialect;

import java.util.Locale;

/** The dialect a URL's scheme names: the one place that knows every database folder. */
public final class Dialects {
    private Dialects() {}

    /** The dialect of a URL, knowing what the URL says that rendering needs (MySQL: the database "public" is). */
    public static Dialect forUrl(DatabaseUrl url) {
        if (url.dialect().equals("mysql")) {
            boolean mariadb = url.toString().toLowerCase(Locale.ROOT).matches("^(jdbc:|r2dbc:(pool:)?)?mariadb.*");
            return new MySqlDialect(url.database(), mariadb);
        }
        if (url.dialect().equals("sqlite")) return new SqliteDialect(url.jdbcUrl().substring("jdbc:sqlite:".length()).replaceFirst("\\?.*$", ""));
        return forName(url.dialect());
    }

    public static Dialect forName(String name) {
        return switch (name) {
            case "postgresql" -> new PostgresDialect();
            case "h2" -> new H2Dialect();
            case "mysql" -> new MySqlDialect();
            case "sqlite" -> new SqliteDialect();
            default -> throw new RetortException("no dialect for '" + name + "'");
        };
    }
}
