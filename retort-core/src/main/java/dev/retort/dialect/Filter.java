package dev.retort.dialect;

import java.util.HashSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which schemas and tables Retort manages, applied before anything is read: schemas by name (empty means every
 * user schema), tables by include and exclude glob patterns ("*" and "?"), plus tables always left alone
 * (the version tables).
 */
public record Filter(List<String> schemas, List<String> excludeSchemas, List<String> includeTables,
                     List<String> excludeTables, Set<String> ignoredQualified, boolean grants) {

    public Filter(List<String> schemas, List<String> excludeSchemas, List<String> includeTables, List<String> excludeTables, Set<String> ignoredQualified) {
        this(schemas, excludeSchemas, includeTables, excludeTables, ignoredQualified, false);
    }

    public static Filter schemas(Collection<String> schemas) {
        return new Filter(List.copyOf(schemas), List.of(), List.of(), List.of(), Set.of());
    }

    public Filter ignoring(Collection<String> qualifiedNames) {
        Set<String> all = new HashSet<>(ignoredQualified);
        all.addAll(qualifiedNames);
        return new Filter(schemas, excludeSchemas, includeTables, excludeTables, Set.copyOf(all), grants);
    }

    public Filter withSchemas(List<String> s) {
        return new Filter(List.copyOf(s), excludeSchemas, includeTables, excludeTables, ignoredQualified, grants);
    }

    /** Whether grants are read (manage_grants): off, what the database grants is neither read nor compared. */
    public Filter withGrants(boolean g) { return new Filter(schemas, excludeSchemas, includeTables, excludeTables, ignoredQualified, g); }

    public boolean includesSchema(String schema) {
        if (!schemas.isEmpty() && schemas.stream().noneMatch(p -> globMatch(p, schema))) return false;
        return excludeSchemas.stream().noneMatch(p -> globMatch(p, schema));
    }

    public boolean includesTable(String schema, String table) {
        if (ignoredQualified.contains(schema + "." + table)) return false;
        if (!includeTables.isEmpty() && includeTables.stream().noneMatch(p -> globMatch(p, table) || globMatch(p, schema + "." + table))) {
            return false;
        }
        return excludeTables.stream().noneMatch(p -> globMatch(p, table) || globMatch(p, schema + "." + table));
    }

    static boolean globMatch(String glob, String name) {
        return toRegex(glob).matcher(name).matches();
    }

    /** A glob as an anchored regular expression (Java and PostgreSQL agree on this subset). */
    public static Pattern toRegex(String glob) {
        return Pattern.compile(toRegexText(glob));
    }

    public static String toRegexText(String glob) {
        StringBuilder b = new StringBuilder("^");
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> b.append(".*");
                case '?' -> b.append('.');
                default -> {
                    if ("\\.[]{}()+-^$|".indexOf(c) >= 0) b.append('\\');
                    b.append(c);
                }
            }
        }
        return b.append('$').toString();
    }

    public static List<String> regexes(List<String> globs) {
        List<String> out = new ArrayList<>();
        globs.forEach(g -> out.add(toRegexText(g)));
        return out;
    }
}
