import dev.retort.api.Migration;
import dev.retort.api.Operations;
import dev.retort.api.Revision;

@Revision(id = "l20", parents = "l19", message = "fewer decimals for a numeric")
class Rl20 implements Migration {
    @Override
    public void upgrade(Operations op) {
        op.alterColumn("public", "account", "balance").type("numeric(14,1)");
    }

    @Override
    public void downgrade(Operations op) { }
}
