import dev.retort.api.Migration;
import dev.retort.api.Operations;
import dev.retort.api.Revision;

@Revision(id = "l11", parents = "l10", message = "a check on an existing table")
class Rl11 implements Migration {
    @Override
    public void upgrade(Operations op) {
        op.createCheckConstraint("public", "account", "account_age_check", "age >= 0");
    }

    @Override
    public void downgrade(Operations op) { }
}
