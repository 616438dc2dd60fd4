package dev.retort.script;

import dev.retort.api.Migration;
import dev.retort.api.Operations;
import dev.retort.api.Revision;

import java.lang.reflect.Array;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs a revision without compiling it, when its source is plain enough to be certain what the compiler would make of
 * it: the {@code upgrade} and {@code downgrade} methods hold only chains of calls on their {@code Operations}
 * parameter (or on a lambda's parameter), with literal arguments and lambdas, which is what {@code revision
 * --autogenerate} writes. The calls are the same public API methods compiled code would call, chosen the way the
 * compiler chooses them: a call with any doubt about which method it means (overloads that could both apply, generic
 * parameters, a lambda that could return a value) makes the whole file go to the compiler instead, as does anything
 * else (variables, loops, helper methods, fields, string concatenation, imports that could hide the API's types).
 * First runs of 500 revisions then take no compiler run at all.
 */
public final class RevisionInterpreter {
    private RevisionInterpreter() {}

    /** Thrown inside the reader: the source is outside what it reads, and the compiler decides. */
    static final class Unsupported extends Exception {
        Unsupported(String why) { super(why, null, false, false); }
    }

    /** The revision's code, or empty when the compiler must decide (which includes every source it would reject). */
    public static Optional<Migration> read(String source) {
        try {
            return Optional.of(new Parser(new Lexer(unicodeEscapes(source)).tokens()).file());
        } catch (Unsupported e) {
            return Optional.empty();
        }
    }

    /** Why {@link #read} leaves a source to the compiler; null when it reads it. For tests and {@code -v}. */
    static String whyNot(String source) {
        try {
            new Parser(new Lexer(unicodeEscapes(source)).tokens()).file();
            return null;
        } catch (Unsupported e) {
            return e.getMessage();
        }
    }

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

        private Token string() throws Unsupported {
            if (s.startsWith("\"\"\"", i)) throw new Unsupported("text block");
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

    // ---- parsing and linking ----

    /** A literal argument as written: its kind decides which parameter types can take it. */
    record Literal(Kind kind, Object value) {}

    record Lambda(String param, List<Chain> body) {}

    record Call(String name, List<Object> args) {}

    /** {@code root.call(...).call(...)}: root is a parameter in scope. */
    record Chain(String root, List<Call> calls) {}

    /** A call resolved to its method, with its arguments ready (lambdas become proxies when it runs). */
    record Linked(Method method, List<Object> args, int fixed, Class<?> varargType) {}

    static final class Parser {
        private final List<Token> t;
        private int p;
        private final Map<String, String> singleImports = new HashMap<>();
        private final Set<String> onDemand = new HashSet<>();
        private String pkg = "";
        /** Static types of parameters in scope, while linking. */
        private final Map<String, Class<?>> scope = new HashMap<>();
        private final Map<Call, Linked> linked = new java.util.IdentityHashMap<>();
        private final Map<Lambda, Class<?>> lambdaTypes = new java.util.IdentityHashMap<>();
        private final Map<Lambda, Class<?>> lambdaParams = new java.util.IdentityHashMap<>();

        Parser(List<Token> tokens) { this.t = tokens; }

        private Token peek() { return t.get(p); }

        private Token next() { return t.get(p++); }

        private void expect(String sym) throws Unsupported {
            if (!next().is(sym)) throw new Unsupported("expected " + sym + " at token " + (p - 1));
        }

        private String identifier() throws Unsupported {
            Token k = next();
            if (k.kind != Kind.ID || KEYWORDS.contains(k.text)) throw new Unsupported("expected a name, got " + k.text);
            return k.text;
        }

        private String qualifiedName() throws Unsupported {
            StringBuilder b = new StringBuilder(identifier());
            while (peek().is(".") && t.get(p + 1).kind == Kind.ID && !t.get(p + 1).is("*")) {
                next();
                b.append('.').append(identifier());
            }
            return b.toString();
        }

        /** A single-type import the compiler will find: a public type of the API or of the JDK. */
        private static boolean importable(String name) {
            if (!name.startsWith(Migration.class.getPackageName() + ".") && !name.startsWith("java.")) return false;
            try {
                return Modifier.isPublic(Class.forName(name, false, RevisionInterpreter.class.getClassLoader()).getModifiers());
            } catch (ClassNotFoundException | LinkageError e) {
                return false;
            }
        }

        /** Whether a type name as written means {@code type}, under this file's package and imports. */
        private boolean means(String written, Class<?> type) {
            if (written.contains(".")) return written.equals(type.getName());
            String simple = type.getSimpleName();
            if (!written.equals(simple)) return false;
            String single = singleImports.get(simple);
            if (single != null) return single.equals(type.getName());
            if (type.getPackageName().equals("java.lang")) return true;
            return onDemand.contains(type.getPackageName()) || pkg.equals(type.getPackageName());
        }

        Migration file() throws Unsupported {
            if (peek().is("package")) {
                next();
                pkg = qualifiedName();
                expect(";");
            }
            while (peek().is("import")) {
                next();
                if (peek().is("static")) throw new Unsupported("static import");
                String name = qualifiedName();
                if (peek().is(".")) {
                    next();
                    expect("*");
                    // another package's types could clash with the API's, or the package could not exist
                    if (!name.equals(Migration.class.getPackageName())) throw new Unsupported("import " + name + ".*");
                    onDemand.add(name);
                } else {
                    if (!importable(name)) throw new Unsupported("import " + name);
                    String simple = name.substring(name.lastIndexOf('.') + 1);
                    String before = singleImports.put(simple, name);
                    if (before != null && !before.equals(name)) throw new Unsupported("two imports of " + simple);
                }
                expect(";");
            }
            while (peek().is(";")) next();
            boolean annotated = false;
            while (peek().is("@")) {
                next();
                if (!means(qualifiedName(), Revision.class) || annotated) throw new Unsupported("annotation on the class");
                annotated = true;
                revisionArguments();
            }
            if (peek().is("final")) next();
            expect("class");
            identifier();
            expect("implements");
            if (!means(qualifiedName(), Migration.class)) throw new Unsupported("implements something else");
            expect("{");
            Map<String, List<Chain>> methods = new HashMap<>();
            while (!peek().is("}")) {
                if (peek().is(";")) {
                    next();
                    continue;
                }
                if (peek().is("@")) {
                    next();
                    if (!means(qualifiedName(), Override.class)) throw new Unsupported("annotation on a method");
                }
                expect("public");
                expect("void");
                String name = identifier();
                if (!name.equals("upgrade") && !name.equals("downgrade") || methods.containsKey(name)) throw new Unsupported("method " + name);
                expect("(");
                if (peek().is("final")) next();
                if (!means(qualifiedName(), Operations.class)) throw new Unsupported("parameter type");
                String param = identifier();
                expect(")");
                List<Chain> body = block(Set.of(param));
                scope.clear();
                scope.put(param, Operations.class);
                for (Chain c : body) link(c);
                methods.put(name, body);
                methodParams.put(name, param);
            }
            expect("}");
            while (peek().is(";")) next();
            if (peek().kind != Kind.EOF) throw new Unsupported("more than one class");
            if (methods.size() != 2) throw new Unsupported("upgrade or downgrade is missing");
            List<Chain> up = methods.get("upgrade"), down = methods.get("downgrade");
            String upParam = methodParams.get("upgrade"), downParam = methodParams.get("downgrade");
            return new Migration() {
                @Override public void upgrade(Operations op) { run(up, Map.of(upParam, op)); }

                @Override public void downgrade(Operations op) { run(down, Map.of(downParam, op)); }
            };
        }

        private final Map<String, String> methodParams = new HashMap<>();

        /** {@code (name = value, ...)}: each a member of {@link Revision}, with a value of its type. */
        private void revisionArguments() throws Unsupported {
            if (!peek().is("(")) throw new Unsupported("@Revision without its id");
            next();
            Set<String> seen = new HashSet<>();
            while (true) {
                String name = identifier();
                Method member;
                try {
                    member = Revision.class.getMethod(name);
                } catch (NoSuchMethodException e) {
                    throw new Unsupported("@Revision member " + name);
                }
                if (!seen.add(name)) throw new Unsupported("@Revision member twice");
                expect("=");
                Class<?> type = member.getReturnType();
                if (type == String.class) {
                    if (next().kind != Kind.STR) throw new Unsupported("@Revision value");
                } else if (type == String[].class) {
                    if (peek().is("{")) {
                        next();
                        while (!peek().is("}")) {
                            if (next().kind != Kind.STR) throw new Unsupported("@Revision value");
                            if (peek().is(",")) next();
                            else if (!peek().is("}")) throw new Unsupported("@Revision value");
                        }
                        next();
                    } else if (next().kind != Kind.STR) {
                        throw new Unsupported("@Revision value");
                    }
                } else if (type == boolean.class) {
                    Token v = next();
                    if (!v.is("true") && !v.is("false")) throw new Unsupported("@Revision value");
                } else {
                    throw new Unsupported("@Revision member type");
                }
                if (peek().is(",")) {
                    next();
                    continue;
                }
                expect(")");
                break;
            }
            if (!seen.contains("id")) throw new Unsupported("@Revision without its id");
        }

        private List<Chain> block(Set<String> names) throws Unsupported {
            expect("{");
            List<Chain> out = new ArrayList<>();
            while (!peek().is("}")) {
                if (peek().is(";")) {
                    next();
                    continue;
                }
                out.add(chain(names));
                expect(";");
            }
            next();
            return out;
        }

        private Chain chain(Set<String> names) throws Unsupported {
            String root = identifier();
            if (!names.contains(root)) throw new Unsupported("name " + root);
            List<Call> calls = new ArrayList<>();
            while (peek().is(".")) {
                next();
                String method = identifier();
                expect("(");
                List<Object> args = new ArrayList<>();
                if (!peek().is(")")) {
                    while (true) {
                        args.add(argument(names));
                        if (peek().is(",")) {
                            next();
                            continue;
                        }
                        break;
                    }
                }
                expect(")");
                calls.add(new Call(method, args));
            }
            if (calls.isEmpty()) throw new Unsupported("a name that is not a call");
            return new Chain(root, calls);
        }

        private Object argument(Set<String> names) throws Unsupported {
            Token k = peek();
            if (k.kind == Kind.ID && t.get(p + 1).is("->") || k.is("(") && t.get(p + 2).is(")") && t.get(p + 3).is("->")) {
                boolean parens = k.is("(");
                if (parens) next();
                String param = identifier();
                if (parens) expect(")");
                expect("->");
                if (names.contains(param)) throw new Unsupported("lambda parameter " + param + " hides another");
                Set<String> inner = new HashSet<>(names);
                inner.add(param);
                return new Lambda(param, peek().is("{") ? block(inner) : List.of(chain(inner)));
            }
            next();
            boolean negative = false;
            if (k.is("-")) {
                negative = true;
                k = next();
                if (k.kind != Kind.INT && k.kind != Kind.LONG && k.kind != Kind.DOUBLE) throw new Unsupported("minus");
            }
            switch (k.kind) {
                case STR: return new Literal(Kind.STR, k.value);
                case INT: {
                    BigInteger v = new BigInteger(k.text);
                    if (negative) v = v.negate();
                    if (v.bitLength() > 31) throw new Unsupported("int out of range");
                    return new Literal(Kind.INT, v.intValue());
                }
                case LONG: {
                    BigInteger v = new BigInteger(k.text);
                    if (negative) v = v.negate();
                    if (v.bitLength() > 63) throw new Unsupported("long out of range");
                    return new Literal(Kind.LONG, v.longValue());
                }
                case DOUBLE: {
                    double d = Double.parseDouble(k.text);
                    if (Double.isInfinite(d) || d == 0 && k.text.matches(".*[1-9].*")) throw new Unsupported("double out of range");
                    return new Literal(Kind.DOUBLE, negative ? -d : d);
                }
                case ID:
                    if (negative) throw new Unsupported("minus");
                    if (k.is("true") || k.is("false")) return new Literal(Kind.ID, Boolean.valueOf(k.text));
                    if (k.is("null")) return new Literal(Kind.ID, null);
                    throw new Unsupported("argument " + k.text);
                default:
                    throw new Unsupported("argument " + k.text);
            }
        }

        // ---- linking: which method each call means, decided as the compiler would, or not at all ----

        private void link(Chain c) throws Unsupported {
            Class<?> type = scope.get(c.root());
            for (int i = 0; i < c.calls().size(); i++) {
                Call call = c.calls().get(i);
                if (type == void.class) throw new Unsupported("call on void");
                Linked l = resolve(type, call);
                linked.put(call, l);
                Type returned = l.method().getGenericReturnType();
                if (!(returned instanceof Class<?> r)) throw new Unsupported("generic return type of " + call.name());
                type = r;
            }
        }

        enum Fit { YES, NO, MAYBE }

        private Linked resolve(Class<?> type, Call call) throws Unsupported {
            if (!accessible(type)) throw new Unsupported("type " + type.getName());
            Method chosen = null;
            for (Method m : type.getMethods()) {
                if (!m.getName().equals(call.name()) || m.isBridge() || m.isSynthetic()) continue;
                Fit fit = fits(m, call.args());
                if (fit == Fit.NO) continue;
                if (fit == Fit.MAYBE || chosen != null) throw new Unsupported("more than one method could be " + call.name());
                chosen = m;
            }
            if (chosen == null) throw new Unsupported("no method " + call.name());
            if (chosen.getExceptionTypes().length > 0 || !accessible(chosen.getDeclaringClass())) throw new Unsupported("method " + call.name());
            int n = chosen.getParameterCount();
            boolean spread = chosen.isVarArgs(); // an array passed as the varargs array is never written here
            Class<?> component = spread ? chosen.getParameterTypes()[n - 1].getComponentType() : null;
            List<Object> args = new ArrayList<>();
            for (int i = 0; i < call.args().size(); i++) {
                Class<?> target = spread && i >= n - 1 ? component : chosen.getParameterTypes()[i];
                Object a = call.args().get(i);
                if (a instanceof Lambda lambda) {
                    Type generic = spread && i >= n - 1 ? null : chosen.getGenericParameterTypes()[i];
                    Class<?> param = lambdaParameter(target, generic);
                    lambdaTypes.put(lambda, target);
                    lambdaParams.put(lambda, param);
                    Map<String, Class<?>> saved = new HashMap<>(scope);
                    scope.put(lambda.param(), param);
                    for (Chain c : lambda.body()) link(c);
                    scope.clear();
                    scope.putAll(saved);
                    args.add(lambda);
                } else {
                    args.add(convert((Literal) a, target));
                }
            }
            return new Linked(chosen, args, spread ? n - 1 : n, component);
        }

        private static boolean accessible(Class<?> c) {
            for (Class<?> k = c; k != null; k = k.getEnclosingClass()) if (!Modifier.isPublic(k.getModifiers())) return false;
            return true;
        }

        private Fit fits(Method m, List<Object> args) {
            Class<?>[] params = m.getParameterTypes();
            Type[] generic = m.getGenericParameterTypes();
            int n = params.length;
            boolean varargs = m.isVarArgs();
            if (!varargs && args.size() != n || varargs && args.size() < n - 1) return Fit.NO;
            Fit all = Fit.YES;
            for (int i = 0; i < args.size(); i++) {
                boolean inVarargs = varargs && i >= n - 1;
                Class<?> target = inVarargs ? params[n - 1].getComponentType() : params[i];
                Type g = inVarargs ? null : generic[i];
                if (g instanceof TypeVariable<?>) return Fit.MAYBE;
                Fit f = fit(args.get(i), target);
                if (f == Fit.NO) return Fit.NO;
                if (f == Fit.MAYBE) all = Fit.MAYBE;
            }
            if (varargs && args.size() == n && args.get(n - 1) instanceof Literal l && l.value() == null) return Fit.MAYBE;
            return all;
        }

        /** Method invocation conversion of a literal or a lambda to a parameter type (JLS 5.3), as far as it is certain. */
        private static Fit fit(Object arg, Class<?> p) {
            if (arg instanceof Lambda lambda) {
                if (!p.isInterface()) return Fit.NO;
                Method f = functionalMethod(p);
                if (f == null) return Fit.NO;
                if (f.getParameterCount() != 1) return Fit.NO;
                return f.getReturnType() == void.class ? Fit.YES : Fit.MAYBE;
            }
            Literal l = (Literal) arg;
            Object v = l.value();
            return switch (l.kind()) {
                case STR -> p.isAssignableFrom(String.class) ? Fit.YES : Fit.NO;
                case INT -> p == int.class || p == long.class || p == float.class || p == double.class || p.isAssignableFrom(Integer.class) ? Fit.YES : Fit.NO;
                case LONG -> p == long.class || p == float.class || p == double.class || p.isAssignableFrom(Long.class) ? Fit.YES : Fit.NO;
                case DOUBLE -> p == double.class || p.isAssignableFrom(Double.class) ? Fit.YES : Fit.NO;
                default -> v == null ? (p.isPrimitive() ? Fit.NO : Fit.YES)
                        : p == boolean.class || p.isAssignableFrom(Boolean.class) ? Fit.YES : Fit.NO;
            };
        }

        /** The one abstract method of a functional interface, or null. */
        static Method functionalMethod(Class<?> p) {
            Method found = null;
            for (Method m : p.getMethods()) {
                if (!Modifier.isAbstract(m.getModifiers())) continue;
                if (isObjectMethod(m)) continue;
                if (found != null && !(found.getName().equals(m.getName()) && java.util.Arrays.equals(found.getParameterTypes(), m.getParameterTypes()))) return null;
                found = m;
            }
            return found;
        }

        private static boolean isObjectMethod(Method m) {
            try {
                Object.class.getMethod(m.getName(), m.getParameterTypes());
                return true;
            } catch (NoSuchMethodException e) {
                return false;
            }
        }

        /** The type of a lambda's parameter: the functional method's, with the interface's type argument filled in. */
        private static Class<?> lambdaParameter(Class<?> iface, Type generic) throws Unsupported {
            Method f = functionalMethod(iface);
            Type t = f.getGenericParameterTypes()[0];
            if (t instanceof Class<?> c) return c;
            if (t instanceof TypeVariable<?> v && f.getDeclaringClass() == iface && generic instanceof ParameterizedType pt) {
                TypeVariable<?>[] vars = iface.getTypeParameters();
                for (int i = 0; i < vars.length; i++) {
                    if (vars[i].getName().equals(v.getName()) && pt.getActualTypeArguments()[i] instanceof Class<?> c) return c;
                }
            }
            throw new Unsupported("lambda parameter type");
        }

        private static Object convert(Literal l, Class<?> p) {
            Object v = l.value();
            if (v == null) return null;
            if (l.kind() == Kind.INT) {
                int i = (Integer) v;
                if (p == long.class) return (long) i;
                if (p == float.class) return (float) i;
                if (p == double.class) return (double) i;
                return i;
            }
            if (l.kind() == Kind.LONG) {
                long x = (Long) v;
                if (p == float.class) return (float) x;
                if (p == double.class) return (double) x;
                return x;
            }
            return v;
        }

        // ---- running ----

        private void run(List<Chain> body, Map<String, Object> values) {
            for (Chain c : body) evaluate(c, values);
        }

        private Object evaluate(Chain c, Map<String, Object> values) {
            Object target = values.get(c.root());
            for (Call call : c.calls()) {
                Linked l = linked.get(call);
                Object[] args = new Object[l.method().getParameterCount()];
                int given = call.args().size();
                for (int i = 0; i < Math.min(given, l.fixed()); i++) args[i] = value(l.args().get(i), values);
                if (l.varargType() != null) {
                    Object array = Array.newInstance(l.varargType(), given - l.fixed());
                    for (int i = l.fixed(); i < given; i++) Array.set(array, i - l.fixed(), value(l.args().get(i), values));
                    args[l.fixed()] = array;
                }
                try {
                    target = l.method().invoke(target, args);
                } catch (InvocationTargetException e) {
                    if (e.getCause() instanceof RuntimeException re) throw re;
                    if (e.getCause() instanceof Error err) throw err;
                    throw new IllegalStateException(e.getCause());
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
            return target;
        }

        private Object value(Object arg, Map<String, Object> values) {
            if (!(arg instanceof Lambda lambda)) return arg;
            Class<?> iface = lambdaTypes.get(lambda);
            Method functional = functionalMethod(iface);
            InvocationHandler h = (proxy, method, a) -> {
                if (method.getName().equals(functional.getName()) && java.util.Arrays.equals(method.getParameterTypes(), functional.getParameterTypes())) {
                    Map<String, Object> inner = new HashMap<>(values);
                    inner.put(lambda.param(), a[0]);
                    run(lambda.body(), inner);
                    return null;
                }
                if (method.isDefault()) return InvocationHandler.invokeDefault(proxy, method, a);
                return switch (method.getName()) {
                    case "equals" -> proxy == a[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "toString" -> "lambda " + lambda.param() + " -> ...";
                    default -> throw new UnsupportedOperationException(method.getName());
                };
            };
            return Proxy.newProxyInstance(iface.getClassLoader(), new Class<?>[] {iface}, h);
        }
    }
}
