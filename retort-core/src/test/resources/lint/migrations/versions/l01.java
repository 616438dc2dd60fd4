import dev.retort.api.Migration;
import dev.retort.api.Operations;
import dev.retort.api.Revision;

@Revision(id = "l01", message = "create accounts and notes")
class Rl01 implements Migration {
    @Override
    public void upgrade(Operations op) {
        op.createTable("public", "account", t -> {
            t.column("id", "bigint").identity().primaryKey();
            t.column("email", "varchar(200)").notNull();
            t.column("name", "text");
            t.column("age", "integer");
            t.column("balance", "numeric(12,2)");
            t.column("born", "timestamptz");
            t.column("code", "text");
            t.index("email");
        });
        op.createTable("public", "note", t -> {
            t.column("id", "bigint").identity().primaryKey();
            t.column("account_id", "bigint").references("public", "account", "id");
            t.column("body", "text");
        });
    }

    @Override
    public void downgrade(Operations op) { }
}
