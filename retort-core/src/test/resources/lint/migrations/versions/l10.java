import dev.retort.api.Migration;
import dev.retort.api.Operations;
import dev.retort.api.Revision;

@Revision(id = "l10", parents = "l09", message = "a foreign key added not valid")
class Rl10 implements Migration {
    @Override
    public void upgrade(Operations op) {
        op.addColumn("public", "note", "editor_id", "bigint");
        op.createForeignKey("public", "note", "note_editor_fk", "editor_id").references("public", "account", "id").notValid();
    }

    @Override
    public void downgrade(Operations op) { }
}
