import dev.retort.api.Migration;
import dev.retort.api.Operations;
import dev.retort.api.Revision;

@Revision(id = "l08", parents = "l07", message = "index an existing table concurrently")
class Rl08 implements Migration {
    @Override
    public void upgrade(Operations op) {
        op.createIndex("public", "account", "account_age_idx", "age").concurrently();
    }

    @Override
    public void downgrade(Operations op) { }
}
