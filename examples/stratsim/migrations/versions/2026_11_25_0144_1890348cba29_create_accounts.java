import dev.retort.api.Migration;
import dev.retort.api.Operations;
import dev.retort.api.Revision;

@Revision(
        id = "1890348cba29",
        message = "create accounts",
        created = "2026-11-25T01:44:34Z")
class R1890348cba29 implements Migration {

    @Override
    public void upgrade(Operations op) {
        op.createTable("public", "account", t -> {
            t.column("id", "bigint").identity().primaryKey();
            t.column("email", "varchar(255)").notNull().unique();
            t.column("display_name", "varchar(100)").notNull();
            t.column("created_at", "timestamptz").notNull().defaultValue("now()");
            t.index("created_at");
            t.comment("People who own scenarios and start simulation runs");
        });
    }

    @Override
    public void downgrade(Operations op) {
        op.dropTable("public", "account");
    }
}
