import dev.retort.api.Migration;
import dev.retort.api.Operations;
import dev.retort.api.Revision;

@Revision(id = "l14", parents = "l13", message = "narrow a varchar")
class Rl14 implements Migration {
    @Override
    public void upgrade(Operations op) {
        op.alterColumn("public", "account", "email").existingType("varchar(200)").type("varchar(100)");
    }

    @Override
    public void downgrade(Operations op) { }
}
