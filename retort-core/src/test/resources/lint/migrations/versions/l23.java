import dev.retort.api.Migration;
import dev.retort.api.Operations;
import dev.retort.api.Revision;

@Revision(id = "l23", parents = "l22", message = "rename a table")
class Rl23 implements Migration {
    @Override
    public void upgrade(Operations op) {
        op.renameTable("public", "note", "memo");
    }

    @Override
    public void downgrade(Operations op) { }
}
