import dev.retort.api.Migration;
import dev.retort.api.Operations;
import dev.retort.api.Revision;

@Revision(id = "l22", parents = "l21", message = "rename a column")
class Rl22 implements Migration {
    @Override
    public void upgrade(Operations op) {
        op.renameColumn("public", "account", "name", "full_name");
    }

    @Override
    public void downgrade(Operations op) { }
}
