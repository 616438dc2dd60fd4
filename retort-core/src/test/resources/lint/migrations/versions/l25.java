import dev.retort.api.Migration;
import dev.retort.api.Operations;
import dev.retort.api.Revision;

@Revision(id = "l25", parents = "l24", message = "create and drop a scratch table")
class Rl25 implements Migration {
    @Override
    public void upgrade(Operations op) {
        op.createTable("public", "scratch", t -> t.column("id", "integer"));
        op.dropTable("public", "scratch");
    }

    @Override
    public void downgrade(Operations op) { }
}
