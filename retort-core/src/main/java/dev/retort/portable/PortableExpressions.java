package dev.retort.portable;

import java.util.regex.Pattern;
import java.util.Locale;

/**
 * Expression normalisation for comparing a model's default, check or index predicate with the catalog's spelling: the catalog writes
 * {@code 'x'::text}, {@code '-1'::integer}, {@code nextval('s'::regclass)}, {@code (0)}; a model writes {@code 'x'}, {@code -1}.
 */
public final class PortableExpressions {
    private PortableExpressions() {}

    private static final String[] TYPE_WORDS = {"varying", "precision", "with", "without", "time", "zone"};

    private static final Pattern NOT_IN = Pattern.compile("(?i)\\s+not\\s+in\\s*\\(([^()]*)\\)");
    private static final Pattern IN = Pattern.compile("(?i)\\s+in\\s*\\(([^()]*)\\)");

    private static final Pattern BETWEEN = Pattern.compile(
            "(?i)([\\w.\"]+)\\s+between\\s+(\\S+)\\s+and\\s+(\\S+)");

    public static String normalize(String expr) {
        if (expr == null) return null;
        String s = stripCasts(expr.trim());
        // the catalog spells "x BETWEEN a AND b" as "x >= a AND x <= b"
        s = BETWEEN.matcher(s).replaceAll("$1 >= $2 AND $1 <= $3");
        // the catalog spells "x IN (a, b)" as "x = ANY (ARRAY[a, b])"
        s = NOT_IN.matcher(s).replaceAll(" <> ALL (ARRAY[$1])");
        s = IN.matcher(s).replaceAll(" = ANY (ARRAY[$1])");
        s = lowerOutsideQuotes(s).replaceAll("\\s+", " ").trim();
        while (s.startsWith("(") && s.endsWith(")") && balanced(s.substring(1, s.length() - 1))) s = s.substring(1, s.length() - 1).trim();
        if (s.matches("'-?[0-9]+(\\.[0-9]+)?'")) s = s.substring(1, s.length() - 1);
        if (s.equals("current_timestamp") || s.equals("now()") || s.equals("transaction_timestamp()")) s = "now()";
        return s;
    }

    /** The normalised form with parentheses, double quotes and white space removed: a tolerant comparison key. */
    public static String loose(String expr) {
        String n = normalize(expr);
        StringBuilder b = new StringBuilder();
        boolean q = false;
        for (char c : n.toCharArray()) {
            if (c == '\'') q = !q;
            if (!q && (c == '(' || c == ')' || c == '"' || Character.isWhitespace(c))) continue;
            b.append(c);
        }
        return b.toString();
    }

    private static boolean balanced(String s) {
        int depth = 0;
        boolean q = false;
        for (char c : s.toCharArray()) {
            if (c == '\'') q = !q;
            if (q) continue;
            if (c == '(') depth++;
            if (c == ')' && --depth < 0) return false;
        }
        return depth == 0;
    }

    /** Removes every "::type" cast outside string literals. */
    public static String stripCasts(String s) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        boolean q = false;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\'') { q = !q; out.append(c); i++; continue; }
            if (!q && c == ':' && i + 1 < s.length() && s.charAt(i + 1) == ':') {
                i += 2;
                i = skipType(s, i);
                continue;
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    private static int skipType(String s, int i) {
        while (i < s.length() && s.charAt(i) == ' ') i++;
        boolean first = true;
        boolean afterDot = false;
        while (i < s.length()) {
            int start = i;
            if (s.charAt(i) == '"') {
                i = s.indexOf('"', i + 1) + 1;
                if (i == 0) return s.length();
            } else {
                while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) i++;
            }
            String word = s.substring(start, i).toLowerCase(Locale.ROOT);
            if (!first && !afterDot && !isTypeWord(word)) return start;
            first = false;
            afterDot = false;
            if (i < s.length() && s.charAt(i) == '.') { i++; afterDot = true; continue; }
            if (i < s.length() && s.charAt(i) == '(') { i = s.indexOf(')', i) + 1; if (i == 0) return s.length(); }
            while (i + 1 < s.length() && s.charAt(i) == '[' && s.charAt(i + 1) == ']') i += 2;
            int save = i;
            while (i < s.length() && s.charAt(i) == ' ') i++;
            int wEnd = i;
            while (wEnd < s.length() && Character.isLetter(s.charAt(wEnd))) wEnd++;
            if (!isTypeWord(s.substring(i, wEnd).toLowerCase(Locale.ROOT))) return save;
        }
        return i;
    }

    private static boolean isTypeWord(String w) {
        for (String t : TYPE_WORDS) if (t.equals(w)) return true;
        return false;
    }

    private static String lowerOutsideQuotes(String s) {
        StringBuilder b = new StringBuilder();
        boolean q = false;
        for (char c : s.toCharArray()) {
            if (c == '\'') q = !q;
            b.append(q ? c : Character.toLowerCase(c));
        }
        return b.toString();
    }
}
