package dev.retort.script;

import dev.retort.api.Migration;
import dev.retort.api.Operations;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;

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
            return Optional.of(new RevisionParser(new JavaTokens.Lexer(JavaTokens.unicodeEscapes(source)).tokens()).file());
        } catch (Unsupported e) {
            return Optional.empty();
        }
    }

    /** Why {@link #read} leaves a source to the compiler; null when it reads it. For tests and {@code -v}. */
    static String whyNot(String source) {
        try {
            new RevisionParser(new JavaTokens.Lexer(JavaTokens.unicodeEscapes(source)).tokens()).file();
            return null;
        } catch (Unsupported e) {
            return e.getMessage();
        }
    }

    // ---- what the parser reads and the linker links ----

    /** A literal argument as written: its kind decides which parameter types can take it. */
    record Literal(JavaTokens.Kind kind, Object value) {}

    record Lambda(String param, List<Chain> body) {}

    record Call(String name, List<Object> args) {}

    /** {@code root.call(...).call(...)}: root is a parameter in scope. */
    record Chain(String root, List<Call> calls) {}

    /** A call resolved to its method, with its arguments ready (lambdas become proxies when it runs). */
    record Linked(Method method, List<Object> args, int fixed, Class<?> varargType) {}

}
