import dev.retort.api.Migration;
import dev.retort.api.Operations;
import dev.retort.api.Revision;

@Revision(id = "l30", parents = "l29", message = "a timestamp to a date")
class Rl30 implements Migration {
    @Override
    public void upgrade(Operations op) {
        op.alterColumn("public", "account", "born").type("date");
    }

    @Override
    public void downgrade(Operations op) { }
}
