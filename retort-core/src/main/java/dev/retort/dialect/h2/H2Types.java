package dev.retort.dialect.h2;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.retort.portable.PortableExpressions;

import java.util.Arrays;

/** H2's types and expression spellings: its own types, the portable ones as H2 reads them back, and its catalog's. */
final class H2Types {
    private H2Types() {}

    /** H2's own types that PostgreSQL does not have (as Hibernate's H2 dialect declares them), or null. */
    static String own(String type) {
        String t = type.trim();
        Matcher values = Pattern.compile("(?i)^enum\\s*(\\(.*\\))$").matcher(t);
        if (values.matches()) return "enum" + values.group(1).replaceAll("'\\s*,\\s*'", "','");
        Matcher varbinary = Pattern.compile("(?i)^varbinary\\s*\\((\\d+)\\)$").matcher(t);
        if (varbinary.matches()) return "binary varying(" + varbinary.group(1) + ")";
        return switch (t.toLowerCase(Locale.ROOT)) {
            case "tinyint" -> "tinyint";
            case "clob", "character large object" -> "character large object";
            case "blob", "binary large object" -> "binary large object";
            default -> null;
        };
    }

    static String canonical(String t) {
        if (t.endsWith("[]")) return canonical(t.substring(0, t.length() - 2)) + "[]";
        return switch (t) {
            case "jsonb" -> "json";
            case "character varying" -> "text";
            case "timestamp(6) with time zone" -> "timestamp with time zone";
            case "timestamp(6) without time zone" -> "timestamp without time zone";
            case "time(0) without time zone" -> "time without time zone";
            case "time(0) with time zone" -> "time with time zone";
            default -> t;
        };
    }

    /** H2's type as PostgreSQL's canonical spelling, where they agree; H2's own where they do not. */
    static String fromCatalog(String dataType, Long length, Integer precision, Integer scale, Integer datetimePrecision) {
        String t = dataType.toLowerCase(Locale.ROOT);
        return switch (t) {
            case "character varying" -> length == null || length >= 1_000_000_000L ? "text" : "character varying(" + length + ")";
            case "character" -> "character(" + length + ")";
            case "binary varying" -> length == null || length >= 1_000_000_000L ? "bytea" : "binary varying(" + length + ")";
            case "numeric", "decimal" -> precision == null || precision >= 100_000 ? "numeric" : "numeric(" + precision + "," + (scale == null ? 0 : scale) + ")";
            case "timestamp" -> datetimePrecision == null || datetimePrecision == 6 ? "timestamp without time zone" : "timestamp(" + datetimePrecision + ") without time zone";
            case "timestamp with time zone" -> datetimePrecision == null || datetimePrecision == 6 ? t : "timestamp(" + datetimePrecision + ") with time zone";
            case "time" -> datetimePrecision == null || datetimePrecision == 0 ? "time without time zone" : "time(" + datetimePrecision + ") without time zone";
            case "time with time zone" -> datetimePrecision == null || datetimePrecision == 0 ? t : "time(" + datetimePrecision + ") with time zone";
            case "character large object", "binary large object" -> t; // CLOB and BLOB, not varchar and varbinary
            default -> t;
        };
    }

    /** What two spellings of one expression have in common on H2 (casts of literals, U&'...' and JSON text). */
    static String expressionKey(String expr) {
        String e = unicodeLiterals(CAST_LITERAL.matcher(renderExpression(expr)).replaceAll("$1"));
        Matcher json = JSON_LITERAL.matcher(e);
        if (json.matches()) return "json:" + compactJson(json.group(1));
        String loose = PortableExpressions.loose(e);
        if (loose.startsWith("json'")) loose = loose.substring(4);
        String[] terms = loose.split("(?<=[^a-z_])or(?=[^a-z_])|(?<=[^a-z_])and(?=[^a-z_])");
        if (terms.length < 2) return loose;
        Arrays.sort(terms);
        return String.join("|", terms) + (loose.contains("and") ? "&" : "");
    }

    /** H2 reads a literal compared with a column back as a cast to the column's type: {@code CAST(0 AS NUMERIC(1))}. */
    private static final Pattern CAST_LITERAL = Pattern.compile(
            "(?i)CAST\\((-?[0-9]+(?:\\.[0-9]+)?|'(?:[^']|'')*') AS [A-Z ]+(?:\\([0-9, ]+\\))?\\)");
    private static final Pattern UNICODE_LITERAL = Pattern.compile("(?i)U&'((?:[^']|'')*)'");

    /** H2 reads a text literal with characters beyond ASCII back as {@code U&'cr\\00e8me'}: the plain literal again. */
    static String unicodeLiterals(String e) {
        Matcher m = UNICODE_LITERAL.matcher(e);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String body = m.group(1);
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < body.length(); i++) {
                char c = body.charAt(i);
                if (c == '\\' && i + 1 < body.length() && body.charAt(i + 1) == '\\') { text.append('\\'); i++; }
                else if (c == '\\' && i + 7 < body.length() + 0 && body.charAt(i + 1) == '+') {
                    text.appendCodePoint(Integer.parseInt(body.substring(i + 2, i + 8), 16));
                    i += 7;
                } else if (c == '\\' && i + 4 < body.length()) {
                    text.append((char) Integer.parseInt(body.substring(i + 1, i + 5), 16));
                    i += 4;
                } else text.append(c);
            }
            m.appendReplacement(out, Matcher.quoteReplacement("'" + text + "'"));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static final Pattern JSON_LITERAL = Pattern.compile("(?is)JSON\\s*'((?:[^']|'')*)'");

    /** JSON text without the white space between tokens, which H2 drops when it stores a JSON value. */
    static String compactJson(String text) {
        StringBuilder b = new StringBuilder();
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                b.append(c);
                if (c == '\\' && i + 1 < text.length()) b.append(text.charAt(++i));
                else if (c == '"') inString = false;
            } else if (c == '"') {
                inString = true;
                b.append(c);
            } else if (!Character.isWhitespace(c)) {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** A PostgreSQL-spelled expression as H2 accepts it. */
    static String renderExpression(String sql) {
        if (sql == null) return null;
        String s = sql.trim();
        s = s.replaceAll("(?i)^now\\(\\)$", "CURRENT_TIMESTAMP");
        s = s.replaceAll("(?i)^('(?:[^']|'')*')::jsonb?$", "JSON $1");
        s = s.replaceAll("(?i)('(?:[^']|'')*')::(text|character varying|varchar)\\b", "$1");
        return s;
    }
}
