import dev.retort.api.Migration;
import dev.retort.api.Operations;
import dev.retort.api.Revision;

@Revision(id = "l17", parents = "l16", message = "integer to bigint")
class Rl17 implements Migration {
    @Override
    public void upgrade(Operations op) {
        op.alterColumn("public", "account", "age").type("bigint");
    }

    @Override
    public void downgrade(Operations op) { }
}
