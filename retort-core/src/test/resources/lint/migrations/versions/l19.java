import dev.retort.api.Migration;
import dev.retort.api.Operations;
import dev.retort.api.Revision;

@Revision(id = "l19", parents = "l18", message = "more digits for a numeric")
class Rl19 implements Migration {
    @Override
    public void upgrade(Operations op) {
        op.alterColumn("public", "account", "balance").type("numeric(14,2)");
    }

    @Override
    public void downgrade(Operations op) { }
}
