package dev.retort.script;

import dev.retort.api.RetortException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SQL text as written by hand (SQL revisions, SQL callbacks): cut into statements at semicolons that end one, and
 * {@code ${name}} placeholders filled in. Semicolons inside quotes, comments, PostgreSQL dollar quotes and the
 * {@code BEGIN ... END} body of a trigger do not end a statement.
 */
public final class SqlScript {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_.:-]*)}");
    private static final Pattern DOLLAR_TAG = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*)?\\$");
    private static final Pattern WORD = Pattern.compile("[A-Za-z_]+");

    private SqlScript() {}

    /**
     * Replaces each {@code ${name}} with its value. An unknown name fails, naming the file and the placeholder
     * (a silently kept {@code ${...}} would reach the database as text).
     */
    public static String substitute(String sql, Map<String, String> values, String where) {
        Matcher m = PLACEHOLDER.matcher(sql);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String v = values.get(m.group(1));
            if (v == null) {
                throw new RetortException(where + ": placeholder ${" + m.group(1) + "} has no value: set it under [placeholders] in retort.toml or pass -x "
                        + m.group(1) + "=VALUE");
            }
            m.appendReplacement(b, Matcher.quoteReplacement(v));
        }
        m.appendTail(b);
        return b.toString();
    }

    /**
     * The statements of a script, each without its closing semicolon and surrounding space; empty ones left out.
     * {@code backslashEscapes}: whether a backslash escapes a quote in a string (MySQL; PostgreSQL only in E'' strings).
     */
    public static List<String> split(String sql, String where, boolean backslashEscapes) {
        List<String> out = new ArrayList<>();
        int start = 0, i = 0, n = sql.length();
        List<String> head = new ArrayList<>(); // the statement's first words: is it a routine or trigger with a BEGIN ... END body?
        boolean routine = false;
        int depth = 0; // BEGIN ... END nesting inside such a body
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                boolean escapes = c == '\'' && (backslashEscapes || eString(sql, i));
                i = closing(sql, i, c, escapes, where);
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int e = sql.indexOf('\n', i);
                i = e < 0 ? n : e + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int e = sql.indexOf("*/", i + 2);
                if (e < 0) throw new RetortException(where + ":" + line(sql, i) + ": unterminated /* comment");
                i = e + 2;
            } else if (c == '$' && (i == 0 || !Character.isLetterOrDigit(sql.charAt(i - 1)))) {
                Matcher t = DOLLAR_TAG.matcher(sql).region(i, n);
                if (t.lookingAt()) {
                    String tag = t.group();
                    int e = sql.indexOf(tag, t.end());
                    if (e < 0) throw new RetortException(where + ":" + line(sql, i) + ": unterminated dollar quote " + tag);
                    i = e + tag.length();
                } else {
                    i++;
                }
            } else if (Character.isLetter(c) && (i == 0 || !Character.isLetterOrDigit(sql.charAt(i - 1)) && sql.charAt(i - 1) != '_')) {
                Matcher w = WORD.matcher(sql).region(i, n);
                w.lookingAt();
                String word = w.group().toUpperCase(Locale.ROOT);
                i = w.end();
                if (head.size() < 6) {
                    head.add(word);
                    routine = routine || head.get(0).equals("CREATE") && ROUTINES.contains(word);
                }
                if (!routine) continue;
                if (word.equals("BEGIN") || word.equals("CASE")) depth++;
                else if (word.equals("END") && depth > 0) {
                    Matcher next = WORD.matcher(sql).region(i, n);
                    boolean closesOther = next.find() && sql.substring(i, next.start()).isBlank()
                            && BLOCKS.contains(next.group().toUpperCase(Locale.ROOT));
                    if (!closesOther) depth--;
                }
            } else if (c == ';' && depth == 0) {
                add(out, sql.substring(start, i));
                start = ++i;
                head.clear();
                routine = false;
            } else {
                i++;
            }
        }
        add(out, sql.substring(start));
        return out;
    }

    /** Whether the quote at {@code i} opens a PostgreSQL E'' string (an E that is a word of its own). */
    private static boolean eString(String sql, int i) {
        if (i == 0 || Character.toUpperCase(sql.charAt(i - 1)) != 'E') return false;
        return i == 1 || !Character.isLetterOrDigit(sql.charAt(i - 2)) && sql.charAt(i - 2) != '_';
    }

    /** Statements whose body may hold BEGIN ... END with semicolons inside. */
    private static final java.util.Set<String> ROUTINES = java.util.Set.of("TRIGGER", "PROCEDURE", "FUNCTION", "EVENT");
    /** What END closes besides BEGIN and CASE (MySQL's compound statements). */
    private static final java.util.Set<String> BLOCKS = java.util.Set.of("IF", "LOOP", "WHILE", "REPEAT");

    private static int closing(String sql, int i, char quote, boolean backslashEscapes, String where) {
        int j = i + 1;
        while (j < sql.length()) {
            char c = sql.charAt(j);
            if (c == '\\' && backslashEscapes) {
                j += 2;
                continue;
            }
            if (c == quote) {
                if (j + 1 < sql.length() && sql.charAt(j + 1) == quote) {
                    j += 2;
                    continue;
                }
                return j + 1;
            }
            j++;
        }
        throw new RetortException(where + ":" + line(sql, i) + ": unterminated " + (quote == '\'' ? "string" : "quoted name") + " starting here");
    }

    /** Adds a statement without the comment lines before it (a header, a note on what follows). */
    private static void add(List<String> out, String statement) {
        if (onlyComments(statement)) return;
        String s = statement.strip();
        while (s.startsWith("--")) {
            int nl = s.indexOf('\n');
            s = s.substring(nl + 1).strip();
        }
        out.add(s);
    }

    private static boolean onlyComments(String s) {
        String rest = s.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("--[^\n]*", " ");
        return rest.isBlank();
    }

    static int line(String s, int pos) {
        int line = 1;
        for (int k = 0; k < pos; k++) if (s.charAt(k) == '\n') line++;
        return line;
    }
}
