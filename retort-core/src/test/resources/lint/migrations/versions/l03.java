import dev.retort.api.Migration;
import dev.retort.api.Operations;
import dev.retort.api.Revision;

@Revision(id = "l03", parents = "l02", message = "add a not null column without default")
class Rl03 implements Migration {
    @Override
    public void upgrade(Operations op) {
        op.addColumn("public", "account", "tier", "integer").notNull();
    }

    @Override
    public void downgrade(Operations op) { }
}
