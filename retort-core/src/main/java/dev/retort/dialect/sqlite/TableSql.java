package dev.retort.dialect.sqlite;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What SQLite's catalog does not keep apart from the CREATE TABLE text: constraint names and check bodies. Reads the
 * parenthesised body of the statement, split at top-level commas, so quoted names and nested parentheses are safe.
 */
final class TableSql {
    String primaryKeyName;
    final Map<List<String>, String> uniqueNames = new LinkedHashMap<>();
    final Map<List<String>, String> foreignKeyNames = new LinkedHashMap<>();
    /** Check constraints in order: name (null when unnamed) and body. */
    final List<String[]> checks = new ArrayList<>();
    boolean autoincrement;
    /** Generated columns' expressions, by column: {@code [GENERATED ALWAYS] AS (expr) [STORED | VIRTUAL]}. */
    final Map<String, String> generated = new LinkedHashMap<>();

    static TableSql parse(String createTable) {
        TableSql t = new TableSql();
        if (createTable == null) return t;
        int open = createTable.indexOf('(');
        int close = matching(createTable, open);
        if (open < 0 || close < 0) return t;
        t.autoincrement = createTable.toUpperCase(Locale.ROOT).contains("AUTOINCREMENT");
        for (String element : splitTopLevel(createTable.substring(open + 1, close))) t.element(element.strip());
        return t;
    }

    private void element(String e) {
        List<String> tokens = tokens(e);
        if (tokens.isEmpty()) return;
        String first = tokens.get(0).toUpperCase(Locale.ROOT);
        boolean tableConstraint = first.equals("CONSTRAINT") || first.equals("PRIMARY") || first.equals("UNIQUE") || first.equals("CHECK")
                || first.equals("FOREIGN");
        if (tableConstraint) {
            constraint(tokens, 0, null);
            return;
        }
        // a column: its name, then its type and column constraints
        List<String> column = List.of(unquote(tokens.get(0)));
        for (int i = 1; i < tokens.size(); i++) {
            String k = tokens.get(i).toUpperCase(Locale.ROOT);
            if (k.equals("CONSTRAINT") || k.equals("PRIMARY") || k.equals("UNIQUE") || k.equals("CHECK") || k.equals("REFERENCES")) {
                i = constraint(tokens, i, column);
            } else if (k.equals("AS") && i + 1 < tokens.size() && tokens.get(i + 1).startsWith("(")) {
                String group = tokens.get(++i);
                generated.put(column.get(0), group.substring(1, group.length() - 1).strip());
            }
        }
    }

    /** Reads one constraint starting at tokens[i]; returns the index of its last token. */
    private int constraint(List<String> tokens, int i, List<String> column) {
        String name = null;
        if (tokens.get(i).equalsIgnoreCase("CONSTRAINT") && i + 1 < tokens.size()) {
            name = unquote(tokens.get(i + 1));
            i += 2;
        }
        if (i >= tokens.size()) return i;
        String kind = tokens.get(i).toUpperCase(Locale.ROOT);
        switch (kind) {
            case "PRIMARY" -> {
                if (name != null) primaryKeyName = name;
                return i + 1;
            }
            case "UNIQUE" -> {
                List<String> cols = column;
                if (i + 1 < tokens.size() && tokens.get(i + 1).startsWith("(")) cols = columnList(tokens.get(i + 1));
                if (name != null && cols != null) uniqueNames.put(cols, name);
                return i + 1;
            }
            case "CHECK" -> {
                if (i + 1 < tokens.size() && tokens.get(i + 1).startsWith("(")) {
                    String body = tokens.get(i + 1);
                    checks.add(new String[] {name, body.substring(1, body.length() - 1).strip()});
                    return i + 1;
                }
                return i;
            }
            case "FOREIGN" -> {
                if (i + 2 < tokens.size() && tokens.get(i + 2).startsWith("(")) {
                    if (name != null) foreignKeyNames.put(columnList(tokens.get(i + 2)), name);
                    return i + 2;
                }
                return i;
            }
            case "REFERENCES" -> {
                if (name != null && column != null) foreignKeyNames.put(column, name);
                return i;
            }
            default -> {
                return i;
            }
        }
    }

    static List<String> columnList(String parenthesised) {
        List<String> out = new ArrayList<>();
        for (String c : splitTopLevel(parenthesised.substring(1, parenthesised.length() - 1))) {
            List<String> t = tokens(c.strip());
            if (!t.isEmpty()) out.add(unquote(t.get(0)));
        }
        return out;
    }

    /** Words, quoted names and string literals as single tokens, and each parenthesised group as one token. */
    static List<String> tokens(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || c == ',') { i++; continue; }
            int end;
            if (c == '(') end = matching(s, i) + 1;
            else if (c == '"' || c == '\'' || c == '`') end = closingQuote(s, i, c) + 1;
            else if (c == '[') end = s.indexOf(']', i) + 1;
            else {
                end = i;
                while (end < s.length() && !Character.isWhitespace(s.charAt(end)) && "(,\"'`".indexOf(s.charAt(end)) < 0) end++;
            }
            if (end <= i) end = s.length();
            out.add(s.substring(i, end));
            i = end;
        }
        return out;
    }

    static List<String> splitTopLevel(String s) {
        List<String> out = new ArrayList<>();
        int depth = 0, start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\'' || c == '`') i = closingQuote(s, i, c);
            else if (c == '[') i = Math.max(i, s.indexOf(']', i));
            else if (c == '(') depth++;
            else if (c == ')') depth--;
            else if (c == ',' && depth == 0) {
                out.add(s.substring(start, i));
                start = i + 1;
            }
        }
        out.add(s.substring(start));
        return out;
    }

    static int matching(String s, int open) {
        if (open < 0) return -1;
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\'' || c == '`') i = closingQuote(s, i, c);
            else if (c == '(') depth++;
            else if (c == ')' && --depth == 0) return i;
        }
        return -1;
    }

    private static int closingQuote(String s, int i, char q) {
        int j = i + 1;
        while (j < s.length()) {
            if (s.charAt(j) == q) {
                if (j + 1 < s.length() && s.charAt(j + 1) == q) { j += 2; continue; }
                return j;
            }
            j++;
        }
        return s.length() - 1;
    }

    static String unquote(String token) {
        if (token.length() >= 2) {
            char c = token.charAt(0);
            if (c == '"' || c == '`') return token.substring(1, token.length() - 1).replace(String.valueOf(c) + c, String.valueOf(c));
            if (c == '[') return token.substring(1, token.length() - 1);
        }
        return token;
    }
}
