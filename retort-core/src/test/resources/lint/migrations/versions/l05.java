import dev.retort.api.Migration;
import dev.retort.api.Operations;
import dev.retort.api.Revision;

@Revision(id = "l05", parents = "l04", message = "add a not null column stepwise")
class Rl05 implements Migration {
    @Override
    public void upgrade(Operations op) {
        op.addColumn("public", "account", "rank", "integer").notNull().defaultValue("1").stepwise();
    }

    @Override
    public void downgrade(Operations op) { }
}
