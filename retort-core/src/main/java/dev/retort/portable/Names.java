package dev.retort.portable;


import dev.retort.ops.ExpressionColumns;
import java.util.Set;
import java.util.regex.Pattern;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Default constraint and index names, as PostgreSQL itself chooses them (so models and databases agree). */
public final class Names {
    private static final int MAX = 63;

    private Names() {}

    public static String primaryKey(String table) { return make(table, null, "pkey"); }
    public static String unique(String table, List<String> cols) { return make(table, String.join("_", cols), "key"); }
    public static String foreignKey(String table, List<String> cols) { return make(table, String.join("_", cols), "fkey"); }
    public static String check(String table, String column) { return make(table, column, "check"); }

    /**
     * The name PostgreSQL gives an unnamed check: {@code <table>_<column>_check} when its expression reads exactly one
     * of the table's columns, else {@code <table>_check}; then {@code ..._check1}, {@code ..._check2} past the names
     * already {@code taken}, which this adds it to.
     */
    public static String check(String table, String expression, List<String> columns, Set<String> taken) {
        List<String> read = columns.stream().filter(c -> ExpressionColumns.mentions(expression, c)).distinct().toList();
        String column = read.size() == 1 ? read.get(0) : null;
        String name = make(table, column, "check");
        for (int pass = 1; taken.contains(name); pass++) name = make(table, column, "check" + pass);
        taken.add(name);
        return name;
    }
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");

    public static String index(String table, List<String> keys) {
        boolean plain = keys.stream().allMatch(k -> PLAIN.matcher(k).matches());
        return make(table, plain ? String.join("_", keys) : "expr", "idx");
    }

    /** PostgreSQL's makeObjectName: truncate the longer of the two names until "name1_name2_label" fits. */
    static String make(String name1, String name2, String label) {
        String n1 = name1;
        String n2 = name2;
        int overhead = label.length() + 1 + (n2 == null ? 0 : 1);
        while (bytes(n1) + (n2 == null ? 0 : bytes(n2)) + overhead > MAX) {
            if (n2 != null && bytes(n2) > bytes(n1)) n2 = n2.substring(0, n2.length() - 1);
            else n1 = n1.substring(0, n1.length() - 1);
        }
        return n2 == null ? n1 + "_" + label : n1 + "_" + n2 + "_" + label;
    }

    private static int bytes(String s) { return s.getBytes(StandardCharsets.UTF_8).length; }
}
