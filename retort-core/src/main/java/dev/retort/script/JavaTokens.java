package dev.retort.script;

import dev.retort.script.RevisionInterpreter.Unsupported;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Java source as tokens, after Java's first translation step (unicode escapes): what the revision interpreter reads. */
final class JavaTokens {
    private JavaTokens() {}

    // ---- lexing ----

    /** Java's first translation step: a backslash preceded by an even number of backslashes, then u+ and 4 hex digits. */
    static String unicodeEscapes(String s) throws Unsupported {
        if (!s.contains("\\u")) return s;
        StringBuilder b = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != '\\') {
                b.append(c);
                i++;
                continue;
            }
            int run = 0;
            while (i + run < s.length() && s.charAt(i + run) == '\\') run++;
            // all but possibly the last of a run of backslashes are escaped pairs
            b.append("\\".repeat(run - 1));
            i += run - 1;
            if ((run - 1) % 2 == 0 && i + 1 < s.length() && s.charAt(i + 1) == 'u') {
                int j = i + 1;
                while (j < s.length() && s.charAt(j) == 'u') j++;
                if (j + 4 > s.length()) throw new Unsupported("malformed unicode escape");
                try {
                    b.append((char) Integer.parseInt(s.substring(j, j + 4), 16));
                } catch (NumberFormatException e) {
                    throw new Unsupported("malformed unicode escape");
                }
                i = j + 4;
            } else {
                b.append('\\');
                i++;
            }
        }
        return b.toString();
    }

    enum Kind { ID, STR, INT, LONG, DOUBLE, SYM, EOF }

    record Token(Kind kind, String text, Object value) {
        boolean is(String sym) { return (kind == Kind.SYM || kind == Kind.ID) && text.equals(sym); }
    }

    static final Set<String> KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case", "catch", "char",
            "class", "const", "continue", "default", "do", "double", "else", "enum", "extends", "final", "finally", "float",
            "for", "goto", "if", "implements", "import", "instanceof", "int", "interface", "long", "native", "new", "package",
            "private", "protected", "public", "return", "short", "static", "strictfp", "super", "switch", "synchronized",
            "this", "throw", "throws", "transient", "try", "void", "volatile", "while", "true", "false", "null", "_",
            "var", "yield", "record", "sealed", "permits", "non-sealed");

    static final class Lexer {
        private final String s;
        private int i;

        Lexer(String s) { this.s = s; }

        List<Token> tokens() throws Unsupported {
            List<Token> out = new ArrayList<>();
            while (true) {
                skipSpaceAndComments();
                if (i >= s.length()) {
                    out.add(new Token(Kind.EOF, "", null));
                    return out;
                }
                char c = s.charAt(i);
                if (Character.isJavaIdentifierStart(c)) {
                    int start = i;
                    while (i < s.length() && Character.isJavaIdentifierPart(s.charAt(i))) i++;
                    out.add(new Token(Kind.ID, s.substring(start, i), null));
                } else if (c >= '0' && c <= '9') {
                    out.add(number());
                } else if (c == '"') {
                    out.add(string());
                } else if (c == '-' && i + 1 < s.length() && s.charAt(i + 1) == '>') {
                    out.add(new Token(Kind.SYM, "->", null));
                    i += 2;
                } else if (".,(){};@=-*".indexOf(c) >= 0) {
                    out.add(new Token(Kind.SYM, String.valueOf(c), null));
                    i++;
                } else {
                    throw new Unsupported("character '" + c + "'");
                }
            }
        }

        private void skipSpaceAndComments() throws Unsupported {
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
                    i++;
                } else if (s.startsWith("//", i)) {
                    while (i < s.length() && s.charAt(i) != '\n' && s.charAt(i) != '\r') i++;
                } else if (s.startsWith("/*", i)) {
                    int end = s.indexOf("*/", i + 2);
                    if (end < 0) throw new Unsupported("unterminated comment");
                    i = end + 2;
                } else {
                    return;
                }
            }
        }

        /** Decimal literals only: 12, 12L, 1.5, 1e3, 1.5d. Hex, octal, binary, underscores and floats go to the compiler. */
        private Token number() throws Unsupported {
            int start = i;
            while (i < s.length() && Character.isDigit(s.charAt(i))) i++;
            boolean decimal = false;
            if (i < s.length() && s.charAt(i) == '.' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1))) {
                decimal = true;
                i++;
                while (i < s.length() && Character.isDigit(s.charAt(i))) i++;
            }
            if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
                decimal = true;
                i++;
                if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
                int digits = i;
                while (i < s.length() && Character.isDigit(s.charAt(i))) i++;
                if (digits == i) throw new Unsupported("malformed number");
            }
            String text = s.substring(start, i);
            Kind kind = decimal ? Kind.DOUBLE : Kind.INT;
            if (i < s.length() && (s.charAt(i) == 'L' || s.charAt(i) == 'l') && !decimal) {
                kind = Kind.LONG;
                i++;
            } else if (i < s.length() && (s.charAt(i) == 'd' || s.charAt(i) == 'D')) {
                kind = Kind.DOUBLE;
                i++;
            }
            if (i < s.length() && (Character.isJavaIdentifierPart(s.charAt(i)) || s.charAt(i) == '.')) throw new Unsupported("number form");
            if (kind != Kind.DOUBLE && text.length() > 1 && text.charAt(0) == '0') throw new Unsupported("octal number");
            return new Token(kind, text, null);
        }

        /** A text block: its lines as the compiler takes them (indentation stripped, then escapes translated). */
        private Token textBlock() throws Unsupported {
            i += 3;
            while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t' || s.charAt(i) == '\f')) i++;
            if (i >= s.length() || s.charAt(i) != '\n' && s.charAt(i) != '\r') throw new Unsupported("text block without a line break after its opening");
            if (s.charAt(i) == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') i++;
            i++;
            int start = i;
            while (true) {
                if (i >= s.length()) throw new Unsupported("unterminated text block");
                char c = s.charAt(i);
                if (c == '\\') { i += 2; continue; }
                if (s.startsWith("\"\"\"", i)) break;
                i++;
            }
            String raw = s.substring(start, i).replace("\r\n", "\n").replace('\r', '\n');
            i += 3;
            if (raw.contains("\\u")) throw new Unsupported("unicode escape in a text block");
            try {
                return new Token(Kind.STR, "\"", raw.stripIndent().translateEscapes());
            } catch (IllegalArgumentException e) {
                throw new Unsupported("escape in a text block");
            }
        }

        private Token string() throws Unsupported {
            if (s.startsWith("\"\"\"", i)) return textBlock();
            StringBuilder b = new StringBuilder();
            i++;
            while (true) {
                if (i >= s.length()) throw new Unsupported("unterminated string");
                char c = s.charAt(i++);
                if (c == '"') return new Token(Kind.STR, "\"", b.toString());
                if (c == '\n' || c == '\r') throw new Unsupported("line break in a string");
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                if (i >= s.length()) throw new Unsupported("unterminated string");
                char e = s.charAt(i++);
                int simple = HeaderReader.Cursor.escaped(e);
                if (simple < 0) throw new Unsupported("escape \\" + e);
                b.append((char) simple);
            }
        }
    }
}
