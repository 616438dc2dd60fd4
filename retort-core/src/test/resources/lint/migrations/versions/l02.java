import dev.retort.api.Migration;
import dev.retort.api.Operations;
import dev.retort.api.Revision;

@Revision(id = "l02", parents = "l01", message = "add a nullable column")
class Rl02 implements Migration {
    @Override
    public void upgrade(Operations op) {
        op.addColumn("public", "account", "nickname", "text");
    }

    @Override
    public void downgrade(Operations op) { }
}
