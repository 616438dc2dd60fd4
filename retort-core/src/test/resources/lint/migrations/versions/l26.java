import dev.retort.api.Lint;
import dev.retort.api.Migration;
import dev.retort.api.Operations;
import dev.retort.api.Revision;

@Revision(id = "l26", parents = "l32", message = "drop a column, knowingly")
@Lint(ignore = {"drop-column"})
class Rl26 implements Migration {
    @Override
    public void upgrade(Operations op) {
        op.dropColumn("public", "account", "code");
        op.dropColumn("public", "account", "born");
    }

    @Override
    public void downgrade(Operations op) { }
}
