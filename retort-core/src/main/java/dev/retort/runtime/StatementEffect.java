package dev.retort.runtime;

import dev.retort.schema.Catalog;
import dev.retort.schema.Constraint;
import dev.retort.schema.SchemaObject;
import dev.retort.schema.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What one DDL statement leaves in the catalog that was not there before it, or takes away, read from its text: a
 * table, view, index, column or constraint that it names. A statement a killed run was sending either shows its effect
 * in the catalog or does not (MySQL's DDL is atomic per statement), so the next run can tell whether it completed,
 * whoever made the table and whether the statement came from an operation or from raw SQL. Statements whose effect
 * is not one such name (DML, a MODIFY, a CREATE OR REPLACE) give none, and the run refuses to guess.
 */
record StatementEffect(Kind kind, String schema, String table, String name, boolean present) {
    enum Kind { TABLE, VIEW, INDEX, COLUMN, CONSTRAINT }

    private static final Set<String> NOT_A_COLUMN = Set.of("INDEX", "KEY", "CONSTRAINT", "PRIMARY", "UNIQUE", "FOREIGN", "FULLTEXT", "SPATIAL",
            "CHECK", "PARTITION", "PERIOD", "SYSTEM", "IF");

    /** The effect of {@code sql}, with {@code defaultSchema} for unqualified names; empty when the text does not name one. */
    static Optional<StatementEffect> of(String sql, String defaultSchema) {
        List<String> t = tokens(sql);
        Words w = new Words(t, defaultSchema);
        if (w.take("CREATE")) {
            if (w.peek("OR")) return Optional.empty(); // OR REPLACE: the name is there before and after
            w.skipWords("TEMPORARY");
            if (w.take("TABLE")) {
                w.skipIfNotExists();
                String[] n = w.name();
                return n == null ? Optional.empty() : Optional.of(new StatementEffect(Kind.TABLE, n[0], null, n[1], true));
            }
            boolean unique = w.take("UNIQUE") || w.take("FULLTEXT") || w.take("SPATIAL");
            if (w.take("INDEX")) {
                w.skipIfNotExists();
                String index = w.word();
                if (index == null || !w.take("ON")) return Optional.empty();
                String[] on = w.name();
                return on == null ? Optional.empty() : Optional.of(new StatementEffect(Kind.INDEX, on[0], on[1], index, true));
            }
            if (unique) return Optional.empty();
            while (w.more() && !w.peek("VIEW") && !w.peek("AS")) w.next(); // ALGORITHM = ..., DEFINER = ..., SQL SECURITY ...
            if (w.take("VIEW")) {
                w.skipIfNotExists();
                String[] n = w.name();
                return n == null ? Optional.empty() : Optional.of(new StatementEffect(Kind.VIEW, n[0], null, n[1], true));
            }
            return Optional.empty();
        }
        if (w.take("DROP")) {
            boolean view = w.take("VIEW");
            if (!view && !w.take("TABLE")) {
                if (!w.take("INDEX")) return Optional.empty();
                w.skipIfExists();
                String index = w.word();
                if (index == null || !w.take("ON")) return Optional.empty();
                String[] on = w.name();
                return on == null || w.more() ? Optional.empty() : Optional.of(new StatementEffect(Kind.INDEX, on[0], on[1], index, false));
            }
            w.skipIfExists();
            String[] n = w.name();
            if (n == null || w.peek(",")) return Optional.empty(); // several at once: not one name
            return Optional.of(new StatementEffect(view ? Kind.VIEW : Kind.TABLE, n[0], null, n[1], false));
        }
        if (w.take("ALTER")) {
            w.skipWords("ONLINE", "IGNORE");
            if (!w.take("TABLE")) return Optional.empty();
            w.skipIfExists();
            String[] on = w.name();
            if (on == null) return Optional.empty();
            if (w.take("ADD")) {
                if (w.take("CONSTRAINT")) {
                    String c = w.word();
                    return c == null ? Optional.empty() : Optional.of(new StatementEffect(Kind.CONSTRAINT, on[0], on[1], c, true));
                }
                w.take("UNIQUE");
                if (w.take("INDEX") || w.take("KEY")) {
                    w.skipIfNotExists();
                    String i = w.word();
                    return i == null || i.equals("(") ? Optional.empty() : Optional.of(new StatementEffect(Kind.INDEX, on[0], on[1], i, true));
                }
                w.take("COLUMN");
                w.skipIfNotExists();
                if (w.peek("(") || w.peekAny(NOT_A_COLUMN)) return Optional.empty();
                String col = w.word();
                return col == null ? Optional.empty() : Optional.of(new StatementEffect(Kind.COLUMN, on[0], on[1], col, true));
            }
            if (w.take("DROP")) {
                if (w.take("FOREIGN")) {
                    if (!w.take("KEY")) return Optional.empty();
                    w.skipIfExists();
                    String c = w.word();
                    return c == null ? Optional.empty() : Optional.of(new StatementEffect(Kind.CONSTRAINT, on[0], on[1], c, false));
                }
                if (w.take("CONSTRAINT") || w.take("CHECK")) {
                    w.skipIfExists();
                    String c = w.word();
                    return c == null ? Optional.empty() : Optional.of(new StatementEffect(Kind.CONSTRAINT, on[0], on[1], c, false));
                }
                if (w.take("INDEX") || w.take("KEY")) {
                    w.skipIfExists();
                    String i = w.word();
                    return i == null ? Optional.empty() : Optional.of(new StatementEffect(Kind.INDEX, on[0], on[1], i, false));
                }
                w.take("COLUMN");
                w.skipIfExists();
                if (w.peekAny(NOT_A_COLUMN)) return Optional.empty();
                String col = w.word();
                return col == null ? Optional.empty() : Optional.of(new StatementEffect(Kind.COLUMN, on[0], on[1], col, false));
            }
        }
        return Optional.empty();
    }

    /**
     * Whether the effect is in the catalog (the statement completed), not in it (it did not run), or empty where the
     * catalog cannot say: the table an index, column or constraint belongs to is not there.
     */
    Optional<Boolean> completedIn(Catalog c) {
        boolean found;
        switch (kind) {
            case TABLE -> found = c.table(schema, name).isPresent();
            case VIEW -> found = c.schemas().containsKey(schema) && c.schemas().get(schema).objects().values().stream()
                    .anyMatch(o -> o.kind() == SchemaObject.Kind.VIEW && o.name().equalsIgnoreCase(name));
            default -> {
                Optional<Table> t = c.table(schema, table);
                if (t.isEmpty()) t = c.tables().stream().filter(x -> x.schema().equals(schema) && x.name().equalsIgnoreCase(table)).findFirst();
                if (t.isEmpty()) return Optional.empty();
                found = switch (kind) {
                    case COLUMN -> t.get().columns().stream().anyMatch(x -> x.name().equalsIgnoreCase(name));
                    case INDEX -> t.get().indexes().stream().anyMatch(i -> i.name().equalsIgnoreCase(name))
                            || t.get().uniques().stream().anyMatch(u -> name.equalsIgnoreCase(u.name()));
                    default -> t.get().constraints().stream().map(Constraint::name).anyMatch(name::equalsIgnoreCase);
                };
            }
        }
        return Optional.of(found == present);
    }

    /** Words, quoted names (quotes taken off) and punctuation, comments and strings left out. */
    static List<String> tokens(String sql) {
        List<String> out = new ArrayList<>();
        int i = 0, n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) { i++; continue; }
            if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-' || c == '#') {
                int e = sql.indexOf('\n', i);
                i = e < 0 ? n : e + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int e = sql.indexOf("*/", i + 2);
                i = e < 0 ? n : e + 2;
            } else if (c == '`' || c == '"') {
                int e = sql.indexOf(c, i + 1);
                if (e < 0) return out;
                out.add("\u0000" + sql.substring(i + 1, e)); // a quoted name: never a keyword
                i = e + 1;
            } else if (c == '\'') {
                int e = i + 1;
                while (e < n) {
                    char d = sql.charAt(e);
                    if (d == '\\' || d == '\'' && e + 1 < n && sql.charAt(e + 1) == '\'') e += 2; // an escaped or doubled quote
                    else if (d == '\'') break;
                    else e++;
                }
                out.add("'");
                i = e + 1;
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == '$') {
                int e = i;
                while (e < n && (Character.isLetterOrDigit(sql.charAt(e)) || sql.charAt(e) == '_' || sql.charAt(e) == '$')) e++;
                out.add(sql.substring(i, e));
                i = e;
            } else {
                out.add(String.valueOf(c));
                i++;
            }
        }
        return out;
    }

    /** A cursor over the tokens. */
    private static final class Words {
        private final List<String> t;
        private final String defaultSchema;
        private int at;

        Words(List<String> t, String defaultSchema) {
            this.t = t;
            this.defaultSchema = defaultSchema;
        }

        boolean more() { return at < t.size(); }
        void next() { at++; }

        boolean peek(String word) { return more() && t.get(at).equalsIgnoreCase(word); }

        boolean peekAny(Set<String> words) { return more() && words.contains(t.get(at).toUpperCase(Locale.ROOT)); }

        boolean take(String word) {
            if (!peek(word)) return false;
            at++;
            return true;
        }

        void skipWords(String... words) {
            boolean moved = true;
            while (moved) {
                moved = false;
                for (String w : words) moved |= take(w);
            }
        }

        void skipIfExists() { if (peek("IF") && at + 1 < t.size() && t.get(at + 1).equalsIgnoreCase("EXISTS")) at += 2; }

        void skipIfNotExists() {
            if (peek("IF") && at + 2 < t.size() && t.get(at + 1).equalsIgnoreCase("NOT") && t.get(at + 2).equalsIgnoreCase("EXISTS")) at += 3;
        }

        /** A name (a word or a quoted name), or null. */
        String word() {
            if (!more()) return null;
            String w = t.get(at);
            if (w.startsWith("\u0000")) { at++; return w.substring(1); }
            if (!Character.isLetterOrDigit(w.charAt(0)) && w.charAt(0) != '_') return null;
            at++;
            return w;
        }

        /** {schema, name} of a name that may be qualified, or null. */
        String[] name() {
            String first = word();
            if (first == null) return null;
            if (take(".")) {
                String second = word();
                return second == null ? null : new String[] {first, second};
            }
            return new String[] {defaultSchema, first};
        }
    }
}
