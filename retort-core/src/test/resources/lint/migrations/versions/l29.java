import dev.retort.api.Migration;
import dev.retort.api.Operations;
import dev.retort.api.Revision;

@Revision(id = "l29", parents = "l28", message = "drop the archive schema")
class Rl29 implements Migration {
    @Override
    public void upgrade(Operations op) {
        op.dropSchema("archive");
    }

    @Override
    public void downgrade(Operations op) { }
}
