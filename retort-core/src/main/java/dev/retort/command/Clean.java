package dev.retort.command;

import dev.retort.api.RetortException;
import dev.retort.config.DatabaseUrl;
import dev.retort.dialect.VersionTable;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code clean}: drops every object in the managed schemas, and Retort's version tables, for a development or test
 * database to start again from base. Guarded three ways: {@code clean_enabled = true} in retort.toml, the managed
 * schemas listed there (never "every schema"), and a database on this machine unless {@code force}.
 */
public final class Clean {
    private final Project project;

    public Clean(Project project) { this.project = project; }

    /** Returns the statements it ran. */
    public List<String> run(boolean force) {
        if (!project.config().cleanEnabled()) {
            throw new RetortException("clean is off: it drops every object in the managed schemas; set clean_enabled = true in retort.toml"
                    + " of a project whose database may lose everything (development, tests)");
        }
        List<String> schemas = project.config().schemas();
        if (schemas.isEmpty()) throw new RetortException("clean drops every object in the managed schemas: list them as schemas = [...] in retort.toml");
        DatabaseUrl url = project.url();
        if (!force && !local(url)) {
            throw new RetortException("clean refuses " + url + ": it is not on this machine (localhost or an embedded database); pass --force to clean it anyway");
        }
        return project.withLock((c, d) -> {
            VersionTable vt = project.versionTable(d);
            Set<String> keep = new LinkedHashSet<>();
            for (String t : d.lockTables(vt.table())) keep.add(vt.schema() + "." + t);
            List<String> statements = new ArrayList<>();
            for (String schema : schemas) statements.addAll(d.cleanStatements(c, schema, keep));
            if (!schemas.contains(vt.schema()) && vt.exists(c)) statements.addAll(vt.drop());
            try (Statement s = c.createStatement()) {
                for (String sql : statements) {
                    try {
                        s.execute(sql);
                    } catch (SQLException e) {
                        throw new RetortException("clean failed at [" + sql + "]: " + e.getMessage() + "; what it dropped before stays dropped", e, 1);
                    }
                }
            }
            return statements;
        });
    }

    /** A database on this machine: an embedded one, or a server on localhost or a loopback address. */
    static boolean local(DatabaseUrl url) {
        if (url.dialect().equals("sqlite")) return true;
        String jdbc = url.jdbcUrl();
        if (url.dialect().equals("h2")) return !jdbc.matches("(?i)^jdbc:h2:(tcp|ssl):.*") || jdbc.matches("(?i)^jdbc:h2:(tcp|ssl)://(localhost|127\\.0\\.0\\.1)[:/].*");
        String host = url.server().replaceAll(":[0-9]+$", "").replace("[", "").replace("]", "");
        return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("::1") || host.startsWith("127.");
    }
}
