import dev.retort.api.Migration;
import dev.retort.api.Operations;
import dev.retort.api.Revision;

@Revision(id = "l24", parents = "l23", message = "raw sql")
class Rl24 implements Migration {
    @Override
    public void upgrade(Operations op) {
        op.execute("UPDATE account SET level = 1 WHERE level = 0");
    }

    @Override
    public void downgrade(Operations op) { }
}
