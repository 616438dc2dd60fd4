import dev.retort.api.Migration;
import dev.retort.api.Operations;
import dev.retort.api.Revision;

@Revision(id = "l36", parents = "l35", message = "a type and a default that would end the statement and start another")
class Rl36 implements Migration {
    @Override
    public void upgrade(Operations op) {
        op.addColumn("public", "account", "nickname", "integer); DROP TABLE public.account; CREATE TABLE public.zz (x integer");
        op.createTable("public", "note", t -> {
            t.column("id", "bigint").primaryKey();
            t.column("body", "text").defaultValue("''; DELETE FROM public.account; --");
        });
        op.addColumn("public", "account", "plain", "varchar(40)");
    }

    @Override
    public void downgrade(Operations op) { }
}
