package dev.retort.dialect.sqlite;

import dev.retort.portable.PortableExpressions;
import dev.retort.portable.PortableTypes;

import java.util.Locale;

/** SQLite's types and expressions: declared types kept as written, compared in the portable spelling. */
final class SqliteTypes {
    private SqliteTypes() {}

    /** SQLite keeps a column's declared type as written; both sides are compared in the portable spelling. */
    static String normalize(String type) {
        String pg = PortableTypes.canonicalBuiltin(type);
        return pg != null ? pg : type.trim().toLowerCase(Locale.ROOT);
    }

    /** A PostgreSQL-spelled expression as SQLite accepts it: casts dropped, now() as CURRENT_TIMESTAMP, char_length as length. */
    static String renderExpression(String sql) {
        if (sql == null) return null;
        String s = PortableExpressions.stripCasts(sql.trim()).replaceAll("(?i)\\b(char_length|character_length)\\s*\\(", "length(");
        return s.equalsIgnoreCase("now()") ? "CURRENT_TIMESTAMP" : s;
    }
}
