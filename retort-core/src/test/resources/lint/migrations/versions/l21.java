import dev.retort.api.Migration;
import dev.retort.api.Operations;
import dev.retort.api.Revision;

@Revision(id = "l21", parents = "l20", message = "set not null on an existing column")
class Rl21 implements Migration {
    @Override
    public void upgrade(Operations op) {
        op.alterColumn("public", "account", "name").nullable(false);
    }

    @Override
    public void downgrade(Operations op) { }
}
