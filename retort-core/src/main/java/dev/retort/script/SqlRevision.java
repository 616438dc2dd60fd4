package dev.retort.script;

import dev.retort.api.Migration;
import dev.retort.api.Operations;
import dev.retort.api.RetortException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A revision written in SQL ({@code versions/*.sql}): its header in comments, its upgrade, and after a line
 * {@code -- @downgrade} its downgrade.
 *
 * <pre>
 * -- @revision id=3b1f9a2c4d5e parents=a04799bea6a3 message="index scenarios by name"
 * CREATE INDEX scenario_name ON stratsim.scenario (name);
 * -- @downgrade
 * DROP INDEX stratsim.scenario_name;
 * </pre>
 *
 * Statements end with {@code ;}. {@code ${name}} is replaced from [placeholders] in retort.toml and {@code -x name=value},
 * and {@code ${retort:revision}} and {@code ${retort:filename}} name the revision; an unknown placeholder fails.
 */
public final class SqlRevision implements Migration {
    static final String HEADER = "-- @revision";
    static final String DOWNGRADE = "-- @downgrade";

    private final RevisionInfo info;
    private final String upgrade, downgrade;

    private SqlRevision(RevisionInfo info, String upgrade, String downgrade) {
        this.info = info;
        this.upgrade = upgrade;
        this.downgrade = downgrade;
    }

    /** The revision's code from its text (read with {@link #header}). */
    static SqlRevision of(RevisionInfo info, String text) {
        String body = text.replace("\r\n", "\n");
        int cut = downgradeLine(body);
        return new SqlRevision(info, cut < 0 ? body : body.substring(0, cut), cut < 0 ? null : body.substring(body.indexOf('\n', cut) + 1));
    }

    @Override
    public void upgrade(Operations op) { run(op, upgrade, "upgrade"); }

    @Override
    public void downgrade(Operations op) {
        if (downgrade == null) {
            throw new RetortException("has no downgrade: add a line '" + DOWNGRADE + "' followed by the statements that undo the upgrade");
        }
        run(op, downgrade, "downgrade");
    }

    private void run(Operations op, String sql, String direction) {
        Map<String, String> values = new HashMap<>(op.args());
        values.put("retort:revision", info.id());
        values.put("retort:filename", info.path().getFileName().toString());
        values.put("retort:direction", direction);
        String where = info.path().toString();
        boolean mysql = "mysql".equals(op.dialect());
        for (String statement : SqlScript.split(SqlScript.substitute(sql, values, where), where, mysql)) op.execute(statement);
    }

    /** The line {@code -- @downgrade} starts at, or -1. */
    private static int downgradeLine(String text) {
        int at = 0;
        for (String line : text.split("\n", -1)) {
            if (line.strip().equalsIgnoreCase(DOWNGRADE)) return at;
            at += line.length() + 1;
        }
        return -1;
    }

    /** Reads the header comments: {@code key=value} pairs on lines starting {@code -- @revision}, values bare or "quoted". */
    static RevisionInfo header(String text, Path file) {
        String where = file == null ? "revision source" : file.toString();
        Map<String, String> values = new LinkedHashMap<>();
        String[] lines = text.split("\r?\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (!line.startsWith(HEADER)) continue;
            String rest = line.substring(HEADER.length());
            if (!rest.isEmpty() && !Character.isWhitespace(rest.charAt(0))) continue; // "-- @revisions ..." is a comment
            parsePairs(rest, values, where + ":" + (n + 1));
        }
        if (values.isEmpty()) {
            throw new RetortException(where + ": no '" + HEADER + " id=...' line: an SQL revision starts with one, e.g. "
                    + HEADER + " id=" + ScriptDirectory.newId() + " parents=PARENT message=\"what it does\"");
        }
        for (String k : values.keySet()) {
            if (!List.of("id", "parents", "message", "created", "transactional", "branch_labels", "depends_on").contains(k)) {
                throw new RetortException(where + ": " + HEADER + " has an unknown key '" + k
                        + "' (known: id, parents, message, created, transactional, branch_labels, depends_on)");
            }
        }
        String id = values.get("id");
        if (id == null || id.isBlank()) throw new RetortException(where + ": " + HEADER + " has no id");
        List<String> parents = list(values.get("parents"));
        String tx = values.getOrDefault("transactional", "true");
        if (!tx.equals("true") && !tx.equals("false")) throw new RetortException(where + ": " + HEADER + " transactional must be true or false, not '" + tx + "'");
        return HeaderReader.revision(id, parents, values.getOrDefault("message", ""), values.getOrDefault("created", ""), tx.equals("true"),
                file, null, text, where).with(list(values.get("branch_labels")), list(values.get("depends_on")));
    }

    private static List<String> list(String commaSeparated) {
        List<String> out = new ArrayList<>();
        if (commaSeparated != null) for (String part : commaSeparated.split(",")) if (!part.isBlank()) out.add(part.strip());
        return out;
    }

    private static void parsePairs(String s, Map<String, String> out, String where) {
        int i = 0;
        while (true) {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
            if (i >= s.length()) return;
            int eq = s.indexOf('=', i);
            if (eq < 0) throw new RetortException(where + ": expected key=value in '" + HEADER + "', found '" + s.substring(i).strip() + "'");
            String key = s.substring(i, eq).strip();
            if (!key.matches("[a-z_]+")) throw new RetortException(where + ": '" + key + "' is not a key in '" + HEADER + "'");
            i = eq + 1;
            StringBuilder v = new StringBuilder();
            if (i < s.length() && s.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= s.length()) throw new RetortException(where + ": the value of " + key + " has no closing '\"'");
                    char c = s.charAt(i++);
                    if (c == '"') break;
                    if (c == '\\' && i < s.length()) c = s.charAt(i++);
                    v.append(c);
                }
            } else {
                while (i < s.length() && !Character.isWhitespace(s.charAt(i))) v.append(s.charAt(i++));
            }
            if (out.put(key, v.toString()) != null) throw new RetortException(where + ": '" + key + "' is given twice in '" + HEADER + "'");
        }
    }
}
