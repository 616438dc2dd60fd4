package dev.retort.jpa;

import dev.retort.schema.EnumType;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hibernate.boot.model.relational.ColumnOrderingStrategy;
import org.hibernate.boot.model.relational.internal.SqlStringGenerationContextImpl;
import org.hibernate.dialect.MySQLDialect;
import org.hibernate.mapping.Constraint;
import org.hibernate.mapping.UniqueKey;
import dev.retort.portable.Names;
import dev.retort.schema.Catalog;
import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Column;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.Index;
import dev.retort.schema.PrimaryKey;
import dev.retort.schema.Schema;
import dev.retort.schema.Sequence;
import dev.retort.schema.Table;
import dev.retort.schema.UniqueConstraint;
import org.hibernate.annotations.OnDeleteAction;
import org.hibernate.boot.model.naming.Identifier;
import org.hibernate.boot.model.relational.Namespace;
import org.hibernate.boot.spi.MetadataImplementor;
import org.hibernate.mapping.Selectable;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The tables of Hibernate's mapping model as a Retort catalog. Unquoted names fold to lower case as PostgreSQL folds
 * them; constraints Hibernate leaves unnamed get the names PostgreSQL gives them.
 */
final class HibernateCatalog {
    private static final String DEFAULT_SCHEMA = "public";
    private final MetadataImplementor metadata;

    /** Whether Hibernate writes for MySQL or MariaDB, which keep names as written and name unnamed checks their own way. */
    private final boolean mysql;

    HibernateCatalog(MetadataImplementor metadata) {
        this.metadata = metadata;
        this.mysql = metadata.getDatabase().getDialect() instanceof MySQLDialect;
    }

    Catalog read() {
        Map<String, Map<String, Table>> tables = new HashMap<>();
        Map<String, Map<String, Sequence>> sequences = new HashMap<>();
        for (Namespace ns : metadata.getDatabase().getNamespaces()) {
            String schema = ns.getName().getSchema() == null ? DEFAULT_SCHEMA : name(ns.getName().getSchema());
            for (org.hibernate.mapping.Table t : ns.getTables()) {
                if (!t.isPhysicalTable() || t.isView() || t.isAbstractUnionTable()) continue;
                Table table = table(schema, t);
                tables.computeIfAbsent(schema, k -> new HashMap<>()).put(table.name(), table);
            }
            for (org.hibernate.boot.model.relational.Sequence s : ns.getSequences()) {
                String name = name(s.getName().getSequenceName());
                sequences.computeIfAbsent(schema, k -> new HashMap<>()).put(name,
                        new Sequence(schema, name, null, (long) s.getInitialValue(), (long) s.getIncrementSize(), null, null, null, false, null));
            }
        }
        Map<String, Map<String, EnumType>> enums = namedEnums();
        Map<String, Schema> out = new HashMap<>();
        Set<String> schemas = new TreeSet<>(union(tables.keySet(), sequences.keySet()));
        schemas.addAll(enums.keySet());
        for (String s : schemas) {
            out.put(s, new Schema(s, tables.getOrDefault(s, Map.of()), sequences.getOrDefault(s, Map.of()), enums.getOrDefault(s, Map.of()), Map.of()));
        }
        return new Catalog(out, false);
    }

    private static final Pattern CREATE_ENUM = Pattern.compile("(?is)\\s*create\\s+type\\s+(\\S+)\\s+as\\s+enum\\s*\\((.*)\\)\\s*");
    private static final Pattern LITERAL = Pattern.compile("'((?:[^']|'')*)'");

    /**
     * The enum types Hibernate creates for {@code @JdbcTypeCode(SqlTypes.NAMED_ENUM)} columns: it keeps them as
     * auxiliary objects ("create type Mood as enum (...)"), read here from the statements it would run.
     */
    private Map<String, Map<String, EnumType>> namedEnums() {
        Map<String, Map<String, EnumType>> out = new HashMap<>();
        var database = metadata.getDatabase();
        var context = SqlStringGenerationContextImpl.fromExplicit(database.getJdbcEnvironment(), database, null, null);
        for (var aux : database.getAuxiliaryDatabaseObjects()) {
            if (!aux.appliesToDialect(database.getDialect())) continue;
            for (String sql : aux.sqlCreateStrings(context)) {
                Matcher m = CREATE_ENUM.matcher(sql);
                if (!m.matches()) continue;
                String[] parts = m.group(1).split("\\.");
                String schema = parts.length > 1 ? name(parts[0]) : DEFAULT_SCHEMA, type = name(parts[parts.length - 1]);
                List<String> values = new ArrayList<>();
                Matcher v = LITERAL.matcher(m.group(2));
                while (v.find()) values.add(v.group(1).replace("''", "'"));
                out.computeIfAbsent(schema, k -> new HashMap<>()).put(type, new EnumType(schema, type, values));
            }
        }
        return out;
    }

    private static List<String> union(Set<String> a, Set<String> b) {
        TreeSet<String> all = new TreeSet<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    private Table table(String schema, org.hibernate.mapping.Table t) {
        String tableName = name(t.getNameIdentifier());
        List<Column> columns = new ArrayList<>();
        List<String> columnNames = exportedColumns(t).stream().map(this::name).toList();
        List<String[]> unnamedChecks = new ArrayList<>(); // in the order Hibernate's DDL writes them: PostgreSQL numbers them so
        List<CheckConstraint> checks = new ArrayList<>();
        List<String> definedUnique = new ArrayList<>();
        for (org.hibernate.mapping.Column c : exportedColumns(t)) {
            String col = name(c);
            Column.Identity identity = c.isIdentity() ? Column.Identity.byDefault() : null;
            Definition def = c.getSqlType() != null ? Definition.parse(c.getSqlType()) : new Definition(c.getSqlType(metadata), null, false, null, false, null);
            boolean nullable = c.isNullable() && !def.notNull() && !t.isPrimaryKey(c) && identity == null;
            String dflt = c.getDefaultValue() != null ? c.getDefaultValue() : def.defaultExpr();
            String collation = c.getCollation() != null ? c.getCollation() : def.collation();
            columns.add(new Column(col, def.type(), nullable, dflt, identity, c.getGeneratedAs(), collation, c.getComment()));
            if (def.check() != null) unnamedChecks.add(new String[] {def.check(), col});
            if (def.unique()) definedUnique.add(col);
            for (org.hibernate.mapping.CheckConstraint k : c.getCheckConstraints()) {
                if (k.isNamed()) checks.add(new CheckConstraint(name(k.getName()), k.getConstraint()));
                else unnamedChecks.add(new String[] {k.getConstraint(), col});
            }
        }
        for (org.hibernate.mapping.CheckConstraint k : t.getChecks()) {
            if (k.isNamed()) checks.add(new CheckConstraint(name(k.getName()), k.getConstraint()));
            else unnamedChecks.add(new String[] {k.getConstraint(), null});
        }
        Set<String> taken = new HashSet<>();
        checks.forEach(k -> taken.add(k.name()));
        int generated = 0;
        for (String[] k : unnamedChecks) {
            // MariaDB names a column's check after the column, a table's CONSTRAINT_1, _2...; PostgreSQL as Names.check says
            String n = !mysql ? Names.check(tableName, k[0], columnNames, taken) : k[1] != null ? k[1] : "CONSTRAINT_" + (++generated);
            checks.add(new CheckConstraint(n, k[0]));
        }
        PrimaryKey pk = null;
        if (t.getPrimaryKey() != null && !t.getPrimaryKey().getColumns().isEmpty()) {
            // Hibernate's exporter writes an unnamed "primary key (...)", so PostgreSQL names it
            pk = new PrimaryKey(Names.primaryKey(tableName), exportedKeyColumns(t.getPrimaryKey()));
        }
        List<UniqueConstraint> uniques = new ArrayList<>();
        for (UniqueKey u : t.getUniqueKeys().values()) {
            List<String> cols = columnNames(u.getColumns());
            // for PostgreSQL and H2 Hibernate leaves a name it made up (uk...) out of its DDL and the database names the
            // key; for MySQL and MariaDB its name is the key's
            boolean databaseNames = u.getName() == null || !u.isNameExplicit() && !mysql;
            uniques.add(new UniqueConstraint(databaseNames ? Names.unique(tableName, cols) : name(u.getName()), cols, false));
        }
        for (String col : definedUnique) {
            if (uniques.stream().noneMatch(u -> u.columns().equals(List.of(col)))) uniques.add(new UniqueConstraint(Names.unique(tableName, List.of(col)), List.of(col), false));
        }
        for (org.hibernate.mapping.Column c : t.getColumns()) {
            if (c.isUnique() && uniques.stream().noneMatch(u -> u.columns().equals(List.of(name(c))))) {
                // MySQL's DDL from Hibernate names the key as Hibernate does; PostgreSQL's leaves it to the database
                String n = mysql ? Constraint.generateName("UK", t, c) : Names.unique(tableName, List.of(name(c)));
                uniques.add(new UniqueConstraint(n, List.of(name(c)), false));
            }
        }
        List<ForeignKey> fks = new ArrayList<>();
        for (org.hibernate.mapping.ForeignKey f : t.getForeignKeys().values()) {
            if (!f.isCreationEnabled() || !f.isPhysicalConstraint() || f.getReferencedTable() == null) continue;
            org.hibernate.mapping.Table ref = f.getReferencedTable();
            List<org.hibernate.mapping.Column> refCols = f.isReferenceToPrimaryKey() ? ref.getPrimaryKey().getColumns() : f.getReferencedColumns();
            String refSchema = ref.getSchemaIdentifier() == null ? DEFAULT_SCHEMA : name(ref.getSchemaIdentifier());
            List<String> cols = columnNames(f.getColumns());
            fks.add(new ForeignKey(f.getName() == null ? Names.foreignKey(tableName, cols) : name(f.getName()), cols, refSchema,
                    name(ref.getNameIdentifier()), columnNames(refCols), action(f.getOnDeleteAction()), null, false, false));
        }
        List<Index> indexes = new ArrayList<>();
        for (org.hibernate.mapping.Index i : t.getIndexes().values()) {
            List<String> keys = new ArrayList<>();
            Map<Selectable, String> order = i.getSelectableOrderMap();
            for (Selectable s : i.getSelectables()) {
                String key = s instanceof org.hibernate.mapping.Column c ? name(c) : "(" + s.getText() + ")";
                String dir = order == null ? null : order.get(s);
                if (dir != null && dir.trim().equalsIgnoreCase("desc")) key += " DESC";
                keys.add(key);
            }
            indexes.add(new Index(name(i.getName()), keys, i.isUnique(), null, null, List.of()));
        }
        return new Table(schema, tableName, columns, pk, uniques, fks, checks, indexes, t.getComment());
    }

    /** The key's columns in the order Hibernate's schema export writes them: its column ordering strategy decides. */
    private List<String> exportedKeyColumns(org.hibernate.mapping.PrimaryKey pk) {
        List<org.hibernate.mapping.Column> ordered = ordering().orderConstraintColumns(pk, metadata);
        return columnNames(ordered == null ? pk.getColumns() : ordered);
    }

    /** The table's columns in the order Hibernate's schema export creates them. */
    private List<org.hibernate.mapping.Column> exportedColumns(org.hibernate.mapping.Table t) {
        List<org.hibernate.mapping.Column> ordered = ordering().orderTableColumns(t, metadata);
        return ordered == null ? List.copyOf(t.getColumns()) : ordered;
    }

    private ColumnOrderingStrategy ordering() {
        return metadata.getMetadataBuildingOptions().getColumnOrderingStrategy();
    }

    /**
     * A columnDefinition may carry more than the type ("varchar(20) default 'draft' not null"): the type, the default
     * and NOT NULL are taken apart, as PostgreSQL reads them.
     */
    record Definition(String type, String defaultExpr, boolean notNull, String check, boolean unique, String collation) {
        private static final Pattern KEYWORD = Pattern.compile(
                "(?i)\\s+(default|not\\s+null|null|check|unique|primary\\s+key|references|generated|collate|constraint)\\b");

        static Definition parse(String definition) {
            Matcher m = KEYWORD.matcher(definition);
            if (!m.find()) return new Definition(definition.trim(), null, false, null, false, null);
            String type = definition.substring(0, m.start()).trim();
            String rest = definition.substring(m.start());
            String lower = rest.toLowerCase(Locale.ROOT);
            boolean notNull = lower.matches("(?s).*\\bnot\\s+null\\b.*");
            boolean unique = lower.matches("(?s).*\\bunique\\b.*");
            String def = null;
            Matcher d = Pattern.compile("(?i)\\bdefault\\s+").matcher(rest);
            if (d.find()) {
                String after = rest.substring(d.end());
                Matcher next = KEYWORD.matcher(after);
                def = (next.find() ? after.substring(0, next.start()) : after).trim();
            }
            String check = null;
            Matcher k = Pattern.compile("(?i)\\bcheck\\s*\\(").matcher(rest);
            if (k.find()) {
                int open = k.end() - 1, depth = 0, i = open;
                for (; i < rest.length(); i++) {
                    if (rest.charAt(i) == '(') depth++;
                    else if (rest.charAt(i) == ')' && --depth == 0) break;
                }
                if (i < rest.length()) check = rest.substring(open + 1, i).trim();
            }
            String collation = null;
            Matcher c = Pattern.compile("(?i)\\bcollate\\s+(\"(?:[^\"]|\"\")*\"|[\\w.]+)").matcher(rest);
            if (c.find()) {
                String n = c.group(1);
                collation = n.startsWith("\"") ? n.substring(1, n.length() - 1).replace("\"\"", "\"") : n.toLowerCase(Locale.ROOT);
            }
            return new Definition(type, def, notNull, check, unique, collation);
        }
    }

    private static String action(OnDeleteAction a) {
        if (a == null) return null;
        return switch (a) {
            case CASCADE -> "CASCADE";
            case SET_NULL -> "SET NULL";
            case SET_DEFAULT -> "SET DEFAULT";
            case RESTRICT -> "RESTRICT";
            default -> null;
        };
    }

    private List<String> columnNames(List<org.hibernate.mapping.Column> cols) {
        List<String> out = new ArrayList<>();
        for (org.hibernate.mapping.Column c : cols) out.add(name(c));
        return out;
    }

    private String name(org.hibernate.mapping.Column c) {
        return c.isQuoted() ? c.getName() : fold(c.getName());
    }

    private String name(Identifier id) {
        return id.isQuoted() ? id.getText() : fold(id.getText());
    }

    /** A generated or written constraint name: quoted with backticks or double quotes keeps its case. */
    private String name(String n) {
        if (n.length() > 1 && (n.startsWith("`") && n.endsWith("`") || n.startsWith("\"") && n.endsWith("\""))) return n.substring(1, n.length() - 1);
        return fold(n);
    }

    /** Unquoted names fold to lower case as PostgreSQL and H2 (as Retort opens it) fold them; MySQL keeps them as written. */
    private String fold(String n) { return mysql ? n : n.toLowerCase(Locale.ROOT); }
}
