import dev.retort.api.Migration;
import dev.retort.api.Operations;
import dev.retort.api.Revision;

@Revision(id = "l32", parents = "l31", message = "not null with a default on a table created here")
class Rl32 implements Migration {
    @Override
    public void upgrade(Operations op) {
        op.createTable("public", "audit", t -> t.column("id", "bigint").primaryKey());
        op.addColumn("public", "audit", "at", "timestamptz").notNull();
    }

    @Override
    public void downgrade(Operations op) { }
}
