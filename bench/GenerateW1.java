import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the W1 workload: T tables across "public" and "stratsim", each with 8 columns of mixed types, a primary key,
 * a foreign key (every fifth one across schemas), 2 indexes, a unique constraint, server defaults and comments. The
 * models are Java DSL classes of 100 tables each (models/), the same schema is one SQL file (schema.sql) to load the
 * database, and retort.toml points at both. Deterministic. Usage: java bench/GenerateW1.java T OUT_DIR
 */
public class GenerateW1 {
    public static void main(String[] args) throws IOException {
        int n = Integer.parseInt(args[0]);
        Path out = Path.of(args[1]);
        Path models = Files.createDirectories(out.resolve("models/w1"));
        Files.createDirectories(out.resolve("migrations/versions"));
        Files.writeString(out.resolve("retort.toml"), "script_location = \"migrations\"\nschemas = [\"public\", \"stratsim\"]\n"
                + "[models]\npackages = [\"w1.*\"]\nsources = [\"models\"]\n");
        StringBuilder sql = new StringBuilder("CREATE SCHEMA IF NOT EXISTS stratsim;\n");
        StringBuilder fks = new StringBuilder();
        StringBuilder model = null;
        int classNo = 0;
        for (int i = 1; i <= n; i++) {
            if ((i - 1) % 100 == 0) {
                if (model != null) finish(models, classNo, model);
                classNo++;
                model = new StringBuilder("package w1;\n\nimport dev.retort.model.Metadata;\nimport dev.retort.model.Model;\n\n"
                        + "public class Tables" + classNo + " implements Model {\n    @Override\n    public void define(Metadata m) {\n");
            }
            String schema = i % 2 == 0 ? "stratsim" : "public";
            String t = "w1_t" + i;
            int ref = i > 1 ? i - 1 : 0;
            String refSchema = ref % 2 == 0 ? "stratsim" : "public";
            model.append("        m.table(\"").append(schema).append("\", \"").append(t).append("\", t -> {\n")
                    .append("            t.column(\"id\", \"bigint\").primaryKey();\n")
                    .append("            t.column(\"code\", \"varchar(40)\").notNull().unique();\n")
                    .append("            t.column(\"title\", \"text\");\n")
                    .append("            t.column(\"qty\", \"integer\").notNull().defaultValue(\"0\");\n")
                    .append("            t.column(\"price\", \"numeric(10,2)\");\n")
                    .append("            t.column(\"active\", \"boolean\").notNull().defaultValue(\"true\");\n")
                    .append("            t.column(\"created_at\", \"timestamptz\").notNull().defaultValue(\"now()\").comment(\"when it was made\");\n")
                    .append("            t.column(\"data\", \"jsonb\");\n");
            if (ref > 0) model.append("            t.column(\"parent_id\", \"bigint\").references(\"").append(refSchema).append("\", \"w1_t").append(ref).append("\", \"id\");\n");
            model.append("            t.index(\"title\");\n            t.index(\"created_at\", \"qty\");\n            t.comment(\"table ").append(i).append("\");\n        });\n");

            sql.append("CREATE TABLE ").append(schema).append('.').append(t).append(" (id bigint NOT NULL, code varchar(40) NOT NULL, title text, ")
                    .append("qty integer DEFAULT 0 NOT NULL, price numeric(10,2), active boolean DEFAULT true NOT NULL, ")
                    .append("created_at timestamptz DEFAULT now() NOT NULL, data jsonb").append(ref > 0 ? ", parent_id bigint" : "")
                    .append(", CONSTRAINT ").append(t).append("_pkey PRIMARY KEY (id), CONSTRAINT ").append(t).append("_code_key UNIQUE (code));\n")
                    .append("CREATE INDEX ").append(t).append("_title_idx ON ").append(schema).append('.').append(t).append(" (title);\n")
                    .append("CREATE INDEX ").append(t).append("_created_at_qty_idx ON ").append(schema).append('.').append(t).append(" (created_at, qty);\n")
                    .append("COMMENT ON TABLE ").append(schema).append('.').append(t).append(" IS 'table ").append(i).append("';\n")
                    .append("COMMENT ON COLUMN ").append(schema).append('.').append(t).append(".created_at IS 'when it was made';\n");
            if (ref > 0) fks.append("ALTER TABLE ").append(schema).append('.').append(t).append(" ADD CONSTRAINT ").append(t)
                    .append("_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES ").append(refSchema).append(".w1_t").append(ref).append(" (id);\n");
        }
        finish(models, classNo, model);
        Files.writeString(out.resolve("schema.sql"), sql.append(fks).toString());
    }

    private static void finish(Path dir, int no, StringBuilder model) throws IOException {
        model.append("    }\n}\n");
        Files.writeString(dir.resolve("Tables" + no + ".java"), model.toString());
    }
}
