import dev.retort.api.Migration;
import dev.retort.api.Operations;
import dev.retort.api.Revision;

@Revision(id = "l04", parents = "l03", message = "add a not null column with a default")
class Rl04 implements Migration {
    @Override
    public void upgrade(Operations op) {
        op.addColumn("public", "account", "level", "integer").notNull().defaultValue("0");
    }

    @Override
    public void downgrade(Operations op) { }
}
