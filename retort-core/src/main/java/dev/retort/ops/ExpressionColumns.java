package dev.retort.ops;

import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * The column names inside an SQL expression (a check, an index predicate or key expression), found the way the
 * database would: string literals are skipped, a word followed by "(" is a function and one after "::" a type,
 * unquoted words compare without case. The schema the history implies follows a renamed or dropped column into them,
 * as PostgreSQL does, so that a table restated from it (SQLite's move and copy) is the table the database holds.
 */
public final class ExpressionColumns {
    private ExpressionColumns() { }

    /** Whether the expression names the column. */
    public static boolean mentions(String expression, String column) {
        if (expression == null) return false;
        boolean[] found = {false};
        rewrite(expression, name -> {
            if (name.equals(column)) found[0] = true;
            return null;
        });
        return found[0];
    }

    /** The expression with one column's name changed. */
    static String renamed(String expression, String from, String to) {
        if (expression == null) return null;
        return rewrite(expression, name -> name.equals(from) ? to : null);
    }

    /**
     * Calls {@code names} with each column name in the expression; where it answers a new name, that name is written
     * in its place (quoted unless it is a plain lower-case word).
     */
    private static String rewrite(String e, UnaryOperator<String> names) {
        StringBuilder out = new StringBuilder(e.length());
        int i = 0, n = e.length();
        while (i < n) {
            char c = e.charAt(i);
            if (c == '\'') {
                int j = i + 1;
                while (j < n && !(e.charAt(j) == '\'' && (j + 1 >= n || e.charAt(j + 1) != '\''))) j += e.charAt(j) == '\'' ? 2 : 1;
                j = Math.min(j + 1, n);
                out.append(e, i, j);
                i = j;
            } else if (c == '"' || Character.isLetter(c) || c == '_') {
                boolean quoted = c == '"';
                int j = quoted ? i + 1 : i;
                StringBuilder name = new StringBuilder();
                if (quoted) {
                    while (j < n && !(e.charAt(j) == '"' && (j + 1 >= n || e.charAt(j + 1) != '"'))) {
                        name.append(e.charAt(j));
                        j += e.charAt(j) == '"' ? 2 : 1;
                    }
                    j = Math.min(j + 1, n);
                } else {
                    while (j < n && (Character.isLetterOrDigit(e.charAt(j)) || e.charAt(j) == '_' || e.charAt(j) == '$')) j++;
                    name.append(e.substring(i, j).toLowerCase(Locale.ROOT));
                }
                int k = j;
                while (k < n && Character.isWhitespace(e.charAt(k))) k++;
                boolean function = k < n && e.charAt(k) == '(';
                boolean type = out.length() >= 2 && out.substring(out.length() - 2).equals("::");
                String to = function || type ? null : names.apply(name.toString());
                if (to == null) out.append(e, i, j);
                else out.append(to.matches("[a-z_][a-z0-9_]*") ? to : '"' + to.replace("\"", "\"\"") + '"');
                i = j;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
