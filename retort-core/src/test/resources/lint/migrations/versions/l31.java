import dev.retort.api.Migration;
import dev.retort.api.Operations;
import dev.retort.api.Revision;

@Revision(id = "l31", parents = "l30", message = "text to integer")
class Rl31 implements Migration {
    @Override
    public void upgrade(Operations op) {
        op.alterColumn("public", "account", "code").type("integer").using("code::integer");
    }

    @Override
    public void downgrade(Operations op) { }
}
