import dev.retort.api.Migration;
import dev.retort.api.Operations;
import dev.retort.api.Revision;

@Revision(id = "l12", parents = "l11", message = "a check added not valid")
class Rl12 implements Migration {
    @Override
    public void upgrade(Operations op) {
        op.createCheckConstraint("public", "account", "account_level_check", "level >= 0").notValid();
    }

    @Override
    public void downgrade(Operations op) { }
}
