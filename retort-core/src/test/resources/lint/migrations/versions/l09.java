import dev.retort.api.Migration;
import dev.retort.api.Operations;
import dev.retort.api.Revision;

@Revision(id = "l09", parents = "l08", message = "a foreign key on an existing table")
class Rl09 implements Migration {
    @Override
    public void upgrade(Operations op) {
        op.addColumn("public", "note", "author_id", "bigint");
        op.createForeignKey("public", "note", "note_author_fk", "author_id").references("public", "account", "id");
    }

    @Override
    public void downgrade(Operations op) { }
}
