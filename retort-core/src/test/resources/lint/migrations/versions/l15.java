import dev.retort.api.Migration;
import dev.retort.api.Operations;
import dev.retort.api.Revision;

@Revision(id = "l15", parents = "l14", message = "widen a varchar")
class Rl15 implements Migration {
    @Override
    public void upgrade(Operations op) {
        op.alterColumn("public", "account", "email").type("varchar(300)");
    }

    @Override
    public void downgrade(Operations op) { }
}
