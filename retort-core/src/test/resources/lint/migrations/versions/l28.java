import dev.retort.api.Migration;
import dev.retort.api.Operations;
import dev.retort.api.Revision;

@Revision(id = "l28", parents = "l27", message = "an archive schema")
class Rl28 implements Migration {
    @Override
    public void upgrade(Operations op) {
        op.createSchema("archive");
    }

    @Override
    public void downgrade(Operations op) { }
}
