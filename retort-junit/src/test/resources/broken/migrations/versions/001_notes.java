import dev.retort.api.Migration;
import dev.retort.api.Operations;
import dev.retort.api.Revision;

@Revision(id = "aa01", message = "notes")
class Raa01 implements Migration {
    @Override
    public void upgrade(Operations op) {
        op.createTable("public", "note", t -> {
            t.column("id", "bigint").primaryKey();
            t.column("body", "text");
        });
    }

    @Override
    public void downgrade(Operations op) {
        op.dropTable("public", "note");
    }
}
