import dev.retort.api.Migration;
import dev.retort.api.Operations;
import dev.retort.api.Revision;

@Revision(id = "l13", parents = "l12", message = "a unique constraint on an existing table")
class Rl13 implements Migration {
    @Override
    public void upgrade(Operations op) {
        op.createUniqueConstraint("public", "account", "account_email_key", "email");
    }

    @Override
    public void downgrade(Operations op) { }
}
