import dev.retort.api.Migration;
import dev.retort.api.Operations;
import dev.retort.api.Revision;

@Revision(id = "l16", parents = "l15", message = "varchar to text")
class Rl16 implements Migration {
    @Override
    public void upgrade(Operations op) {
        op.alterColumn("public", "account", "email").type("text");
    }

    @Override
    public void downgrade(Operations op) { }
}
