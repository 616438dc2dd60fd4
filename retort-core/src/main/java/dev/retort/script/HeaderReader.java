package dev.retort.script;

import java.io.UncheckedIOException;
import dev.retort.config.Sha256;
import dev.retort.api.RetortException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code @Revision(...)} annotation from a revision's source text, so that heads, history and current
 * need no compiler. Values must be string literals, arrays of them, or booleans.
 */
public final class HeaderReader {
    private static final Pattern CLASS = Pattern.compile("(?m)^[\\w\\s]*\\bclass\\s+([A-Za-z_$][\\w$]*)");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_]+");
    private static final Pattern ANNOTATION = Pattern.compile("@(?:dev\\.retort\\.api\\.)?Revision\\s*\\(");

    private HeaderReader() {}

    public static RevisionInfo read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | UncheckedIOException e) {
            throw new RetortException(file + ": cannot read revision file: " + e.getMessage());
        }
        return file.getFileName().toString().endsWith(".sql") ? SqlRevision.header(text, file) : parse(text, file);
    }

    public static RevisionInfo parse(String text, Path file) {
        String where = file == null ? "revision source" : file.toString();
        Matcher annotation = ANNOTATION.matcher(text);
        if (!annotation.find()) throw new RetortException(where + ": no @Revision(id = ...) annotation");
        Map<String, Object> values = new HashMap<>();
        Cursor c = new Cursor(text, annotation.end(), where);
        c.skipSpace();
        if (c.peek() != ')') {
            while (true) {
                c.skipSpace();
                String key = c.identifier();
                c.skipSpace();
                c.expect('=');
                c.skipSpace();
                if (values.put(key, c.value()) != null) throw c.error("'" + key + "' is given twice");
                c.skipSpace();
                char n = c.next();
                if (n == ')') break;
                if (n != ',') throw c.error("expected ',' or ')' in @Revision");
            }
        }
        Object id = values.get("id");
        if (!(id instanceof String s) || s.isBlank()) throw new RetortException(where + ": @Revision has no id");
        List<String> parents = strings(values.get("parents"), where, "parents");
        String message = values.get("message") instanceof String m ? m : "";
        String created = values.get("created") instanceof String m ? m : "";
        boolean transactional = !(values.get("transactional") instanceof Boolean b) || b;
        for (String k : values.keySet()) {
            if (!List.of("id", "parents", "message", "created", "transactional", "branchLabels", "dependsOn").contains(k)) {
                throw new RetortException(where + ": @Revision has an unknown element '" + k + "'");
            }
        }
        Matcher cm = CLASS.matcher(text);
        if (!cm.find()) throw new RetortException(where + ": no class declaration");
        Matcher pm = PACKAGE.matcher(text);
        String className = (pm.find() ? pm.group(1) + "." : "") + cm.group(1);
        return revision(s, parents, message, created, transactional, file, className, text, where)
                .with(strings(values.get("branchLabels"), where, "branchLabels"), strings(values.get("dependsOn"), where, "dependsOn"));
    }

    /** Words a target may be ("upgrade head", "downgrade base"): an id spelled so would be taken for the word. */
    public static final java.util.Set<String> RESERVED = java.util.Set.of("head", "heads", "base", "current");

    /** The refusal of an id that is a target word. */
    public static String reserved(String id) {
        return "revision id '" + id + "' is a word targets use (head, heads, base, current): choose another";
    }

    /** A revision read from a header, Java or SQL: its id and parents checked, its text checksummed. */
    static RevisionInfo revision(String id, List<String> parents, String message, String created, boolean transactional, Path file,
                                 String className, String text, String where) {
        if (!ID.matcher(id).matches()) throw new RetortException(where + ": revision id '" + id + "' may hold only letters, digits and '_'");
        if (RESERVED.contains(id.toLowerCase(java.util.Locale.ROOT))) throw new RetortException(where + ": " + reserved(id));
        for (String p : parents) {
            if (p.equals(id)) throw new RetortException(where + ": revision " + id + " names itself as its parent");
            if (!ID.matcher(p).matches()) throw new RetortException(where + ": parent '" + p + "' is not a revision id (letters, digits and '_')");
        }
        return new RevisionInfo(id, parents, message, created, transactional, file, className, checksum(text));
    }

    private static final Pattern LINT = Pattern.compile("@(?:dev\\.retort\\.api\\.)?Lint\\s*\\(");
    private static final Pattern SQL_LINT = Pattern.compile("(?m)^\\s*--\\s*@lint\\s+ignore\\s*=\\s*(\\S+)");

    /**
     * The lint rules a revision's source suppresses: {@code @Lint(ignore = ...)} on a Java revision, a line
     * {@code -- @lint ignore=rule,rule} in an SQL one.
     */
    public static java.util.Set<String> lintIgnores(String text, Path file) {
        String where = file == null ? "revision source" : file.toString();
        java.util.Set<String> out = new java.util.TreeSet<>();
        if (file != null && file.getFileName().toString().endsWith(".sql")) {
            Matcher m = SQL_LINT.matcher(text);
            while (m.find()) for (String r : m.group(1).split(",")) if (!r.isBlank()) out.add(r.strip());
            return out;
        }
        Matcher m = LINT.matcher(text);
        if (!m.find()) return out;
        Cursor c = new Cursor(text, m.end(), where);
        c.skipSpace();
        String key = c.identifier();
        if (!key.equals("ignore")) throw c.error("@Lint has no element '" + key + "' (it has: ignore)");
        c.skipSpace();
        c.expect('=');
        c.skipSpace();
        out.addAll(strings(c.value(), where, "ignore"));
        return out;
    }

    /** SHA-256 of the source with line endings normalised, so a checkout on Windows keeps the same checksum. */
    public static String checksum(String text) {
        return Sha256.hex(Sha256.of(text.replace("\r\n", "\n")));
    }

    private static List<String> strings(Object v, String where, String key) {
        if (v == null) return List.of();
        if (v instanceof String s) return List.of(s);
        if (v instanceof List<?> l) {
            List<String> out = new ArrayList<>();
            for (Object o : l) out.add((String) o);
            return out;
        }
        throw new RetortException(where + ": @Revision " + key + " must be a string or an array of strings");
    }

    static final class Cursor {
        final String s;
        final String where;
        int i;

        Cursor(String s, int i, String where) { this.s = s; this.i = i; this.where = where; }

        RetortException error(String msg) { return errorAt(i, msg); }

        RetortException errorAt(int pos, String msg) {
            int line = 1;
            for (int k = 0; k < Math.min(pos, s.length()); k++) if (s.charAt(k) == '\n') line++;
            return new RetortException(where + ":" + line + ": " + msg);
        }

        char peek() {
            if (i >= s.length()) throw error("@Revision is not closed");
            return s.charAt(i);
        }

        char next() { char c = peek(); i++; return c; }

        void expect(char c) { if (next() != c) throw error("expected '" + c + "' in @Revision"); }

        void skipSpace() {
            while (i < s.length()) {
                if (Character.isWhitespace(s.charAt(i))) i++;
                else if (s.startsWith("//", i)) { int e = s.indexOf('\n', i); i = e < 0 ? s.length() : e; }
                else if (s.startsWith("/*", i)) { int e = s.indexOf("*/", i + 2); i = e < 0 ? s.length() : e + 2; }
                else break;
            }
        }

        String identifier() {
            int start = i;
            while (i < s.length() && Character.isJavaIdentifierPart(s.charAt(i))) i++;
            if (start == i) throw error("expected an element name in @Revision");
            return s.substring(start, i);
        }

        Object value() {
            char c = peek();
            if (c == '"') return string();
            if (c == '{') {
                i++;
                List<String> out = new ArrayList<>();
                skipSpace();
                if (peek() == '}') { i++; return out; }
                while (true) {
                    skipSpace();
                    if (peek() != '"') throw error("array elements in @Revision must be string literals");
                    out.add(string());
                    skipSpace();
                    char n = next();
                    if (n == '}') return out;
                    if (n != ',') throw error("expected ',' or '}' in @Revision array");
                }
            }
            if (s.startsWith("true", i)) { i += 4; return Boolean.TRUE; }
            if (s.startsWith("false", i)) { i += 5; return Boolean.FALSE; }
            throw error("@Revision values must be string literals, arrays of them, or true/false");
        }

        /** The character a one-letter escape stands for (\\n, \\t, \\r, \\b, \\f, \\s, \\", \\', \\\\), or -1. */
        static int escaped(char e) {
            return switch (e) {
                case 'n' -> '\n';
                case 't' -> '\t';
                case 'r' -> '\r';
                case 'b' -> '\b';
                case 'f' -> '\f';
                case 's' -> ' ';
                case '"', '\'', '\\' -> e;
                default -> -1;
            };
        }

        String string() {
            int start = i;
            expect('"');
            StringBuilder b = new StringBuilder();
            while (true) {
                char c = next();
                if (c == '"') break;
                if (c == '\n') throw errorAt(start, "unterminated string in @Revision");
                if (c == '\\') {
                    char e = next();
                    int simple = escaped(e);
                    switch (simple >= 0 ? 'x' : e) {
                        case 'x' -> b.append((char) simple);
                        case '0' -> b.append('\0');
                        case 'u' -> {
                            while (peek() == 'u') i++;
                            if (i + 4 > s.length()) throw error("bad \\u escape in @Revision");
                            try {
                                b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            } catch (NumberFormatException x) {
                                throw error("bad \\u escape in @Revision");
                            }
                            i += 4;
                        }
                        default -> throw error("bad escape \\" + e + " in @Revision");
                    }
                } else {
                    b.append(c);
                }
            }
            return b.toString();
        }
    }
}
