package dev.retort.lint;

import dev.retort.portable.PortableTypes;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a column type change does to the values a column holds, and whether PostgreSQL rewrites the table for it. */
final class TypeChange {
    private static final Pattern SHAPE = Pattern.compile("^([a-z\" ]+)\\s*(?:\\(\\s*([0-9]+)\\s*(?:,\\s*([0-9]+)\\s*)?\\))?(.*)$");
    private static final List<String> INTEGERS = List.of("smallint", "integer", "bigint");
    private static final List<String> FLOATS = List.of("real", "double precision");
    private static final List<String> STRINGS = List.of("character", "character varying", "text");

    record Type(String base, Integer length, Integer scale, String rest) {
        boolean string() { return STRINGS.contains(base) || base.equals("bpchar"); }
        /** The characters it holds at most (null: any number). */
        Integer capacity() { return base.equals("text") ? null : length; }
    }

    static Type parse(String raw) {
        String canonical = PortableTypes.canonicalBuiltin(raw);
        String t = canonical == null ? raw.trim().toLowerCase(java.util.Locale.ROOT) : canonical;
        Matcher m = SHAPE.matcher(t);
        if (!m.matches()) return new Type(t, null, null, "");
        return new Type(m.group(1).trim(), m.group(2) == null ? null : Integer.valueOf(m.group(2)),
                m.group(3) == null ? null : Integer.valueOf(m.group(3)), m.group(4).trim());
    }

    /** Why the new type holds less than the old one (values would be cut or refused), or null. */
    static String narrowing(String from, String to) {
        Type a = parse(from), b = parse(to);
        if (a.string() && b.string()) {
            Integer ca = a.capacity(), cb = b.capacity();
            if (cb != null && (ca == null || cb < ca)) return "values longer than " + cb + " characters are refused or cut";
            return null;
        }
        if (a.base().equals("numeric") && b.base().equals("numeric")) {
            if (b.length() != null && (a.length() == null || b.length() < a.length())) return "numbers with more than " + b.length() + " digits are refused";
            if (b.scale() != null && (a.scale() == null || b.scale() < a.scale())) return "digits after the point beyond " + b.scale() + " are rounded away";
            return null;
        }
        if (INTEGERS.contains(a.base()) && INTEGERS.contains(b.base()) && INTEGERS.indexOf(b.base()) < INTEGERS.indexOf(a.base())) {
            return "values beyond " + b.base() + "'s range are refused";
        }
        if ((FLOATS.contains(a.base()) || a.base().equals("numeric")) && INTEGERS.contains(b.base())) return "fractions are rounded away";
        if (a.base().equals("double precision") && b.base().equals("real")) return "precision beyond real's 6 digits is lost";
        if (a.base().startsWith("timestamp") && b.base().equals("date")) return "the time of day is lost";
        if (a.string() && !b.string()) return "text that does not read as " + b.base() + " is refused";
        return null;
    }

    /** Whether PostgreSQL changes the type without rewriting the table (only widening a length, precision or to text). */
    static boolean inPlaceOnPostgres(String from, String to) {
        Type a = parse(from), b = parse(to);
        if (a.string() && !a.base().equals("character") && (b.base().equals("text") || b.base().equals("character varying"))) {
            return narrowing(from, to) == null;
        }
        if (a.base().equals("numeric") && b.base().equals("numeric")) {
            return b.length() == null || a.length() != null && b.length() >= a.length() && java.util.Objects.equals(a.scale(), b.scale());
        }
        return a.equals(b);
    }
}
