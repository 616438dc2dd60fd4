package dev.retort.script;

import dev.retort.api.Migration;
import dev.retort.api.Operations;
import dev.retort.api.Lint;
import dev.retort.api.Revision;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.retort.script.JavaTokens.Kind;
import dev.retort.script.JavaTokens.Token;
import dev.retort.script.RevisionInterpreter.Call;
import dev.retort.script.RevisionInterpreter.Chain;
import dev.retort.script.RevisionInterpreter.Lambda;
import dev.retort.script.RevisionInterpreter.Literal;
import dev.retort.script.RevisionInterpreter.Unsupported;

/**
 * Reads a revision file's tokens into the chains of calls of its {@code upgrade} and {@code downgrade} methods, or
 * gives up ({@link Unsupported}) at anything else; each chain is linked as it is read ({@link CallLinker}).
 */
final class RevisionParser {
    private final List<Token> t;
    private int p;
    private final Map<String, String> singleImports = new HashMap<>();
    private final Set<String> onDemand = new HashSet<>();
    private String pkg = "";
    private final CallLinker linker = new CallLinker();

    RevisionParser(List<Token> tokens) { this.t = tokens; }

    private Token peek() { return t.get(p); }

    private Token next() { return t.get(p++); }

    private void expect(String sym) throws Unsupported {
        if (!next().is(sym)) throw new Unsupported("expected " + sym + " at token " + (p - 1));
    }

    private String identifier() throws Unsupported {
        Token k = next();
        if (k.kind() != Kind.ID || JavaTokens.KEYWORDS.contains(k.text())) throw new Unsupported("expected a name, got " + k.text());
        return k.text();
    }

    private String qualifiedName() throws Unsupported {
        StringBuilder b = new StringBuilder(identifier());
        while (peek().is(".") && t.get(p + 1).kind() == Kind.ID && !t.get(p + 1).is("*")) {
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
        Set<Class<?>> annotated = new HashSet<>();
        while (peek().is("@")) {
            next();
            String name = qualifiedName();
            Class<?> which = means(name, Revision.class) ? Revision.class : means(name, Lint.class) ? Lint.class : null;
            if (which == null || !annotated.add(which)) throw new Unsupported("annotation on the class");
            annotationArguments(which);
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
            linker.linkBody(param, body);
            methods.put(name, body);
            methodParams.put(name, param);
        }
        expect("}");
        while (peek().is(";")) next();
        if (peek().kind() != Kind.EOF) throw new Unsupported("more than one class");
        if (methods.size() != 2) throw new Unsupported("upgrade or downgrade is missing");
        List<Chain> up = methods.get("upgrade"), down = methods.get("downgrade");
        String upParam = methodParams.get("upgrade"), downParam = methodParams.get("downgrade");
        return new Migration() {
            @Override public void upgrade(Operations op) { linker.run(up, Map.of(upParam, op)); }

            @Override public void downgrade(Operations op) { linker.run(down, Map.of(downParam, op)); }
        };
    }

    private final Map<String, String> methodParams = new HashMap<>();

    /** {@code (name = value, ...)}: each a member of the annotation ({@link Revision}, {@link Lint}), with a value of its type. */
    private void annotationArguments(Class<?> annotation) throws Unsupported {
        if (!peek().is("(")) throw new Unsupported("@" + annotation.getSimpleName() + " without its values");
        next();
        Set<String> seen = new HashSet<>();
        while (true) {
            String name = identifier();
            Method member;
            try {
                member = annotation.getMethod(name);
            } catch (NoSuchMethodException e) {
                throw new Unsupported("@Revision member " + name);
            }
            if (!seen.add(name)) throw new Unsupported("@Revision member twice");
            expect("=");
            Class<?> type = member.getReturnType();
            if (type == String.class) {
                if (next().kind() != Kind.STR) throw new Unsupported("@Revision value");
            } else if (type == String[].class) {
                if (peek().is("{")) {
                    next();
                    while (!peek().is("}")) {
                        if (next().kind() != Kind.STR) throw new Unsupported("@Revision value");
                        if (peek().is(",")) next();
                        else if (!peek().is("}")) throw new Unsupported("@Revision value");
                    }
                    next();
                } else if (next().kind() != Kind.STR) {
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
        if (k.kind() == Kind.ID && t.get(p + 1).is("->") || k.is("(") && t.get(p + 2).is(")") && t.get(p + 3).is("->")) {
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
            if (k.kind() != Kind.INT && k.kind() != Kind.LONG && k.kind() != Kind.DOUBLE) throw new Unsupported("minus");
        }
        switch (k.kind()) {
            case STR: return new Literal(Kind.STR, k.value());
            case INT: {
                BigInteger v = new BigInteger(k.text());
                if (negative) v = v.negate();
                if (v.bitLength() > 31) throw new Unsupported("int out of range");
                return new Literal(Kind.INT, v.intValue());
            }
            case LONG: {
                BigInteger v = new BigInteger(k.text());
                if (negative) v = v.negate();
                if (v.bitLength() > 63) throw new Unsupported("long out of range");
                return new Literal(Kind.LONG, v.longValue());
            }
            case DOUBLE: {
                double d = Double.parseDouble(k.text());
                if (Double.isInfinite(d) || d == 0 && k.text().matches(".*[1-9].*")) throw new Unsupported("double out of range");
                return new Literal(Kind.DOUBLE, negative ? -d : d);
            }
            case ID:
                if (negative) throw new Unsupported("minus");
                if (k.is("true") || k.is("false")) return new Literal(Kind.ID, Boolean.valueOf(k.text()));
                if (k.is("null")) return new Literal(Kind.ID, null);
                throw new Unsupported("argument " + k.text());
            default:
                throw new Unsupported("argument " + k.text());
        }
    }

}
