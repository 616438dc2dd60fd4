package dev.retort.cli;

import java.io.PrintStream;
import java.util.Map;

/**
 * Colour on a terminal: errors red, warnings yellow, a clean result green. Off when the output is not a terminal
 * (piped, redirected, in-process), when NO_COLOR is set to anything (no-color.org), or when TERM is dumb;
 * RETORT_COLOR=always or never overrides the terminal check.
 */
final class Colour {
    static final Colour OFF = new Colour(false);

    private final boolean on;

    private Colour(boolean on) { this.on = on; }

    static Colour detect(PrintStream stream, Map<String, String> env) {
        boolean terminal = (stream == System.out || stream == System.err) && System.console() != null;
        return decide(env, terminal) ? new Colour(true) : OFF;
    }

    static boolean decide(Map<String, String> env, boolean terminal) {
        String noColor = env.get("NO_COLOR");
        if (noColor != null && !noColor.isEmpty()) return false;
        String forced = env.get("RETORT_COLOR");
        if ("always".equals(forced)) return true;
        if ("never".equals(forced)) return false;
        return terminal && !"dumb".equals(env.get("TERM"));
    }

    boolean on() { return on; }

    String red(String s) { return paint("31", s); }

    String yellow(String s) { return paint("33", s); }

    String green(String s) { return paint("32", s); }

    String dim(String s) { return paint("2", s); }

    private String paint(String code, String s) { return on ? "\u001b[" + code + "m" + s + "\u001b[0m" : s; }
}
