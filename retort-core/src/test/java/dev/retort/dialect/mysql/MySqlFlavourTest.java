package dev.retort.dialect.mysql;

import org.junit.jupiter.api.Tag;
import dev.retort.api.Operations;
import dev.retort.config.DatabaseUrl;
import dev.retort.dialects.Dialects;
import dev.retort.ops.Operation;
import dev.retort.ops.SchemaState;
import dev.retort.runtime.Connections;
import dev.retort.testing.MariaDb;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where MySQL 8 and MariaDB spell things differently. No MySQL 8 server runs here, so MySQL's statements are checked
 * as text, and run on MariaDB where the two share the grammar and InnoDB's rules (the index a foreign key makes).
 */
@Tag("database")
class MySqlFlavourTest {
    static List<Operation> ops(Consumer<Operations> body) {
        Operations op = new Operations();
        body.accept(op);
        return op.operations();
    }

    static final Consumer<Operations> TABLES = op -> {
        op.createTable("public", "parent", t -> t.column("id", "bigint").primaryKey());
        op.createTable("public", "doc", t -> {
            t.column("id", "uuid").primaryKey();
            t.column("parent_id", "bigint").notNull().references("public", "parent", "id");
            t.column("body", "jsonb").notNull().defaultValue("'{}'::jsonb");
            t.column("note", "text").defaultValue("'none'");
        });
    };

    static List<String> render(MySqlDialect d, List<Operation> ops, SchemaState state) {
        List<String> out = new ArrayList<>();
        for (Operation o : ops) out.addAll(d.renderStep(o, state));
        return out;
    }

    @Test
    void theUrlSchemeSaysWhichServerUntilAConnectionTellsIt() throws Exception {
        assertThat(((MySqlDialect) Dialects.forUrl(DatabaseUrl.parse("mariadb://root@127.0.0.1/x"))).mariadb()).isTrue();
        assertThat(((MySqlDialect) Dialects.forUrl(DatabaseUrl.parse("jdbc:mariadb://127.0.0.1/x"))).mariadb()).isTrue();
        assertThat(((MySqlDialect) Dialects.forUrl(DatabaseUrl.parse("r2dbc:mariadb://127.0.0.1/x"))).mariadb()).isTrue();
        try (MariaDb db = MariaDb.create()) {
            DatabaseUrl url = DatabaseUrl.parse(db.url()); // mysql://, as users of either server write it
            MySqlDialect d = (MySqlDialect) Dialects.forUrl(url);
            assertThat(d.mariadb()).isFalse();
            try (Connection c = Connections.open(url, d)) {
                assertThat(d.mariadb()).isTrue();
            }
        }
    }

    @Test
    void mySqlGetsChar36ForUuidAndParenthesisedDefaultsOnTextAndJson() {
        List<String> mysql = render(new MySqlDialect("app", false), ops(TABLES), new SchemaState());
        List<String> maria = render(new MySqlDialect("app", true), ops(TABLES), new SchemaState());
        String docMy = mysql.stream().filter(s -> s.startsWith("CREATE TABLE `doc`")).findFirst().orElseThrow();
        String docMaria = maria.stream().filter(s -> s.startsWith("CREATE TABLE `doc`")).findFirst().orElseThrow();
        assertThat(docMy).contains("`id` char(36) NOT NULL", "`body` json NOT NULL DEFAULT ('{}')", "`note` text DEFAULT ('none')");
        assertThat(docMaria).contains("`id` uuid NOT NULL", "`body` json NOT NULL DEFAULT '{}'", "`note` text DEFAULT 'none'");
    }

    /**
     * MySQL 8 has no DROP INDEX IF EXISTS: the index InnoDB made for a foreign key is dropped by name when the history
     * shows no other index the key could use, and left alone otherwise. MariaDB follows the same rule, so the
     * statements run there and the indexes that remain are checked.
     */
    @Test
    void droppingAForeignKeyDropsTheIndexInnoDbMadeForIt() throws Exception {
        MySqlDialect mysql = new MySqlDialect(null, false);
        Consumer<Operations> schema = op -> {
            op.createTable("public", "parent", t -> t.column("id", "bigint").primaryKey());
            op.createTable("public", "lone", t -> {
                t.column("id", "bigint").primaryKey();
                t.column("parent_id", "bigint").references("public", "parent", "id");
            });
            op.createTable("public", "covered", t -> {
                t.column("id", "bigint").primaryKey();
                t.column("parent_id", "bigint").references("public", "parent", "id");
                t.column("at", "integer");
                t.index("parent_id", "at").name("covered_parent_at_idx");
            });
        };
        SchemaState state = new SchemaState();
        List<String> create = render(mysql, ops(schema), state);
        List<String> drop = render(mysql, ops(op -> {
            op.dropConstraint("public", "lone", "lone_parent_id_fkey");
            op.dropConstraint("public", "covered", "covered_parent_id_fkey");
        }), state);
        assertThat(drop).containsExactly(
                "ALTER TABLE `lone` DROP FOREIGN KEY `lone_parent_id_fkey`",
                "ALTER TABLE `lone` DROP INDEX `lone_parent_id_fkey`",
                "ALTER TABLE `covered` DROP FOREIGN KEY `covered_parent_id_fkey`");
        try (MariaDb db = MariaDb.create(); Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String sql : create) s.execute(sql);
            for (String sql : drop) s.execute(sql);
            List<String> indexes = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT DISTINCT CONCAT(TABLE_NAME, '.', INDEX_NAME) FROM information_schema.STATISTICS"
                    + " WHERE TABLE_SCHEMA = DATABASE() AND INDEX_NAME <> 'PRIMARY' ORDER BY 1")) {
                while (rs.next()) indexes.add(rs.getString(1));
            }
            assertThat(indexes).containsExactly("covered.covered_parent_at_idx");
        }
    }

    /**
     * MySQL changes a column by restating it (MODIFY COLUMN): what the restatement leaves out, the column loses. A
     * collation of the column's own and its ON UPDATE value are read, so a change to something else keeps them.
     */
    @Test
    void restatingAColumnKeepsItsCollationAndOnUpdateValue() throws Exception {
        try (MariaDb db = MariaDb.create(); Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE word (id bigint PRIMARY KEY, word varchar(64) COLLATE utf8mb4_bin NOT NULL,"
                    + " seen datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6))");
            MySqlDialect d = new MySqlDialect(db.name());
            dev.retort.schema.Catalog before = d.inspect(c, dev.retort.dialect.Filter.schemas(List.of("public")));
            List<Operation> change = ops(op -> {
                op.alterColumn("public", "word", "word").nullable(true);
                op.alterColumn("public", "word", "seen").nullable(true);
            });
            List<String> sql = d.renderAll(change, before);
            assertThat(sql).containsExactly(
                    "ALTER TABLE `word` MODIFY COLUMN `word` varchar(64) COLLATE `utf8mb4_bin`",
                    "ALTER TABLE `word` MODIFY COLUMN `seen` datetime(6) DEFAULT current_timestamp(6) ON UPDATE current_timestamp(6)");
            for (String stmt : sql) s.execute(stmt);
            String table;
            try (ResultSet rs = s.executeQuery("SHOW CREATE TABLE word")) {
                rs.next();
                table = rs.getString(2);
            }
            assertThat(table).contains("`word` varchar(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin DEFAULT NULL")
                    .contains("`seen` datetime(6) DEFAULT current_timestamp(6) ON UPDATE current_timestamp(6)");
        }
    }

    /** A full-text index, declared with using("fulltext"), is made as one (whole columns, no prefix) and read back as one. */
    @Test
    void aFullTextIndexIsMadeAndReadBackAsOne() throws Exception {
        dev.retort.model.Metadata m = new dev.retort.model.Metadata();
        m.table("public", "note", t -> {
            t.column("id", "bigint").primaryKey();
            t.column("body", "text").notNull();
            t.index("body").name("note_body_ft").using("fulltext");
            t.index("body").name("note_body_idx");
        });
        try (MariaDb db = MariaDb.create(); Connection c = db.connect(); Statement s = c.createStatement()) {
            MySqlDialect d = new MySqlDialect(db.name(), true);
            dev.retort.schema.Catalog declared = d.normalize(m.toCatalog());
            List<String> sql = d.renderAll(new dev.retort.compare.Compare(d, new dev.retort.compare.CompareOptions(true, true))
                    .compare(d.inspect(c, dev.retort.dialect.Filter.schemas(List.of("public"))), declared), new dev.retort.schema.Catalog(java.util.Map.of(), true));
            assertThat(String.join("\n", sql)).contains("FULLTEXT INDEX `note_body_ft` (`body`)").contains("INDEX `note_body_idx` (`body`(255))");
            for (String stmt : sql) s.execute(stmt);
            try (ResultSet rs = s.executeQuery("SELECT INDEX_TYPE FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND INDEX_NAME = 'note_body_ft'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("FULLTEXT");
            }
            List<Operation> again = new dev.retort.compare.Compare(d, new dev.retort.compare.CompareOptions(true, true))
                    .compare(d.inspect(c, dev.retort.dialect.Filter.schemas(List.of("public"))), declared);
            assertThat(again).as("read back as declared").isEmpty();
        }
    }

    @Test
    void mySqlCatalogTextReadsAsWritten() {
        assertThat(MySqlInspector.mysqlExpression("_utf8mb4\\'{}\\'")).isEqualTo("'{}'");
        assertThat(MySqlInspector.mysqlExpression("concat(_utf8mb4\\'a\\',`b`)")).isEqualTo("concat('a',`b`)");
        assertThat(MySqlInspector.mysqlExpression("CURRENT_TIMESTAMP(6)")).isEqualTo("CURRENT_TIMESTAMP(6)");
        MySqlInspector i = new MySqlInspector(new MySqlDialect(), false);
        assertThat(i.mysqlLiteral("0")).isEqualTo("0");
        assertThat(i.mysqlLiteral("-1.5")).isEqualTo("-1.5");
        assertThat(i.mysqlLiteral("it's")).isEqualTo("'it''s'");
    }
}
