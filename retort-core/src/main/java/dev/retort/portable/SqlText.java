package dev.retort.portable;

import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Column;
import dev.retort.schema.Domain;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.Index;
import dev.retort.schema.Table;

import java.util.regex.Pattern;

/**
 * Text that Retort writes into a statement as given (a column's type, a default, a check, an index key or predicate):
 * it must be one piece of that statement. A ';', a comment, an unterminated quote or a parenthesis closed that it did
 * not open would let the text end the statement Retort writes and start another (a model's type
 * {@code integer); DROP TABLE note; CREATE TABLE x (y integer}), so such text is refused before anything is written.
 */
public final class SqlText {
    private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern ACTION = Pattern.compile("(?i)(CASCADE|RESTRICT|NO ACTION|SET NULL|SET DEFAULT)(\\s*\\([A-Za-z0-9_\", ]*\\))?");

    private SqlText() {}

    /**
     * Why {@code text} cannot stand as one piece of a statement, or null when it can. Strings are read both with and
     * without backslash escapes (MySQL's and PostgreSQL's rules), and the text must be whole under both.
     */
    public static String fragmentProblem(String text) {
        if (text == null) return null;
        String plain = scan(text, false, false);
        return plain != null ? plain : scan(text, true, false);
    }

    /**
     * Why {@code text}, a whole statement or query Retort writes after a few words of its own (a view's query, a
     * CREATE INDEX), is not one statement, or null. Comments are allowed and so are closing semicolons; a statement
     * with a body of its own (a function, a trigger) is checked by the script splitter instead.
     */
    public static String statementProblem(String text) {
        if (text == null) return null;
        String body = text.strip();
        while (body.endsWith(";")) body = body.substring(0, body.length() - 1).strip();
        String plain = scan(body, false, true);
        return plain != null ? plain : scan(body, true, true);
    }

    /**
     * The first piece of a table's definition that is not one fragment, as "column note.body: type '...' holds ';'
     * outside quotes", or null.
     */
    public static String tableProblem(Table t) {
        for (Column c : t.columns()) {
            String p = columnProblem(c);
            if (p != null) return p;
        }
        for (CheckConstraint k : t.checks()) {
            String p = piece("check " + k.name(), "expression", k.expression());
            if (p != null) return p;
        }
        for (ForeignKey f : t.foreignKeys()) {
            String p = action("foreign key " + f.name(), "ON DELETE", f.onDelete());
            if (p == null) p = action("foreign key " + f.name(), "ON UPDATE", f.onUpdate());
            if (p != null) return p;
        }
        for (Index i : t.indexes()) {
            String p = indexProblem(i);
            if (p != null) return p;
        }
        return piece("table", "partition key", t.partitionBy());
    }

    /** As {@link #tableProblem} for one column. */
    public static String columnProblem(Column c) {
        String where = "column " + c.name();
        String p = piece(where, "type", c.type());
        if (p == null) p = piece(where, "default", c.defaultExpr());
        if (p == null) p = piece(where, "generated expression", c.generated());
        if (p == null) p = piece(where, "ON UPDATE value", c.onUpdateValue());
        return p;
    }

    /** As {@link #tableProblem} for one index. */
    public static String indexProblem(Index i) {
        String where = "index " + i.name();
        for (String key : i.keys()) {
            String p = piece(where, "key", key);
            if (p != null) return p;
        }
        if (i.using() != null && !WORD.matcher(i.using()).matches()) return where + ": access method '" + i.using() + "' is not a name";
        String p = piece(where, "predicate", i.where());
        return p != null ? p : piece(where, "storage parameters", i.with());
    }

    /** As {@link #tableProblem} for a domain. */
    public static String domainProblem(Domain d) {
        String where = "domain " + d.schema() + "." + d.name();
        String p = piece(where, "base type", d.baseType());
        if (p == null) p = piece(where, "default", d.defaultExpr());
        for (CheckConstraint k : d.checks()) if (p == null) p = piece(where, "check " + k.name(), k.expression());
        return p;
    }

    /** "what: part 'text' holds ...", or null when {@code text} is one fragment. */
    public static String piece(String where, String part, String text) {
        String p = fragmentProblem(text);
        return p == null ? null : where + ": " + part + " '" + shorten(text) + "' " + p + ": it must be one piece of the statement Retort writes";
    }

    private static String action(String where, String clause, String action) {
        if (action == null || ACTION.matcher(action.strip()).matches()) return null;
        return where + ": " + clause + " '" + shorten(action) + "' is not CASCADE, RESTRICT, NO ACTION, SET NULL or SET DEFAULT";
    }

    private static String shorten(String s) {
        String one = s.replaceAll("\\s+", " ");
        return one.length() > 80 ? one.substring(0, 77) + "..." : one;
    }

    private static String scan(String s, boolean backslashEscapes, boolean comments) {
        int depth = 0, n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\'', '"', '`' -> {
                    boolean escapes = c == '\'' && (backslashEscapes || i > 0 && (s.charAt(i - 1) == 'E' || s.charAt(i - 1) == 'e'));
                    int end = closing(s, i, c, escapes);
                    if (end < 0) return "has an unterminated " + (c == '\'' ? "string" : "quoted name");
                    i = end;
                }
                case '$' -> {
                    int tagEnd = dollarTag(s, i);
                    if (tagEnd > 0) {
                        String tag = s.substring(i, tagEnd + 1);
                        int end = s.indexOf(tag, tagEnd + 1);
                        if (end < 0) return "has an unterminated dollar quote " + tag;
                        i = end + tag.length() - 1;
                    }
                }
                case '-' -> {
                    if (i + 1 < n && s.charAt(i + 1) == '-') {
                        if (!comments) return "holds a comment ('--')";
                        int end = s.indexOf('\n', i);
                        if (end < 0) return "ends in a '--' comment";
                        i = end;
                    }
                }
                case '/' -> {
                    if (i + 1 < n && s.charAt(i + 1) == '*') {
                        if (!comments) return "holds a comment ('/*')";
                        int end = s.indexOf("*/", i + 2);
                        if (end < 0) return "has an unterminated '/*' comment";
                        i = end + 1;
                    }
                }
                case '(' -> depth++;
                case ')' -> {
                    if (--depth < 0) return "closes a parenthesis it did not open";
                }
                case ';' -> {
                    return "holds ';' outside quotes";
                }
                default -> { }
            }
        }
        return depth > 0 ? "leaves a parenthesis open" : null;
    }

    /** The index of the quote that closes the one at {@code open}, or -1. A doubled quote is one character. */
    private static int closing(String s, int open, char q, boolean backslashEscapes) {
        for (int i = open + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (backslashEscapes && c == '\\') { i++; continue; }
            if (c == q) {
                if (i + 1 < s.length() && s.charAt(i + 1) == q) { i++; continue; }
                return i;
            }
        }
        return -1;
    }

    /** The index of the '$' that ends a dollar-quote tag starting at {@code i}, or -1 when none starts there. */
    private static int dollarTag(String s, int i) {
        if (i > 0 && (Character.isLetterOrDigit(s.charAt(i - 1)) || s.charAt(i - 1) == '_')) return -1;
        int j = i + 1;
        while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) j++;
        if (j >= s.length() || s.charAt(j) != '$') return -1;
        if (j > i + 1 && Character.isDigit(s.charAt(i + 1))) return -1; // $1 is a parameter
        return j;
    }
}
