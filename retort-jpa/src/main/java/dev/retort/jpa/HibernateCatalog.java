package dev.retort.jpa;

import dev.retort.model.Names;
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

    HibernateCatalog(MetadataImplementor metadata) { this.metadata = metadata; }

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
        Map<String, Schema> out = new HashMap<>();
        for (String s : union(tables.keySet(), sequences.keySet())) {
            out.put(s, new Schema(s, tables.getOrDefault(s, Map.of()), sequences.getOrDefault(s, Map.of()), Map.of(), Map.of()));
        }
        return new Catalog(out, false);
    }

    private static List<String> union(java.util.Set<String> a, java.util.Set<String> b) {
        java.util.TreeSet<String> all = new java.util.TreeSet<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    private Table table(String schema, org.hibernate.mapping.Table t) {
        String tableName = name(t.getNameIdentifier());
        List<Column> columns = new ArrayList<>();
        List<CheckConstraint> checks = new ArrayList<>();
        for (org.hibernate.mapping.Column c : exportedColumns(t)) {
            String col = name(c);
            Column.Identity identity = c.isIdentity() ? Column.Identity.byDefault() : null;
            Definition def = c.getSqlType() != null ? Definition.parse(c.getSqlType()) : new Definition(c.getSqlType(metadata), null, false);
            boolean nullable = c.isNullable() && !def.notNull() && !t.isPrimaryKey(c) && identity == null;
            String dflt = c.getDefaultValue() != null ? c.getDefaultValue() : def.defaultExpr();
            columns.add(new Column(col, def.type(), nullable, dflt, identity, c.getGeneratedAs(), c.getCollation(), c.getComment()));
            for (org.hibernate.mapping.CheckConstraint k : c.getCheckConstraints()) {
                checks.add(new CheckConstraint(k.isNamed() ? name(k.getName()) : Names.check(tableName, col), k.getConstraint()));
            }
        }
        int anonymous = 0;
        for (org.hibernate.mapping.CheckConstraint k : t.getChecks()) {
            String n = k.isNamed() ? name(k.getName()) : tableName + "_check" + (anonymous == 0 ? "" : String.valueOf(anonymous - 1));
            if (!k.isNamed()) anonymous++;
            checks.add(new CheckConstraint(n, k.getConstraint()));
        }
        PrimaryKey pk = null;
        if (t.getPrimaryKey() != null && !t.getPrimaryKey().getColumns().isEmpty()) {
            // Hibernate's exporter writes an unnamed "primary key (...)", so PostgreSQL names it
            pk = new PrimaryKey(Names.primaryKey(tableName), exportedKeyColumns(t.getPrimaryKey()));
        }
        List<UniqueConstraint> uniques = new ArrayList<>();
        for (org.hibernate.mapping.UniqueKey u : t.getUniqueKeys().values()) {
            List<String> cols = columnNames(u.getColumns());
            uniques.add(new UniqueConstraint(u.getName() == null ? Names.unique(tableName, cols) : name(u.getName()), cols, false));
        }
        for (org.hibernate.mapping.Column c : t.getColumns()) {
            if (c.isUnique() && uniques.stream().noneMatch(u -> u.columns().equals(List.of(name(c))))) {
                uniques.add(new UniqueConstraint(Names.unique(tableName, List.of(name(c))), List.of(name(c)), false));
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

    private org.hibernate.boot.model.relational.ColumnOrderingStrategy ordering() {
        return metadata.getMetadataBuildingOptions().getColumnOrderingStrategy();
    }

    /**
     * A columnDefinition may carry more than the type ("varchar(20) default 'draft' not null"): the type, the default
     * and NOT NULL are taken apart, as PostgreSQL reads them.
     */
    record Definition(String type, String defaultExpr, boolean notNull) {
        private static final java.util.regex.Pattern KEYWORD = java.util.regex.Pattern.compile(
                "(?i)\\s+(default|not\\s+null|null|check|unique|primary\\s+key|references|generated|collate|constraint)\\b");

        static Definition parse(String definition) {
            java.util.regex.Matcher m = KEYWORD.matcher(definition);
            if (!m.find()) return new Definition(definition.trim(), null, false);
            String type = definition.substring(0, m.start()).trim();
            String rest = definition.substring(m.start());
            boolean notNull = rest.toLowerCase(Locale.ROOT).matches("(?s).*\\bnot\\s+null\\b.*");
            String def = null;
            java.util.regex.Matcher d = java.util.regex.Pattern.compile("(?i)\\bdefault\\s+").matcher(rest);
            if (d.find()) {
                String after = rest.substring(d.end());
                java.util.regex.Matcher next = KEYWORD.matcher(after);
                def = (next.find() ? after.substring(0, next.start()) : after).trim();
            }
            return new Definition(type, def, notNull);
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

    private static List<String> columnNames(List<org.hibernate.mapping.Column> cols) {
        List<String> out = new ArrayList<>();
        for (org.hibernate.mapping.Column c : cols) out.add(name(c));
        return out;
    }

    private static String name(org.hibernate.mapping.Column c) {
        return c.isQuoted() ? c.getName() : c.getName().toLowerCase(Locale.ROOT);
    }

    private static String name(Identifier id) {
        return id.isQuoted() ? id.getText() : id.getText().toLowerCase(Locale.ROOT);
    }

    /** A generated or written constraint name: quoted with backticks or double quotes keeps its case. */
    private static String name(String n) {
        if (n.length() > 1 && (n.startsWith("`") && n.endsWith("`") || n.startsWith("\"") && n.endsWith("\""))) return n.substring(1, n.length() - 1);
        return n.toLowerCase(Locale.ROOT);
    }
}
