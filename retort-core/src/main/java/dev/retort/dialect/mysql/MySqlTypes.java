package dev.retort.dialect.mysql;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.retort.dialect.Dialect;
import dev.retort.portable.PortableExpressions;
import dev.retort.portable.PortableTypes;
import dev.retort.schema.EnumType;
import dev.retort.schema.Index;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** MySQL's and MariaDB's types, enums, index kinds and expression spellings, from the portable (PostgreSQL) ones. */
final class MySqlTypes {
    private MySqlTypes() {}

    /** MySQL's spelling of a type given in PostgreSQL's (or MySQL's own) spelling, as information_schema reads it back. */
    static String normalize(String type, boolean mariadb) {
        String pg = PortableTypes.canonicalBuiltin(type);
        if (pg == null) {
            String t = type.trim();
            // enum and set values keep their case; the rest of a type does not matter
            Matcher values = Pattern.compile("(?i)^(enum|set)\\s*(\\(.*\\))$").matcher(t);
            if (values.matches()) return values.group(1).toLowerCase(Locale.ROOT) + values.group(2);
            return mysqlType(t.toLowerCase(Locale.ROOT));
        }
        if (pg.endsWith("[]")) throw new IllegalArgumentException("MySQL has no array types: " + type);
        String base = pg.replaceAll("\\(.*?\\)", "").trim();
        Matcher p = Pattern.compile("\\((\\d+)(?:,(\\d+))?\\)").matcher(pg);
        String p1 = p.find() ? p.group(1) : null, p2 = p1 == null ? null : p.group(2);
        return switch (base) {
            case "integer" -> "int";
            case "bigint", "smallint", "date", "json", "text" -> base;
            case "uuid" -> mariadb ? "uuid" : "char(36)"; // MariaDB 10.7+ has uuid; MySQL does not
            case "jsonb" -> "json";
            case "boolean" -> "tinyint(1)";
            case "bit" -> "bit(" + (p1 == null ? "1" : p1) + ")";
            case "float" -> p1 != null && Integer.parseInt(p1) <= 24 ? "float" : "double"; // float(53), as Hibernate writes double
            case "real" -> "float";
            case "double precision" -> "double";
            case "bytea" -> "longblob";
            case "character varying" -> p1 == null ? "text" : "varchar(" + p1 + ")";
            case "character" -> "char(" + (p1 == null ? "1" : p1) + ")";
            case "numeric" -> p1 == null ? "decimal(65,30)" : "decimal(" + p1 + "," + (p2 == null ? "0" : p2) + ")";
            case "timestamp with time zone", "timestamp without time zone" -> "datetime(" + (p1 == null ? "6" : p1) + ")";
            case "time without time zone", "time with time zone" -> "time(" + (p1 == null ? "6" : p1) + ")";
            default -> base;
        };
    }

    private static String mysqlType(String t) {
        if (t.equals("int") || t.matches("int\\(\\d+\\)") || t.equals("integer")) return "int";
        if (t.matches("bigint\\(\\d+\\)")) return "bigint";
        if (t.matches("smallint\\(\\d+\\)")) return "smallint";
        if (t.equals("bool") || t.equals("boolean")) return "tinyint(1)";
        if (t.equals("datetime")) return "datetime(0)";
        if (t.equals("timestamp")) return "timestamp(0)";
        return t;
    }

    /** MySQL's kind of an index: "fulltext" or "spatial", else null (a B-tree). */
    static String indexKind(Index i) { return indexKind(i.using()); }

    /** The same for an access method or INDEX_TYPE as written, in any case. */
    static String indexKind(String using) {
        String u = using == null ? "" : using.toLowerCase(Locale.ROOT);
        return u.equals("fulltext") || u.equals("spatial") ? u : null;
    }

    /** NO ACTION and RESTRICT are the same on MySQL, which reads both back as RESTRICT. */
    static String action(String a) {
        return a == null || a.equalsIgnoreCase("NO ACTION") || a.equalsIgnoreCase("RESTRICT") ? null : a.toUpperCase(Locale.ROOT);
    }

    static EnumType enumFor(String type, String schema, Map<String, EnumType> enums) {
        String t = type.replace("\"", "").replace("`", "").trim();
        return enums.get(t.contains(".") ? t : schema + "." + t);
    }

    static String enumType(List<String> values) {
        return "enum(" + values.stream().map(v -> Dialect.quotedLiteral(v, true)).collect(Collectors.joining(",")) + ")";
    }

    /** What two spellings of one expression have in common on MySQL: {@code now()} and {@code CURRENT_TIMESTAMP(6)}, {@code true} and 1. */
    static String expressionKey(String expr) {
        String s = PortableExpressions.loose(renderExpression(expr).replace("`", ""));
        s = s.replaceAll("^current_timestamp\\d*$", "now()").replaceAll("^now\\(\\d*\\)$", "now()").replaceAll("^current_timestamp\\(\\d*\\)$", "now()");
        if (s.equals("true") || s.equals("b'1'")) return "1";
        if (s.equals("false") || s.equals("b'0'")) return "0";
        if (s.matches("'?-?[0-9]+\\.[0-9]+'?")) return new BigDecimal(s.replace("'", "")).stripTrailingZeros().toPlainString();
        return s;
    }

    /**
     * A PostgreSQL-spelled expression as MySQL accepts it: casts dropped, now() at microseconds, and "quoted" names in
     * backticks (MySQL reads double quotes as a string, so {@code "from" > 0} would compare a string with 0).
     */
    static String renderExpression(String sql) {
        if (sql == null) return null;
        String s = backticked(PortableExpressions.stripCasts(sql.trim()));
        if (s.equalsIgnoreCase("now()") || s.equalsIgnoreCase("current_timestamp") || s.equalsIgnoreCase("current_timestamp()")) return "CURRENT_TIMESTAMP(6)";
        return s;
    }

    /** Double-quoted identifiers outside string literals as backticked ones. */
    static String backticked(String sql) {
        if (sql.indexOf('"') < 0) return sql;
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\'') { // a string literal, copied whole ('' and backslash escapes inside)
                int j = i + 1;
                while (j < sql.length()) {
                    char x = sql.charAt(j);
                    if (x == '\\') j += 2;
                    else if (x == '\'' && j + 1 < sql.length() && sql.charAt(j + 1) == '\'') j += 2;
                    else if (x == '\'') break;
                    else j++;
                }
                b.append(sql, i, Math.min(j + 1, sql.length()));
                i = j;
            } else if (c == '"') {
                StringBuilder name = new StringBuilder();
                int j = i + 1;
                while (j < sql.length() && !(sql.charAt(j) == '"' && (j + 1 >= sql.length() || sql.charAt(j + 1) != '"'))) {
                    if (sql.charAt(j) == '"') j++; // "" inside a quoted name is one "
                    name.append(sql.charAt(j++));
                }
                b.append('`').append(name.toString().replace("`", "``")).append('`');
                i = j;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

}
