package dev.retort.dialect;

import dev.retort.api.RetortException;
import dev.retort.dialect.postgres.PostgresDialect;

/** The dialect a URL's scheme names. */
public final class Dialects {
    private Dialects() {}

    public static Dialect forName(String name) {
        if (name.equals("postgresql")) return new PostgresDialect();
        throw new RetortException("no dialect for '" + name + "'");
    }
}
