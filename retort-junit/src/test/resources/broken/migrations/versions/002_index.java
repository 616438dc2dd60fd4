import dev.retort.api.Migration;
import dev.retort.api.Operations;
import dev.retort.api.Revision;

@Revision(id = "bb02", parents = "aa01", message = "index notes by body, and tags")
class Rbb02 implements Migration {
    @Override
    public void upgrade(Operations op) {
        op.createIndex("public", "note", "note_body_idx", "body");
        op.createTable("public", "tag", t -> t.column("name", "text").primaryKey());
    }

    @Override
    public void downgrade(Operations op) {
        // wrong on purpose: the index and the table stay
    }
}
