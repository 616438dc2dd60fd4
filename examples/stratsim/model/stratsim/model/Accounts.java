package stratsim.model;

import dev.retort.model.Metadata;
import dev.retort.model.Model;

/** User accounts, in the public schema. */
public class Accounts implements Model {
    @Override
    public void define(Metadata m) {
        m.table("public", "account", t -> {
            t.column("id", "bigint").identity().primaryKey();
            t.column("email", "varchar(255)").notNull().unique();
            t.column("display_name", "varchar(100)").notNull();
            t.column("created_at", "timestamptz").notNull().defaultValue("now()");
            t.index("created_at");
            t.comment("People who own scenarios and start simulation runs");
        });
    }
}
