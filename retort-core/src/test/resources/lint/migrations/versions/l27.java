import dev.retort.api.Migration;
import dev.retort.api.Operations;
import dev.retort.api.Revision;

@Revision(id = "l27", parents = "l25", message = "a new table with its index, check and key")
class Rl27 implements Migration {
    @Override
    public void upgrade(Operations op) {
        op.createTable("public", "tag", t -> t.column("id", "bigint").primaryKey());
        op.addColumn("public", "tag", "account_id", "bigint");
        op.createIndex("public", "tag", "tag_account_idx", "account_id");
        op.createForeignKey("public", "tag", "tag_account_fk", "account_id").references("public", "account", "id");
        op.createCheckConstraint("public", "tag", "tag_id_check", "id > 0");
    }

    @Override
    public void downgrade(Operations op) { }
}
