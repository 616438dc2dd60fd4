import dev.retort.api.Migration;
import dev.retort.api.Operations;
import dev.retort.api.Revision;

@Revision(id = "l06", parents = "l05", message = "drop a column")
class Rl06 implements Migration {
    @Override
    public void upgrade(Operations op) {
        op.dropColumn("public", "account", "nickname");
    }

    @Override
    public void downgrade(Operations op) { }
}
