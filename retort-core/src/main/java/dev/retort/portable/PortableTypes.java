package dev.retort.portable;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The portable type spellings models and revisions use, which are PostgreSQL's: aliases to the catalog's own
 * {@code format_type} form. Every dialect maps from these to its own.
 */
public final class PortableTypes {
    private PortableTypes() {}

    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("int", "integer"), Map.entry("int4", "integer"), Map.entry("integer", "integer"), Map.entry("serial", "integer"),
            Map.entry("serial4", "integer"), Map.entry("int2", "smallint"), Map.entry("smallint", "smallint"),
            Map.entry("smallserial", "smallint"), Map.entry("serial2", "smallint"), Map.entry("int8", "bigint"),
            Map.entry("bigint", "bigint"), Map.entry("bigserial", "bigint"), Map.entry("serial8", "bigint"),
            Map.entry("float8", "double precision"), Map.entry("double precision", "double precision"),
            Map.entry("float4", "real"), Map.entry("real", "real"), Map.entry("float", "double precision"),
            Map.entry("bool", "boolean"), Map.entry("boolean", "boolean"), Map.entry("decimal", "numeric"),
            Map.entry("numeric", "numeric"), Map.entry("varchar", "character varying"),
            Map.entry("character varying", "character varying"), Map.entry("char", "character"),
            Map.entry("character", "character"), Map.entry("bpchar", "bpchar"), Map.entry("varbit", "bit varying"),
            Map.entry("bit varying", "bit varying"), Map.entry("bit", "bit"),
            Map.entry("timestamp", "timestamp without time zone"), Map.entry("timestamp without time zone", "timestamp without time zone"),
            Map.entry("timestamptz", "timestamp with time zone"), Map.entry("timestamp with time zone", "timestamp with time zone"),
            Map.entry("time", "time without time zone"), Map.entry("time without time zone", "time without time zone"),
            Map.entry("timetz", "time with time zone"), Map.entry("time with time zone", "time with time zone"));

    /** Base type names of pg_catalog that need no schema (anything else is a user type). */
    static final Set<String> BUILTIN = Set.of("integer", "smallint", "bigint", "double precision", "real", "boolean", "numeric",
            "character varying", "character", "bpchar", "bit varying", "bit", "timestamp without time zone",
            "timestamp with time zone", "time without time zone", "time with time zone", "text", "uuid", "json", "jsonb",
            "bytea", "date", "interval", "inet", "cidr", "macaddr", "macaddr8", "money", "xml", "tsvector", "tsquery", "oid",
            "point", "line", "lseg", "box", "path", "polygon", "circle", "int4range", "int8range", "numrange", "tsrange",
            "tstzrange", "daterange", "pg_lsn", "txid_snapshot", "\"char\"", "name", "regclass", "jsonpath");

    private static final Pattern SHAPE = Pattern.compile(
            "^(.*?)\\s*(?:\\(\\s*([0-9]+)\\s*(?:,\\s*(-?[0-9]+)\\s*)?\\))?\\s*((?:with|without) time zone)?\\s*((?:\\[\\s*[0-9]*\\s*\\])*)$");

    private static final Pattern SPACES = Pattern.compile("\\s+");

    /** Answers by spelling: a 2,000-table check asks about 36,000 columns' types, spelled a few dozen ways. */
    private static final ConcurrentHashMap<String, Optional<String>> CANONICAL = new ConcurrentHashMap<>();

    /** The canonical spelling of a type, or null if it is not a built-in one (then it names a user type). */
    public static String canonicalBuiltin(String raw) {
        if (CANONICAL.size() > 4096) CANONICAL.clear();
        return CANONICAL.computeIfAbsent(raw, r -> Optional.ofNullable(canonical(r))).orElse(null);
    }

    private static String canonical(String raw) {
        String t = SPACES.matcher(raw.trim()).replaceAll(" ");
        String lower = t.toLowerCase(Locale.ROOT);
        String arraySuffix = "";
        if (lower.endsWith(" array")) { lower = lower.substring(0, lower.length() - 6).trim(); arraySuffix = "[]"; }
        Matcher m = SHAPE.matcher(lower);
        if (!m.matches()) return null;
        String base = m.group(1).trim();
        String p1 = m.group(2), p2 = m.group(3), tz = m.group(4);
        String arrays = m.group(5) == null || m.group(5).isEmpty() ? arraySuffix : "[]";
        // "timestamp(3) with time zone": the zone clause follows the precision
        if (tz != null) base = base + " " + tz;
        if (base.startsWith("interval")) return base + (p1 == null ? "" : "(" + p1 + ")") + arrays;
        String canon = ALIASES.get(base);
        if (canon == null) {
            if (!BUILTIN.contains(base)) return null;
            canon = base;
        }
        if (base.equals("float") && p1 != null) return (Integer.parseInt(p1) <= 24 ? "real" : "double precision") + arrays;
        if (base.startsWith("serial") || base.endsWith("serial")) p1 = null;
        String params = "";
        if (p1 != null) {
            params = canon.equals("numeric") ? "(" + p1 + "," + (p2 == null ? "0" : p2) + ")" : "(" + p1 + (p2 == null ? "" : "," + p2) + ")";
        } else if (canon.equals("character") || (canon.equals("bit") && arrays.isEmpty())) {
            params = "(1)";
        }
        return switch (canon) {
            case "timestamp without time zone", "timestamp with time zone", "time without time zone", "time with time zone" -> {
                int sp = canon.indexOf(' ');
                yield canon.substring(0, sp) + params + canon.substring(sp) + arrays;
            }
            default -> canon + params + arrays;
        };
    }

    /** Splits "a.b" into identifier parts, honouring double quotes; unquoted parts fold to lower case. */
    public static String[] identifierParts(String name) {
        List<String> parts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < name.length() && name.charAt(i + 1) == '"') { cur.append('"'); i++; }
                else if (c == '"') quoted = false;
                else cur.append(c);
            } else if (c == '"') { quoted = true; wasQuoted = true; }
            else if (c == '.') { parts.add(wasQuoted ? cur.toString() : cur.toString().trim().toLowerCase(Locale.ROOT)); cur.setLength(0); wasQuoted = false; }
            else cur.append(c);
        }
        parts.add(wasQuoted ? cur.toString() : cur.toString().trim().toLowerCase(Locale.ROOT));
        return parts.toArray(String[]::new);
    }

    /** A canonical type in its short form, as revisions write it: varchar(40), timestamptz, public.mood. */
    public static String display(String canonical) {
        String t = canonical
                .replaceAll("^character varying", "varchar")
                .replaceAll("^character\\(", "char(")
                .replaceAll("^timestamp with time zone", "timestamptz")
                .replaceAll("^timestamp\\((\\d+)\\) with time zone", "timestamptz($1)")
                .replaceAll("^timestamp without time zone", "timestamp")
                .replaceAll("^timestamp\\((\\d+)\\) without time zone", "timestamp($1)")
                .replaceAll("^time with time zone", "timetz")
                .replaceAll("^time without time zone", "time")
                .replaceAll("^time\\((\\d+)\\) without time zone", "time($1)");
        // "public"."mood" reads as public.mood when both parts need no quotes
        Matcher m = Pattern.compile("^\"([a-z_][a-z0-9_]*)\"\\.\"([a-z_][a-z0-9_]*)\"(.*)$").matcher(t);
        return m.matches() ? m.group(1) + "." + m.group(2) + m.group(3) : t;
    }
}
