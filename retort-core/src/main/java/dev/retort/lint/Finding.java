package dev.retort.lint;

/**
 * One thing lint found: the rule, how serious it is, the revision and the operation (its place in the upgrade,
 * from 1, and what it does), and why it matters.
 */
public record Finding(String rule, Severity severity, String revision, String file, int operation, String what, String why) {
    public enum Severity {
        INFO, WARNING, ERROR;

        public String word() { return name().toLowerCase(java.util.Locale.ROOT); }
    }

    /** "error drop-column in a1b2 (file) operation 3, drop column public.account.email: drops the column and its values" */
    @Override
    public String toString() {
        return severity.word() + " " + rule + " in " + revision + (file == null ? "" : " (" + file + ")") + " operation " + operation + ", " + what + ": " + why;
    }
}
