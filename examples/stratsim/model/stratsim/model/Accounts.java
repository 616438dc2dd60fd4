package stratsim.model;

import dev.retort.model.Metadata;
import dev.retort.model.Model;

/**
 * User accounts, in the public schema. On PostgreSQL, MySQL and SQLite a trigger keeps {@code updated_at}; each is
 * written in its database's SQL, so each is declared for it only (the other databases skip them, with a warning; H2
 * makes the column alone).
 */
public class Accounts implements Model {
    @Override
    public void define(Metadata m) {
        m.table("public", "account", t -> {
            t.column("id", "bigint").identity().primaryKey();
            t.column("email", "varchar(255)").notNull().unique();
            t.column("display_name", "varchar(100)").notNull();
            t.column("created_at", "timestamptz").notNull().defaultValue("now()");
            t.column("updated_at", "timestamptz");
            t.index("created_at");
            t.comment("People who own scenarios and start simulation runs");
            t.trigger("account_touch", "CREATE TRIGGER account_touch BEFORE UPDATE ON account FOR EACH ROW EXECUTE FUNCTION touch_updated_at()")
                    .only("postgresql");
            // SQLite's and MySQL's own triggers for the same (H2's triggers are Java classes)
            t.trigger("account_touch_sqlite", """
                    CREATE TRIGGER account_touch_sqlite AFTER UPDATE OF email, display_name ON account FOR EACH ROW
                    BEGIN
                        UPDATE account SET updated_at = CURRENT_TIMESTAMP WHERE id = NEW.id;
                    END""").only("sqlite");
            t.trigger("account_touch_mysql", "CREATE TRIGGER account_touch_mysql BEFORE UPDATE ON account FOR EACH ROW SET NEW.updated_at = now(6)")
                    .only("mysql");
        });
        m.function("public", "touch_updated_at()", """
                CREATE FUNCTION touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    NEW.updated_at := now();
                    RETURN NEW;
                END
                $$""").only("postgresql");
    }
}
