import dev.retort.api.Migration;
import dev.retort.api.Operations;
import dev.retort.api.Revision;

@Revision(id = "l18", parents = "l17", message = "bigint back to integer")
class Rl18 implements Migration {
    @Override
    public void upgrade(Operations op) {
        op.alterColumn("public", "account", "age").type("integer");
    }

    @Override
    public void downgrade(Operations op) { }
}
