import dev.retort.api.Migration;
import dev.retort.api.Operations;
import dev.retort.api.Revision;

@Revision(id = "l07", parents = "l06", message = "index an existing table")
class Rl07 implements Migration {
    @Override
    public void upgrade(Operations op) {
        op.createIndex("public", "account", "account_name_idx", "name");
    }

    @Override
    public void downgrade(Operations op) { }
}
